"""What the user reads instead of ids: label ids, column names and missing values as
words, in Italian or English. Pure functions over values and frames, so that every page
(and its test) shows `Disdetta e contratto`, not `cancellation_contract`."""
from __future__ import annotations

import pandas as pd

from pipelines.formatting import number

LABELS = {
    "it": {
        "category": {"billing": "Fatturazione", "network": "Rete e linea", "activation_porting": "Attivazione e portabilità",
                     "offers_devices": "Offerte e dispositivi", "telemarketing_privacy": "Telemarketing e privacy",
                     "cancellation_contract": "Disdetta e contratto", "customer_service": "Assistenza clienti",
                     "other": "Altro"},
        "sentiment": {"negative": "Negativo", "neutral": "Neutro", "positive": "Positivo"},
        "churn": {"none": "Nessuno", "threat": "Minaccia di andarsene", "switched": "Passaggio annunciato",
                  "cancel": "Disdetta"},
        "followup": {"none": "", "fixed": "Conferma: risolto", "still_broken": "Ancora guasto"},
        "act": {"acknowledge": "Presa in carico", "request_data": "Richiesta di dati", "escalate": "Escalation",
                "resolve": "Risoluzione", "deflect": "Rimando altrove", "other": "Altro"},
        "outcome": {"success": "Risolta", "failure": "Fallita", "unknown": "Esito ignoto"},
        "channel": {"twitter": "X / Twitter", "facebook": "Facebook", "instagram": "Instagram", "dm": "Messaggio privato",
                    "unknown": "Sconosciuto"},
        "answered": {True: "Sì", False: "No"},
    },
    "en": {
        "category": {"billing": "Billing", "network": "Network and line", "activation_porting": "Activation and porting",
                     "offers_devices": "Offers and devices", "telemarketing_privacy": "Telemarketing and privacy",
                     "cancellation_contract": "Cancellation and contract", "customer_service": "Customer service",
                     "other": "Other"},
        "sentiment": {"negative": "Negative", "neutral": "Neutral", "positive": "Positive"},
        "churn": {"none": "None", "threat": "Threat to leave", "switched": "Announced switch", "cancel": "Cancellation"},
        "followup": {"none": "", "fixed": "Confirms it is fixed", "still_broken": "Still broken"},
        "act": {"acknowledge": "Acknowledgement", "request_data": "Data request", "escalate": "Escalation",
                "resolve": "Resolution", "deflect": "Sent elsewhere", "other": "Other"},
        "outcome": {"success": "Resolved", "failure": "Failed", "unknown": "Outcome unknown"},
        "channel": {"twitter": "X / Twitter", "facebook": "Facebook", "instagram": "Instagram", "dm": "Direct message",
                    "unknown": "Unknown"},
        "answered": {True: "Yes", False: "No"},
    },
}
# result column -> (its header by language, the label family of its values, or None)
COLUMNS = {
    "conversation_id": ({"it": "Conversazione", "en": "Conversation"}, None),
    "operator": ({"it": "Operatore", "en": "Operator"}, "operator"),
    "from_operator": ({"it": "Operatore", "en": "Operator"}, "operator"),
    "channel": ({"it": "Canale", "en": "Channel"}, "channel"),
    "opened_local": ({"it": "Aperta il", "en": "Opened"}, None),
    "category": ({"it": "Categoria", "en": "Category"}, "category"),
    "first_sentiment": ({"it": "Sentiment iniziale", "en": "First sentiment"}, "sentiment"),
    "is_answered": ({"it": "Risposta", "en": "Answered"}, "answered"),
    "frt_minutes": ({"it": "Prima risposta (min)", "en": "First response (min)"}, "minutes"),
    "escalation_outcome": ({"it": "Esito escalation", "en": "Escalation outcome"}, "outcome"),
    "churn_kind": ({"it": "Segnale di abbandono", "en": "Churn signal"}, "churn"),
    "competitor": ({"it": "Verso", "en": "Towards"}, "operator"),
    "first_post": ({"it": "Primo messaggio", "en": "First post"}, None),
}


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA or value is pd.NaT


def label(family: str, value, lang: str) -> str:
    """A label id by its name; nothing for a missing value; an unknown id as it is."""
    if _missing(value):
        return ""
    return LABELS[lang].get(family, {}).get(value, str(value))


def named(frame: pd.DataFrame, column: str, lang: str, family: str | None = None) -> pd.DataFrame:
    """A copy whose `column` holds the names of its label ids (for a chart's legend)."""
    if frame.empty or column not in frame:
        return frame
    return frame.assign(**{column: frame[column].map(lambda v: label(family or column, v, lang))})


def for_display(frame: pd.DataFrame, lang: str, names: dict[str, str]) -> pd.DataFrame:
    """The frame as a reader sees it: headers in words, label ids and operator ids by
    their names, minutes in the language's digits, nothing where a value is missing."""
    shown = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        header, family = COLUMNS.get(column, ({lang: column}, None))
        values = frame[column]
        if family == "operator":
            values = values.map(lambda v: "" if _missing(v) else names.get(v, v))
        elif family == "minutes":
            values = values.map(lambda v: "" if _missing(v) else number(v, lang, 1))
        elif family is not None:
            values = values.map(lambda v, fam=family: label(fam, v, lang))
        else:
            values = values.map(lambda v: "" if _missing(v) else v)
        shown[header[lang]] = values
    return shown

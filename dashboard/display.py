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
    "opened_local": ({"it": "Aperta il", "en": "Opened"}, "local_text"),
    "category": ({"it": "Categoria", "en": "Category"}, "category"),
    "first_sentiment": ({"it": "Sentiment iniziale", "en": "First sentiment"}, "sentiment"),
    "is_answered": ({"it": "Risposta", "en": "Answered"}, "answered"),
    "frt_minutes": ({"it": "Prima risposta (min)", "en": "First response (min)"}, "minutes"),
    "escalation_outcome": ({"it": "Esito escalation", "en": "Escalation outcome"}, "outcome"),
    "churn_kind": ({"it": "Segnale di abbandono", "en": "Churn signal"}, "churn"),
    "competitor": ({"it": "Verso", "en": "Towards"}, "operator"),
    "first_post": ({"it": "Primo messaggio", "en": "First post"}, None),
    # the load log and the rejects
    "source_file": ({"it": "File", "en": "File"}, None),
    "file_format": ({"it": "Formato", "en": "Layout"}, None),
    "finished_at": ({"it": "Caricato il", "en": "Loaded"}, "moment"),
    "count_read": ({"it": "Righe lette", "en": "Rows read"}, None),
    "count_loaded": ({"it": "Caricate", "en": "Loaded"}, None),
    "count_duplicate": ({"it": "Duplicate", "en": "Duplicates"}, None),
    "count_rejected": ({"it": "Scartate", "en": "Rejected"}, None),
    "count_unresolved_operator": ({"it": "Senza operatore", "en": "No operator"}, None),
    "reason": ({"it": "Motivo", "en": "Reason"}, None),
    "rows": ({"it": "Righe", "en": "Rows"}, None),
    "example_file": ({"it": "Per esempio nel file", "en": "For example in"}, None),
    "first_line": ({"it": "Prima riga", "en": "First line"}, None),
    "source_line": ({"it": "Riga", "en": "Line"}, None),
    "message_id": ({"it": "Messaggio", "en": "Message"}, None),
    "raw": ({"it": "Contenuto (oscurato)", "en": "Content (redacted)"}, None),
    "load_id": ({"it": "Caricamento", "en": "Load"}, None),
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
        elif family == "moment":
            values = values.map(lambda v: local_time(v, lang))
        elif family == "local_text":   # already Rome time, written 'YYYY-MM-DD HH:MM' by the query
            values = values.map(lambda v: "" if _missing(v) else
                                pd.Timestamp(v).strftime("%d/%m/%Y %H:%M" if lang == "it" else "%Y-%m-%d %H:%M"))
        elif family is not None:
            values = values.map(lambda v, fam=family: label(fam, v, lang))
        else:
            values = values.map(lambda v: "" if _missing(v) else v)
        shown[header[lang]] = values
    return shown


# the metrics that are not headline KPIs (those are defined in pipelines/kpis.py)
_MORE_DEFINITIONS = {
    "it": {
        "Conversazione": "Un thread aperto da un cliente verso un account dell'operatore.",
        "Escalation": "Una risposta dell'operatore che apre un ticket, manda un tecnico o chiede dati per intervenire "
                      "sulla linea.",
        "Rimando altrove": "Le risposte mandano solo il cliente altrove (il 187, l'app, l'altro operatore), senza azione.",
        "Richiesta di dati ripetuta": "L'operatore chiede dati due o più volte nella stessa conversazione.",
        "Recupero del sentiment": "Conversazioni iniziate negative e finite neutre o positive / conversazioni "
                                  "iniziate negative.",
        "Nuovo contatto": "Lo stesso cliente apre un'altra conversazione con lo stesso operatore entro 7 giorni.",
        "Risoluzione al primo contatto": "Risolte con una sola risposta dell'operatore / risolte.",
        "Conversazione parziale": "Risponde a un post fuori dai dati: tenuta dal primo messaggio che abbiamo; con "
                                  "risposta se l'operatore risponde; senza tempo di risposta se il primo messaggio "
                                  "che abbiamo è dell'operatore. Inclusa, salvo il filtro che la esclude.",
    },
    "en": {
        "Conversation": "A thread a customer opened towards an operator account.",
        "Escalation": "An operator reply that opens a ticket, books a technician or asks for data to act on the line.",
        "Sent elsewhere": "The replies only send the customer elsewhere (the 187, the app, the other operator), "
                          "with no action.",
        "Repeated data request": "The operator asks for data twice or more in one conversation.",
        "Sentiment recovery": "Conversations starting negative and ending neutral or positive / conversations "
                              "starting negative.",
        "Re-contact": "The same customer opens another conversation with the same operator within 7 days.",
        "One-touch resolution": "Resolved with one operator reply / resolved.",
        "Partial conversation": "It answers a post outside the data: kept from the earliest message we have; "
                                "answered when the operator replies; no response time when the operator's reply is "
                                "the earliest message we have. Included unless the filter leaves it out.",
    },
}


def definitions(lang: str) -> dict[str, str]:
    """Metric name -> definition in the language: the KPI registry's, then the others."""
    from pipelines.kpis import KPIS
    return {**{kpi.name[lang]: kpi.definition[lang] for kpi in KPIS}, **_MORE_DEFINITIONS[lang]}


def local_time(value, lang: str) -> str:
    """A moment as people read it: Europe/Rome, to the minute, no offset."""
    if _missing(value):
        return ""
    moment = pd.Timestamp(value)
    moment = (moment.tz_localize("UTC") if moment.tzinfo is None else moment).tz_convert("Europe/Rome")
    return moment.strftime("%d/%m/%Y %H:%M" if lang == "it" else "%Y-%m-%d %H:%M")

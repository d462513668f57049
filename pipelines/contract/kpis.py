"""The KPI registry, and the rules that compare operators on it: the one place to add a
headline metric. The scorecard, the weekly review (HTML and PDF) and `metrics --json`
read their KPIs, names, directions, ranks and "what moved" from here, so that they
cannot disagree on the same week.

It imports nothing else of ours: pipelines, models and the dashboard all read it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

SMALL_SAMPLE = 30          # a rate over fewer conversations is shown as uncertain
WILSON_Z = 1.96            # 95 % interval

# rate -> (numerator, denominator), for the intervals and for the dashboard's hover text
RATES = {
    "response_rate": ("answered", "conversations"),
    "sla_hit_rate": ("sla_hits", "sla_conversations"),
    "escalation_rate": ("escalated", "answered"),
    "escalation_success_rate": ("escalation_success", "escalated"),
    "deflection_rate": ("deflected", "answered"),
    "repeated_data_request_rate": ("repeated_data_request", "answered"),
    "churn_signal_rate": ("churn_signals", "conversations"),
    "sentiment_recovery_rate": ("sentiment_recovered", "started_negative"),
    "recontact_rate": ("recontacts", "conversations"),
    "one_touch_resolution_rate": ("one_touch_resolutions", "resolved"),
}


def wilson(successes: int, total: int, z: float = WILSON_Z) -> tuple[float, float] | None:
    """95 % Wilson score interval of a proportion; None without observations."""
    if not total:
        return None
    p = successes / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Kpi:
    id: str                  # the column of the metrics marts and the key of `metrics --json`
    higher_is_better: bool
    unit: str                # "share" (0..1, shown as %), "minutes", "index" (-1..1)
    name: dict[str, str]     # by language code
    short: dict[str, str]    # a table header that fits
    definition: dict[str, str]

    @property
    def is_rate(self) -> bool:
        return self.unit == "share"


KPIS: tuple[Kpi, ...] = (
    Kpi("response_rate", True, "share",
        {"it": "Tasso di risposta", "en": "Response rate"},
        {"it": "Risposta", "en": "Answered"},
        {"it": "Conversazioni con risposta dell'operatore / conversazioni aperte da un cliente.",
         "en": "Conversations the operator answered / conversations a customer opened."}),
    Kpi("frt_median_min", False, "minutes",
        {"it": "Prima risposta (mediana, min)", "en": "First response (median, min)"},
        {"it": "1ª risposta (min)", "en": "First reply (min)"},
        {"it": "Minuti dal primo messaggio del cliente alla prima risposta dell'operatore; mediana.",
         "en": "Minutes from the customer's first message to the operator's first reply; median."}),
    Kpi("sla_hit_rate", True, "share",
        {"it": "Entro SLA", "en": "Within SLA"},
        {"it": "Entro SLA", "en": "Within SLA"},
        {"it": "Risposte entro l'obiettivo (60 minuti salvo diversa scelta) / conversazioni; le conversazioni "
               "senza risposta contano come mancate.",
         "en": "Answered within the target (60 minutes unless chosen otherwise) / conversations; unanswered "
               "ones count as misses."}),
    Kpi("escalation_success_rate", True, "share",
        {"it": "Escalation risolte", "en": "Escalations resolved"},
        {"it": "Escal. risolte", "en": "Escal. resolved"},
        {"it": "Escalation finite con il problema risolto / escalation; gli esiti ignoti restano al denominatore.",
         "en": "Escalations that end resolved / escalations; unknown outcomes stay in the denominator."}),
    Kpi("churn_signal_rate", False, "share",
        {"it": "Segnali di abbandono", "en": "Churn signals"},
        {"it": "Abbandono", "en": "Churn"},
        {"it": "Conversazioni in cui il cliente minaccia di andarsene, annuncia il passaggio o chiede di "
               "disdire / conversazioni.",
         "en": "Conversations in which the customer threatens to leave, announces a switch or asks to "
               "cancel / conversations."}),
    Kpi("net_sentiment", True, "index",
        {"it": "Sentiment netto", "en": "Net sentiment"},
        {"it": "Sentiment", "en": "Sentiment"},
        {"it": "(messaggi positivi - negativi) / messaggi dei clienti, da -1 a +1.",
         "en": "(positive - negative messages) / customer messages, from -1 to +1."}),
)
BY_ID = {kpi.id: kpi for kpi in KPIS}
IDS = tuple(kpi.id for kpi in KPIS)
HIGHER_IS_BETTER = {kpi.id: kpi.higher_is_better for kpi in KPIS}
# the rates a change of which the review and the scorecard's headline may report
MOVER_RATES = tuple(kpi.id for kpi in KPIS if kpi.is_rate)


def rank_operators(rows: dict[str, dict]) -> dict[str, int]:
    """Operator -> position (1 = best). On each KPI an operator's rank is 1 + the number
    of operators strictly better (equal values share it; a missing value is not ranked);
    the position orders the mean of those ranks, and equal means share a position."""
    scores: dict[str, float] = {}
    for op, row in rows.items():
        ranks = []
        for kpi in KPIS:
            value = row.get(kpi.id)
            if value is None or value != value:   # None or NaN
                continue
            others = [r.get(kpi.id) for r in rows.values()]
            better = sum(1 for v in others if v is not None and v == v
                         and (v > value if kpi.higher_is_better else v < value))
            ranks.append(better + 1)
        scores[op] = sum(ranks) / len(ranks) if ranks else float(len(rows))
    return {op: 1 + sum(1 for other in scores.values() if other < score) for op, score in scores.items()}


def interval(row: dict, key: str) -> tuple[float, float] | None:
    """A figure's 95 % interval: the row's `<key>_interval` when it has one (label-derived
    figures carry the classifier's uncertainty too: pipelines/marts/uncertainty.py), else
    the Wilson interval of a rate's sample."""
    given = row.get(f"{key}_interval")
    if given is not None:
        return tuple(given)
    if key in RATES:
        num, den = RATES[key]
        if row.get(num) is not None and row.get(den) is not None:
            return wilson(int(row[num]), int(row[den]))
    return None


def supported(now: dict, before: dict, rate: str) -> bool:
    """A change that survives the uncertainty: the two 95 % intervals do not overlap."""
    a, b = interval(now, rate), interval(before, rate)
    return bool(a and b) and (a[0] > b[1] or b[0] > a[1])


def supported_changes(now: dict[str, dict], before: dict[str, dict]) -> list[dict]:
    """Every change of a mover rate between two periods that the samples support, the
    biggest first (ties by operator and rate, so the order never depends on the input's)."""
    found = []
    for op, current in now.items():
        earlier = before.get(op)
        if not earlier:
            continue
        for rate in MOVER_RATES:
            if current.get(rate) is None or earlier.get(rate) is None or not supported(current, earlier, rate):
                continue
            found.append({"operator": op, "metric": rate, "before": earlier[rate], "after": current[rate],
                          "change": current[rate] - earlier[rate], "n": current[RATES[rate][1]],
                          "good": (current[rate] > earlier[rate]) == HIGHER_IS_BETTER[rate]})
    return sorted(found, key=lambda m: (-abs(m["change"]), m["operator"], m["metric"]))

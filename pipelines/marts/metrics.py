"""Care metrics: the marts (SQL in sql/staging and sql/marts) and the period figures
that `python -m pipelines metrics` prints. Pure functions over a DuckDB connection."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date

from pipelines import sql
from pipelines.contract.kpis import RATES, SMALL_SAMPLE, wilson
from pipelines.contract.operators import configured_sla_minutes
from pipelines.marts import care_calendar
from pipelines.marts.passes import build_facts
from pipelines.marts.uncertainty import adjusted_shares, figure_uncertainty, load_confusion

GRAINS = {
    # mart name -> grouping columns
    "operator_week": ("operator", "opened_week", "opened_week_start"),
    "operator_week_category": ("operator", "opened_week", "opened_week_start", "category"),
    "operator_week_channel": ("operator", "opened_week", "opened_week_start", "channel"),
}


@dataclass
class Choices:
    """The definitions that differ across the field, with the product's defaults."""
    questions_only: bool = False     # default: every conversation a customer opened
    business_hours: bool = False     # default: the calendar clock
    exclude_outages: bool = False    # default: outage days included
    exclude_partial: bool = False    # default: partial conversations (root outside the data) included
    sla_minutes: float | None = None    # default: [scorecard] sla_minutes of the operators config
    date_from: date = date(2000, 1, 1)
    date_to: date = date(2100, 1, 1)
    operators: list[str] | None = field(default=None)
    channels: list[str] | None = field(default=None)
    categories: list[str] | None = field(default=None)
    sentiments: list[str] | None = field(default=None)   # of the conversation's first post


def sla_minutes(choices: Choices) -> float:
    """The SLA target in force: the choice's, else the operators config's."""
    return choices.sla_minutes if choices.sla_minutes is not None else configured_sla_minutes()


def set_choices(con, choices: Choices, target: str = "main") -> None:
    """Set the definitions' variables and (re)define period_facts with them."""
    for name in ("questions_only", "business_hours", "exclude_outages", "exclude_partial", "date_from", "date_to"):
        con.execute(f"set variable {name} = ?", [getattr(choices, name)])
    con.execute("set variable sla_minutes = ?", [sla_minutes(choices)])
    for name in ("operators", "channels", "categories", "sentiments"):
        values = getattr(choices, name)
        if values:
            con.execute(f"set variable {name} = ?::varchar[]", [list(values)])
        else:
            con.execute(f"set variable {name} = null::varchar[]")
    con.execute(sql.read("marts/period_facts").format(facts=f"{target}.conversation_facts",
                                                      days=f"{target}.operator_days"))


def metrics_query(grain: tuple[str, ...]) -> str:
    return sql.read("marts/operator_metrics").format(group_cols=", ".join(grain))


def build_marts(con, target: str = "main", labels: str = "model", log=print) -> None:
    """Rebuild the metric marts. labels="truth" reads the demo generator's true labels
    instead of the classifier's (to compare the two); target names the schema."""
    started = time.time()
    if target == "main":   # the truth marts share the calendar the model's marts just built
        care_calendar.refresh(con)
    con.execute(sql.read(f"staging/stg_labels_{labels}"))
    pass_file = "staging/stg_thread_labels" if labels == "model" else "staging/stg_thread_labels_truth"
    con.execute(sql.read(pass_file).format(target=target))
    con.execute(sql.read("staging/stg_thread_labels_view").format(target=target))
    con.execute(sql.read("staging/stg_messages"))
    # the facts are stored in the order of their opening day: a period's queries (every page
    # reads a few weeks) then skip the row groups outside it, 1.5-3x faster on 10 M messages
    build_facts(con, target)
    con.execute(sql.read("marts/operator_days").format(target=target))
    con.execute(sql.read("marts/drop_intermediate"))
    set_choices(con, Choices(), target)
    for mart, grain in GRAINS.items():
        con.execute(sql.read("marts/metrics_table").format(target=target, mart=mart, query=metrics_query(grain)))
    con.execute(sql.read("marts/competitor_flows").format(target=target))
    log(f"built marts ({labels} labels) in {time.time() - started:.1f} s")


def operator_rows(con, choices: Choices, target: str = "main", grain: tuple[str, ...] = ("operator",)) -> list[dict]:
    """One dict per operator (or per group of `grain`): every column of the metrics mart,
    for the chosen period."""
    set_choices(con, choices, target)
    cursor = con.execute(metrics_query(grain))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]


def churn_flows(con) -> dict[str, dict[str, int]]:
    """Operator -> competitor named as destination -> conversations, for the period set."""
    flows: dict[str, dict[str, int]] = {}
    for op, _kind, competitor, n in con.execute(sql.read("marts/churn_flows")).fetchall():
        if competitor:
            flows.setdefault(op, {})
            flows[op][competitor] = flows[op].get(competitor, 0) + n
    return {op: dict(sorted(to.items(), key=lambda kv: (-kv[1], kv[0]))) for op, to in flows.items()}


def period_metrics(con, choices: Choices, target: str = "main") -> dict:
    """Operator id -> the period's metrics (the keys of `pipelines metrics --json`)."""
    rows = operator_rows(con, choices, target)
    flows = churn_flows(con)
    confusion = load_confusion(con) if target == "main" else {}   # the truth has no classifier
    categories: dict[str, dict[str, int]] = {}
    for op, category, n in con.execute(sql.read("marts/category_counts")).fetchall():
        categories.setdefault(op, {})[category] = n
    out: dict[str, dict] = {}
    for row in sorted(rows, key=lambda r: r["operator"]):
        figures = {
            "conversations": row["conversations"],
            "answered": row["answered"],
            "response_rate": row["response_rate"],
            "frt_median_min": row["frt_median_min"],
            "frt_p90_min": row["frt_p90_min"],
            "sla_hit_rate": row["sla_hit_rate"],
            "escalated": row["escalated"],
            "escalation_success": row["escalation_success"],
            "escalation_failure": row["escalation_failure"],
            "escalation_success_rate": row["escalation_success_rate"],
            "deflected": row["deflected"],
            "repeated_data_request": row["repeated_data_request"],
            "churn_signals": row["churn_signals"],
            "churn_signal_rate": row["churn_signal_rate"],
            "competitor_flows": flows.get(row["operator"], {}),
            "net_sentiment": row["net_sentiment"],
            "sentiment_recovery_rate": row["sentiment_recovery_rate"],
        }
        # beside the stable keys: every rate's numerator, denominator and interval
        figures["rates"] = {
            rate: {"numerator": row[num], "denominator": row[den], "ci95": wilson(row[num], row[den]),
                   "small_sample": (row[den] or 0) < SMALL_SAMPLE}
            for rate, (num, den) in RATES.items()
        }
        # beside each label-derived figure: its value corrected for the classifier's errors and
        # a 95 % interval for both the sample and the classifier (pipelines/marts/uncertainty.py)
        figures.update(figure_uncertainty(row, confusion, figures["competitor_flows"]))
        mix = categories.get(row["operator"], {})
        figures["category_shares"] = {c: n / row["conversations"] for c, n in sorted(mix.items())}
        if "category" in confusion:   # the opening post's category: a share of messages, corrected
            found = adjusted_shares(mix, confusion["category"]) or {}
            figures["category_shares_corrected"] = {c: v["corrected"] for c, v in found.items()}
            figures["category_shares_interval"] = {c: v["interval"] for c, v in found.items()}
        out[row["operator"]] = figures
    return out

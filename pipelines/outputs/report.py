"""The weekly review: what an executive reads once a week, computed from the marts.

Pure functions over a connection: `weekly_review` gathers the numbers, `sentences`
writes them in Italian or English from templates, and never claims a change that the
sample and the classifier do not support (the two weeks' 95 % intervals must not overlap: Wilson's for
the sample, widened by the classifier's uncertainty for label-derived rates).
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, timedelta

from pipelines import sql
from pipelines.contract.kpis import IDS as KPIS
from pipelines.contract.kpis import rank_operators, supported_changes
from pipelines.marts.conversation_rows import read_conversation
from pipelines.marts.metrics import Choices, operator_rows, set_choices
from pipelines.marts.uncertainty import load_confusion, with_intervals

TRAILING_DAYS = 28
ROBUST_Z = 5.0   # robust standard deviations (1.4826 x MAD) above the trailing median, as for outages


class NoData(Exception):
    """The requested week has no conversations."""


@dataclass
class Review:
    week: str
    first_day: date
    last_day: date
    kpis: list[dict]
    movers: list[dict]
    anomalies: list[dict]
    churn: list[dict]
    examples: list[dict]
    names: dict = field(default_factory=dict)
    colors: dict = field(default_factory=dict)
    daily: list[dict] = field(default_factory=list)


def week_bounds(week: str) -> tuple[date, date]:
    """'2026-W10' -> (Monday, Sunday)."""
    try:
        year, number = week.upper().split("-W")
        monday = date.fromisocalendar(int(year), int(number), 1)
    except ValueError:
        raise ValueError(f"--week wants YYYY-Www such as 2026-W10, got {week!r}") from None
    return monday, monday + timedelta(days=6)


def default_week(latest_week: str | None, today: date) -> str:
    """The week a review is for when none is named: the last ISO week that has ended
    (a cron job on Monday morning gets last week), or the newest week with data when the
    data stop earlier. Week labels ('2026-W09') sort as text."""
    monday = today - timedelta(days=today.weekday())
    year, number, _ = (monday - timedelta(days=7)).isocalendar()
    ended = f"{year}-W{number:02d}"
    return min(ended, latest_week) if latest_week else ended


def _rows(con, name: str, **params) -> list[tuple]:
    """The rows of pipelines/sql/report/<name>.sql, its $parameters bound."""
    return con.execute(sql.read(f"report/{name}"), params).fetchall()


def latest_week(con) -> str | None:
    """The newest ISO week (Europe/Rome) in which a conversation opened."""
    return _rows(con, "latest_week")[0][0]


def _metrics(con, first: date, last: date, confusion: dict) -> dict[str, dict]:
    """Operator -> the period's metrics, each label-derived figure with its 95 % interval
    (the classifier's uncertainty included), so a mover survives both."""
    rows = {row["operator"]: row for row in operator_rows(con, Choices(date_from=first, date_to=last))}
    return with_intervals(rows, confusion)


def weekly_review(con, week: str) -> Review:
    first, last = week_bounds(week)
    confusion = load_confusion(con)
    current = _metrics(con, first, last, confusion)
    if not current:
        raise NoData(f"no conversations in {week} ({first} .. {last})")
    previous = _metrics(con, first - timedelta(days=7), last - timedelta(days=7), confusion)
    four_weeks = _metrics(con, first - timedelta(days=28), first - timedelta(days=1), confusion)
    operators = _rows(con, "operators")
    names = {o[0]: o[1] for o in operators}
    colors = {o[0]: o[2] for o in operators}

    kpis = []
    for op, now in current.items():
        row = {"operator": op, "conversations": now["conversations"]}
        for kpi in KPIS:
            row[kpi] = now[kpi]
            before = previous.get(op, {}).get(kpi)
            average = four_weeks.get(op, {}).get(kpi)
            row[f"{kpi}_vs_last"] = None if before is None or now[kpi] is None else now[kpi] - before
            row[f"{kpi}_vs_4w"] = None if average is None or now[kpi] is None else now[kpi] - average
        kpis.append(row)
    positions = rank_operators(current)
    for r in kpis:
        r["rank"] = positions[r["operator"]]
    kpis.sort(key=lambda r: (r["rank"], r["operator"]))

    movers = supported_changes(current, previous)[:3]
    for m in movers:   # only for the three movers the review names
        m["drivers"] = _drivers(con, m["operator"], m["metric"], first, last)

    return Review(week, first, last, kpis, movers, _anomalies(con, first, last), _churn(con, first, last),
                  _examples(con, first, last), names, colors, _daily(con, first, last))


def _drivers(con, op: str, rate: str, first: date, last: date) -> list[tuple[str, int, int]]:
    """The categories whose count of the rate's events changed most: (category, last week, this week)."""
    event = {"response_rate": "unanswered", "sla_hit_rate": "late", "escalation_success_rate": "failed_escalation",
             "churn_signal_rate": "churn_signal"}[rate]
    rows = _rows(con, "drivers", event=event, operator=op, first=first, last=last)
    return [(c, b, n) for c, b, n in rows if n != b]


def _anomalies(con, first: date, last: date) -> list[dict]:
    """The week's unusual days. Volume: the outage days of operator_days, the one rule
    the dashboard marks and the "leave out outage days" choice removes. Negative share
    (a signal the dashboard does not mark): more than ROBUST_Z robust standard deviations
    above the operator's trailing 28 days."""
    found = [{"operator": op, "day": day, "kind": "volume", "value": volume, "usual": usual,
              "z": (volume - usual) / (1.4826 * max(mad, 1)), "volume": volume}
             for op, day, volume, usual, mad in _rows(con, "outage_days", first=first, last=last)]
    rows = _rows(con, "days", **{"from": first - timedelta(days=TRAILING_DAYS), "last": last})
    by_op: dict[str, list] = {}
    for op, day, volume, negative in rows:
        by_op.setdefault(op, []).append((day, volume, negative))
    for op, days in by_op.items():
        trailing = [n / v if v else 0 for d, v, n in days if d < first]
        if len(trailing) < 7:
            continue
        median = statistics.median(trailing)
        mad = statistics.median(abs(x - median) for x in trailing) or 0.02
        for day, volume, negative in (x for x in days if x[0] >= first):
            share = negative / volume if volume else 0
            z = (share - median) / (1.4826 * mad)
            if z >= ROBUST_Z:
                found.append({"operator": op, "day": day, "kind": "negative_share", "value": share,
                              "usual": median, "z": z, "volume": volume})
    found = sorted(found, key=lambda a: -a["z"])[:5]
    for a in found:   # the main topic, only for the days the review names
        top = _rows(con, "day_topic", operator=a["operator"], day=a["day"])
        a["category"] = top[0][0] if top else None
    return found


def _churn(con, first: date, last: date) -> list[dict]:
    set_choices(con, Choices(date_from=first, date_to=last))
    rows = con.execute(sql.read("marts/churn_flows")).fetchall()
    out: dict[str, dict] = {}
    for op, kind, competitor, n in rows:
        entry = out.setdefault(op, {"operator": op, "threat": 0, "switched": 0, "cancel": 0, "competitors": {}})
        entry[kind] += n
        if competitor and kind in ("threat", "switched"):
            entry["competitors"][competitor] = entry["competitors"].get(competitor, 0) + n
    return sorted(out.values(), key=lambda e: -(e["threat"] + e["switched"] + e["cancel"]))


def _examples(con, first: date, last: date, count: int = 3) -> list[dict]:
    """The worst failures: failed escalations with the most customer messages."""
    rows = _rows(con, "failed_escalations", first=first, last=last, count=count)
    examples = []
    for conversation_id, op, category in rows:
        messages = read_conversation(con, conversation_id, lambda params: _rows(
            con, "thread_excerpt", conversation_id=params["conversation_id"], rows=params["rows"]), limit=5)
        examples.append({"conversation_id": conversation_id, "operator": op, "category": category,
                         "messages": [{"is_brand": b, "at": at, "text": text} for b, at, text in messages]})
    return examples


def _daily(con, first: date, last: date) -> list[dict]:
    rows = _rows(con, "daily", first=first, last=last)
    return [{"operator": op, "day": d, "conversations": n} for op, d, n in rows]

"""The weekly review: what an executive reads once a week, computed from the marts.

Pure functions over a connection: `weekly_review` gathers the numbers, `sentences`
writes them in Italian or English from templates, and never claims a change that the
sample does not support (the 95 % Wilson intervals of the two weeks must not overlap).
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, timedelta

from pipelines.metrics import RATES, Choices, operator_rows, wilson

KPIS = ("response_rate", "frt_median_min", "sla_hit_rate", "escalation_success_rate", "churn_signal_rate",
        "net_sentiment")
HIGHER_IS_BETTER = {"response_rate": True, "frt_median_min": False, "sla_hit_rate": True,
                    "escalation_success_rate": True, "churn_signal_rate": False, "net_sentiment": True}
MOVER_RATES = ("response_rate", "sla_hit_rate", "escalation_success_rate", "churn_signal_rate")
TRAILING_DAYS = 28
ROBUST_Z = 4.0   # robust standard deviations (1.4826 x MAD) above the trailing median


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


def latest_week(con) -> str | None:
    """The newest ISO week (Europe/Rome) in which a conversation opened."""
    return con.execute("select max(opened_week) from conversation_facts").fetchall()[0][0]


def _metrics(con, first: date, last: date) -> dict[str, dict]:
    return {row["operator"]: row for row in operator_rows(con, Choices(date_from=first, date_to=last))}


def supported(now: dict, before: dict, rate: str) -> bool:
    num, den = RATES[rate]
    a, b = wilson(now[num], now[den]), wilson(before[num], before[den])
    return bool(a and b) and (a[0] > b[1] or b[0] > a[1])


def weekly_review(con, week: str) -> Review:
    first, last = week_bounds(week)
    current = _metrics(con, first, last)
    if not current:
        raise NoData(f"no conversations in {week} ({first} .. {last})")
    previous = _metrics(con, first - timedelta(days=7), last - timedelta(days=7))
    four_weeks = _metrics(con, first - timedelta(days=28), first - timedelta(days=1))
    operators = con.execute("select operator_id, name, color from operators").fetchall()
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
    # rank: the mean of the operator's ranks on each KPI (1 = best)
    for kpi in KPIS:
        values = [r[kpi] for r in kpis if r[kpi] is not None]
        for r in kpis:
            if r[kpi] is not None:  # equal values share a rank
                better = sum(1 for v in values if (v > r[kpi] if HIGHER_IS_BETTER[kpi] else v < r[kpi]))
                r.setdefault("_ranks", []).append(better + 1)
    for r in kpis:
        r["rank_score"] = statistics.mean(r.pop("_ranks", [len(kpis)]))
    for position, r in enumerate(sorted(kpis, key=lambda r: (r["rank_score"], r["operator"])), start=1):
        r["rank"] = position
    kpis.sort(key=lambda r: r["rank"])

    movers = []
    for op, now in current.items():
        before = previous.get(op)
        if not before:
            continue
        for rate in MOVER_RATES:
            if now[rate] is None or before[rate] is None or not supported(now, before, rate):
                continue
            movers.append({"operator": op, "metric": rate, "before": before[rate], "after": now[rate],
                           "change": now[rate] - before[rate], "n": now[RATES[rate][1]],
                           "good": (now[rate] > before[rate]) == HIGHER_IS_BETTER[rate]})
    movers = sorted(movers, key=lambda m: -abs(m["change"]))[:3]
    for m in movers:   # only for the three movers the review names
        m["drivers"] = _drivers(con, m["operator"], m["metric"], first, last)

    return Review(week, first, last, kpis, movers, _anomalies(con, first, last), _churn(con, first, last),
                  _examples(con, first, last), names, colors, _daily(con, first, last))


def _drivers(con, op: str, rate: str, first: date, last: date) -> list[tuple[str, int, int]]:
    """The categories whose count of the rate's events changed most: (category, last week, this week)."""
    condition = {
        "response_rate": "not is_answered", "sla_hit_rate": "(not is_answered or frt_minutes > 60)",
        "escalation_success_rate": "escalation_outcome = 'failure'", "churn_signal_rate": "churn_kind is not null",
    }[rate]
    rows = con.execute(f"""
        select category,
               count(*) filter (where opened_local_date < ?) as before,
               count(*) filter (where opened_local_date >= ?) as now
        from conversation_facts
        where operator = ? and opened_local_date between ? and ? and {condition}
        group by category order by abs(now - before) desc, category limit 2""",
                       [first, first, op, first - timedelta(days=7), last]).fetchall()
    return [(c, b, n) for c, b, n in rows if n != b]


def _anomalies(con, first: date, last: date) -> list[dict]:
    """Days of the week whose volume or negative share is far above the operator's
    trailing 28 days: more than ROBUST_Z robust standard deviations above the median."""
    rows = con.execute("""
        select operator, local_date, count_conversations, count_negative
        from operator_days where local_date between ? and ? order by operator, local_date""",
                       [first - timedelta(days=TRAILING_DAYS), last]).fetchall()
    by_op: dict[str, list] = {}
    for op, day, volume, negative in rows:
        by_op.setdefault(op, []).append((day, volume, negative))
    found = []
    for op, days in by_op.items():
        trailing = [(v, n / v if v else 0) for d, v, n in days if d < first]
        if len(trailing) < 7:
            continue
        for day, volume, negative in (x for x in days if x[0] >= first):
            for kind, value, series, minimum in (("volume", volume, [v for v, _ in trailing], 10),
                                                 ("negative_share", negative / volume if volume else 0,
                                                  [s for _, s in trailing], 0)):
                median = statistics.median(series)
                mad = statistics.median(abs(x - median) for x in series) or (1.0 if kind == "volume" else 0.02)
                z = (value - median) / (1.4826 * mad)
                if z >= ROBUST_Z and volume >= minimum and (kind != "volume" or value >= 1.5 * median):
                    found.append({"operator": op, "day": day, "kind": kind, "value": value, "usual": median,
                                  "z": z, "volume": volume})
    found = sorted(found, key=lambda a: -a["z"])[:5]
    for a in found:   # the main topic, only for the days the review names
        top = con.execute("""select category, count(*) from conversation_facts
                             where operator = ? and opened_local_date = ?
                             group by 1 order by 2 desc limit 1""", [a["operator"], a["day"]]).fetchall()
        a["category"] = top[0][0] if top else None
    return found


def _churn(con, first: date, last: date) -> list[dict]:
    rows = con.execute("""
        select operator, churn_kind, coalesce(competitor, '') as competitor, count(*)
        from conversation_facts where opened_local_date between ? and ? and churn_kind is not null
        group by all order by operator, churn_kind, 4 desc""", [first, last]).fetchall()
    out: dict[str, dict] = {}
    for op, kind, competitor, n in rows:
        entry = out.setdefault(op, {"operator": op, "threat": 0, "switched": 0, "cancel": 0, "competitors": {}})
        entry[kind] += n
        if competitor and kind in ("threat", "switched"):
            entry["competitors"][competitor] = entry["competitors"].get(competitor, 0) + n
    return sorted(out.values(), key=lambda e: -(e["threat"] + e["switched"] + e["cancel"]))


def _examples(con, first: date, last: date, count: int = 3) -> list[dict]:
    """The worst failures: failed escalations with the most customer messages."""
    rows = con.execute("""
        select conversation_id, operator, category from conversation_facts
        where opened_local_date between ? and ? and escalation_outcome = 'failure'
        order by count_customer_messages desc, count_negative desc, conversation_id limit ?""",
                       [first, last, count]).fetchall()
    examples = []
    for conversation_id, op, category in rows:
        messages = con.execute("""select is_brand, strftime(timezone('Europe/Rome', created_at), '%d/%m %H:%M'), text
                                  from messages where conversation_id = ? order by created_at limit 5""",
                               [conversation_id]).fetchall()
        examples.append({"conversation_id": conversation_id, "operator": op, "category": category,
                         "messages": [{"is_brand": b, "at": at, "text": text} for b, at, text in messages]})
    return examples


def _daily(con, first: date, last: date) -> list[dict]:
    rows = con.execute("""select operator, local_date, count_conversations from operator_days
                          where local_date between ? and ? order by 1, 2""", [first, last]).fetchall()
    return [{"operator": op, "day": d, "conversations": n} for op, d, n in rows]

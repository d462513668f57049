"""When each operator's care is open, as UTC intervals: the business-hours clock.

One row per operator and opening (local day), built from the operators config and the
Italian public holidays (the `holidays` library). A 24/7 operator is open all day every
day, so its business clock equals the calendar clock. Operators the config does not
list (brand accounts met in sources) have no hours to go by: they are taken as 24/7.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import holidays
import pyarrow as pa

from pipelines import sql
from pipelines.operators import WEEKDAYS, Operators
from pipelines.timeparse import ROME


def openings(operators: Operators, operator_ids: list[str], first: date, last: date) -> pa.Table:
    """(operator, local_date, open_at, close_at) for every opening between two local dates."""
    italian_holidays = holidays.country_holidays("IT", years=range(first.year, last.year + 1))
    rows = {"operator": [], "local_date": [], "open_at": [], "close_at": []}
    for op_id in operator_ids:
        op = operators.by_id.get(op_id)
        hours = op.care_hours if op is not None else None
        on_holidays = op.open_on_holidays if op is not None else True
        day = first
        while day <= last:
            if hours is None:
                window = (0, 24 * 60)
            elif day in italian_holidays and not on_holidays:
                window = None
            else:
                window = hours[WEEKDAYS[day.weekday()]]
            if window is not None:
                midnight = datetime.combine(day, time(0), tzinfo=ROME)
                # Adding minutes to local midnight and converting keeps DST days right:
                # 08:00-22:00 on the day clocks change is still 08:00-22:00 on the wall.
                opens = midnight.replace(hour=window[0] // 60, minute=window[0] % 60)
                closes = (datetime.combine(day + timedelta(days=1), time(0), tzinfo=ROME) if window[1] == 24 * 60
                          else midnight.replace(hour=window[1] // 60, minute=window[1] % 60))
                rows["operator"].append(op_id)
                rows["local_date"].append(day)
                rows["open_at"].append(opens.astimezone(timezone.utc))
                rows["close_at"].append(closes.astimezone(timezone.utc))
            day += timedelta(days=1)
    return pa.table(rows, schema=pa.schema([
        ("operator", pa.string()), ("local_date", pa.date32()),
        ("open_at", pa.timestamp("us", tz="UTC")), ("close_at", pa.timestamp("us", tz="UTC"))]))


def refresh(con) -> None:
    """Rewrite care_calendar to cover the warehouse's data (plus a week for late replies)."""
    first_day, last_day, operator_ids = con.execute(sql.read("marts/calendar_span")).fetchall()[0]
    operator_ids = operator_ids or []
    if first_day is None:
        con.execute("create or replace table main.care_calendar (operator varchar, local_date date, "
                    "open_at timestamptz, close_at timestamptz)")
        return
    table = openings(Operators.load().with_brand_accounts(operator_ids), operator_ids, first_day, last_day)
    con.register("openings", table)
    con.execute("create or replace table main.care_calendar as select * from openings")
    con.unregister("openings")

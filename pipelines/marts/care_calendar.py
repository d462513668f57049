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
from pipelines.contract.operators import WEEKDAYS, Operator, Operators
from pipelines.normalise.timeparse import ROME


def opening_hours(op: Operator | None, day: date, italian_holidays) -> tuple[datetime, datetime] | None:
    """When an operator's care opens and closes on a local day (local times), or None when
    it is closed. Operators the config does not list are taken as 24/7."""
    hours = op.care_hours if op is not None else None
    if hours is None:
        window = (0, 24 * 60)
    elif day in italian_holidays and not op.open_on_holidays:
        return None
    else:
        window = hours[WEEKDAYS[day.weekday()]]
    if window is None:
        return None
    midnight = datetime.combine(day, time(0), tzinfo=ROME)
    # Setting the wall-clock time keeps DST days right: 08:00-22:00 on the day clocks
    # change is still 08:00-22:00 on the wall.
    opens = midnight.replace(hour=window[0] // 60, minute=window[0] % 60)
    closes = (datetime.combine(day + timedelta(days=1), time(0), tzinfo=ROME) if window[1] == 24 * 60
              else midnight.replace(hour=window[1] // 60, minute=window[1] % 60))
    return opens, closes


def openings(operators: Operators, operator_ids: list[str], first: date, last: date) -> pa.Table:
    """(operator, local_date, open_at, close_at) for every opening between two local dates."""
    italian_holidays = holidays.country_holidays("IT", years=range(first.year, last.year + 1))
    rows = {"operator": [], "local_date": [], "open_at": [], "close_at": []}
    for op_id in operator_ids:
        op = operators.by_id.get(op_id)
        day = first
        while day <= last:
            hours = opening_hours(op, day, italian_holidays)
            if hours is not None:
                rows["operator"].append(op_id)
                rows["local_date"].append(day)
                rows["open_at"].append(hours[0].astimezone(timezone.utc))
                rows["close_at"].append(hours[1].astimezone(timezone.utc))
            day += timedelta(days=1)
    return pa.table(rows, schema=pa.schema([
        ("operator", pa.string()), ("local_date", pa.date32()),
        ("open_at", pa.timestamp("us", tz="UTC")), ("close_at", pa.timestamp("us", tz="UTC"))]))


class CareClock:
    """The same hours as a clock: when an operator's care is next at work (the demo
    generator's replies wait for it)."""

    def __init__(self, operators: Operators, years: range):
        self.operators = operators
        self.holidays = holidays.country_holidays("IT", years=list(years))

    def next_open(self, operator: str, local: datetime) -> datetime:
        """`local` if care is open then, else the next opening (local time)."""
        op = self.operators.by_id[operator]
        if op.care_hours is None:
            return local
        moment = local
        for _ in range(15):
            day = moment.date()
            hours = opening_hours(op, day, self.holidays)
            if hours is not None:
                opens, closes = hours
                if moment < opens:
                    return opens
                if moment < closes:
                    return moment
            moment = datetime.combine(day + timedelta(days=1), time(0), tzinfo=ROME)
        return local


def refresh(con) -> None:
    """Rewrite care_calendar to cover the warehouse's data (plus a week for late replies)."""
    first_day, last_day, operator_ids = con.execute(sql.read("marts/calendar_span")).fetchall()[0]
    operator_ids = operator_ids or []
    if first_day is None:
        con.execute(sql.read("marts/care_calendar_empty"))
        return
    table = openings(Operators.load().with_brand_accounts(operator_ids), operator_ids, first_day, last_day)
    con.register("openings", table)
    con.execute(sql.read("marts/care_calendar"))
    con.unregister("openings")

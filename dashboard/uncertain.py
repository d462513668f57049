"""The metrics frames the queries return, as the rows the comparisons and the intervals
read (pipelines/marts/uncertainty.py does the statistics)."""
from __future__ import annotations

import pandas as pd

from pipelines.marts.uncertainty import rate_interval, with_intervals


def rows_by(frame: pd.DataFrame, key: list[str]) -> dict[tuple, dict]:
    """Key (as the charts write it: Series.astype(str)) -> the row, missing values as None."""
    if frame.empty:
        return {}
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    keys = zip(*(frame[k].astype(str) for k in key))
    return {tuple(k): r for k, r in zip(keys, records)}


def by_operator(frame: pd.DataFrame, confusion: dict | None = None) -> dict[str, dict]:
    """Operator -> its metrics row (as the weekly review has them), with its figures'
    intervals when a confusion is given."""
    rows = {key[0]: row for key, row in rows_by(frame, ["operator"]).items()}
    return with_intervals(rows, confusion) if confusion is not None else rows


def weekly_intervals(weekly: pd.DataFrame, rate: str, confusion: dict) -> dict[tuple, tuple]:
    """(operator, week start as text) -> the rate's 95 % interval that week."""
    rows = rows_by(weekly, ["operator", "opened_week_start"])
    return {key: found for key, row in rows.items() if (found := rate_interval(row, rate, confusion)) is not None}


def operator_intervals(metrics: pd.DataFrame, rate: str, confusion: dict) -> dict[str, tuple]:
    """operator -> the rate's 95 % interval over the period."""
    rows = rows_by(metrics, ["operator"])
    return {key[0]: found for key, row in rows.items() if (found := rate_interval(row, rate, confusion)) is not None}

"""The 95 % intervals the pages show, from the metrics frames the queries return
(pipelines/marts/uncertainty.py does the statistics)."""
from __future__ import annotations

import pandas as pd

from pipelines.contract.kpis import interval
from pipelines.marts.uncertainty import with_intervals


def _rows(frame: pd.DataFrame, key: list[str]) -> dict[tuple, dict]:
    """Key (as the charts write it: Series.astype(str)) -> the row, missing values as None."""
    if frame.empty:
        return {}
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    keys = zip(*(frame[k].astype(str) for k in key))
    return {tuple(k): r for k, r in zip(keys, records)}


def weekly_intervals(weekly: pd.DataFrame, rate: str, confusion: dict) -> dict[tuple, tuple]:
    """(operator, week start as text) -> the rate's 95 % interval that week."""
    rows = with_intervals(_rows(weekly, ["operator", "opened_week_start"]), confusion)
    return {key: found for key, row in rows.items() if (found := interval(row, rate)) is not None}


def operator_intervals(metrics: pd.DataFrame, rate: str, confusion: dict) -> dict[str, tuple]:
    """operator -> the rate's 95 % interval over the period."""
    rows = with_intervals(_rows(metrics, ["operator"]), confusion)
    return {key[0]: found for key, row in rows.items() if (found := interval(row, rate)) is not None}

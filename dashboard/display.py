"""What the user reads instead of ids: label ids, column names and missing values as
words, in Italian or English, from the message catalogue (pipelines/contract/words.py).
Pure functions over values and frames, so that every page (and its test) shows
`Disdetta e contratto`, not `cancellation_contract`."""
from __future__ import annotations

import pandas as pd

from pipelines.contract.words import COLUMNS, label
from pipelines.outputs.formatting import moment, number, wall_time


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA or value is pd.NaT


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
        elif family == "count":
            values = values.map(lambda v: "" if _missing(v) else number(v, lang))
        elif family == "minutes":
            values = values.map(lambda v: "" if _missing(v) else number(v, lang, 1))
        elif family == "moment":
            values = values.map(lambda v: local_time(v, lang))
        elif family == "local_text":   # already Rome time, written 'YYYY-MM-DD HH:MM' by the query
            values = values.map(lambda v: "" if _missing(v) else wall_time(pd.Timestamp(v).to_pydatetime(), lang))
        elif family is not None:
            values = values.map(lambda v, fam=family: label(fam, v, lang))
        else:
            values = values.map(lambda v: "" if _missing(v) else v)
        shown[header[lang]] = values
    return shown


def local_time(value, lang: str) -> str:
    """A moment as people read it: Europe/Rome, to the minute, no offset."""
    return "" if _missing(value) else moment(pd.Timestamp(value).to_pydatetime(), lang)

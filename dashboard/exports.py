"""Download bytes for the Export page: CSV, Parquet or Excel, with formula-looking cells
neutralised (OWASP: a cell starting with = + - @, tab or CR is prefixed with ')."""
from __future__ import annotations

import io
import re

import pandas as pd

_PLAIN_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell a spreadsheet would run as a formula, made inert; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_DANGEROUS) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    return out


def _naive_times(frame: pd.DataFrame) -> pd.DataFrame:
    # Excel cannot store time zones: write Europe/Rome wall time, as the dashboard shows it.
    out = frame.copy()
    for column in out.columns:
        if isinstance(out[column].dtype, pd.DatetimeTZDtype):
            out[column] = out[column].dt.tz_convert("Europe/Rome").dt.tz_localize(None)
    return out


def to_bytes(frame: pd.DataFrame, fmt: str, definitions: dict[str, str] | None = None,
             filters_text: str = "") -> bytes:
    if fmt == "csv":
        return safe_frame(frame).to_csv(index=False).encode("utf-8-sig")
    if fmt == "parquet":
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        return buffer.getvalue()
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter",
                        engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}}) as xl:
        _naive_times(safe_frame(frame)).to_excel(xl, sheet_name="data", index=False)
        pd.DataFrame({"metric": list((definitions or {}).keys()),
                      "definition": list((definitions or {}).values())}).to_excel(xl, sheet_name="definitions", index=False)
        pd.DataFrame({"filters": [filters_text]}).to_excel(xl, sheet_name="filters", index=False)
    return buffer.getvalue()

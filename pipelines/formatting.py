"""Numbers written the Italian or the English way; shared by the dashboard and the report."""
from __future__ import annotations


def number(value, lang: str = "it", decimals: int = 0) -> str:
    """1234.5 -> '1.234,5' in Italian, '1,234.5' in English; None -> '–'."""
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "it":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def percent(value, lang: str = "it", decimals: int = 1) -> str:
    return "–" if value is None else number(100 * value, lang, decimals) + " %"

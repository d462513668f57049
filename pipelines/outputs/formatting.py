"""Numbers, moments and days written the Italian (it_IT) or the British English (en_GB)
way, by Babel (CLDR): shared by the dashboard, the weekly review and the exports."""
from __future__ import annotations

import math
from datetime import date, datetime, timezone

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

LOCALES = {"it": "it_IT", "en": "en_GB"}
ROME = "Europe/Rome"
MISSING = "–"


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["it"])


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value, lang: str = "it", decimals: int = 0) -> str:
    """1234.5 -> '1.234,5' in Italian, '1,234.5' in English; None -> '–'."""
    if _missing(value):
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_locale(lang))


def percent(value, lang: str = "it", decimals: int = 1) -> str:
    """0.762 -> '76,2 %' in Italian, '76.2 %' in English."""
    return MISSING if _missing(value) else number(100 * value, lang, decimals) + " %"


def moment(value: datetime | None, lang: str = "it") -> str:
    """A moment as people read it: Europe/Rome wall time, to the minute, no offset
    (22/11/2026 18:26). A naive value is taken as UTC, as the warehouse stores it."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return format_datetime(value, "dd/MM/yyyy HH:mm", tzinfo=ROME, locale=_locale(lang))


def wall_time(value: datetime | None, lang: str = "it") -> str:
    """A local wall-clock time the query already wrote in Rome time, as it stands."""
    return "" if value is None else format_datetime(value.replace(tzinfo=None), "dd/MM/yyyy HH:mm",
                                                    locale=_locale(lang))


def weekday(day: date, lang: str = "it") -> str:
    """'lun' / 'Mon'."""
    return format_date(day, "EEE", locale=_locale(lang))


def short_day(day: date, lang: str = "it") -> str:
    """'lun 02/03' / 'Mon 02/03'."""
    return format_date(day, "EEE dd/MM", locale=_locale(lang))


def long_day(day: date, lang: str = "it") -> str:
    """'2 marzo 2026' / '2 March 2026'."""
    return format_date(day, "d MMMM y", locale=_locale(lang))

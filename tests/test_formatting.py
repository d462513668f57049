"""Numbers and dates as Italian and British readers write them (Babel, CLDR): checked by
eye against how each country writes them."""
from __future__ import annotations

from datetime import date, datetime, timezone

from pipelines.contract.words import TEXTS, definitions, label, t
from pipelines.outputs.formatting import long_day, moment, number, percent, short_day, wall_time, weekday


def test_numbers():
    assert number(1234567.891, "it", 2) == "1.234.567,89" and number(1234567.891, "en", 2) == "1,234,567.89"
    assert number(1234, "it") == "1.234" and number(None, "it") == "–" and number(float("nan"), "en") == "–"
    assert percent(0.7625, "it") == "76,2 %" and percent(0.7635, "en") == "76.4 %" and percent(None) == "–"


def test_moments_are_rome_wall_time_to_the_minute():
    winter = datetime(2026, 11, 22, 17, 26, 59, tzinfo=timezone.utc)       # UTC+1 in Rome
    summer = datetime(2026, 7, 1, 7, 5, tzinfo=timezone.utc)               # UTC+2 in Rome
    assert moment(winter, "it") == "22/11/2026 18:26" and moment(winter, "en") == "22/11/2026 18:26"
    assert moment(summer, "it") == "01/07/2026 09:05"
    assert moment(datetime(2026, 7, 1, 7, 5), "it") == "01/07/2026 09:05"   # naive: the warehouse's UTC
    assert wall_time(datetime(2026, 3, 2, 9, 5), "it") == "02/03/2026 09:05"  # already local: as it stands
    assert moment(None) == ""


def test_days():
    monday = date(2026, 3, 2)
    assert weekday(monday, "it") == "lun" and weekday(monday, "en") == "Mon"
    assert short_day(monday, "it") == "lun 02/03" and short_day(monday, "en") == "Mon 02/03"
    assert long_day(monday, "it") == "2 marzo 2026" and long_day(monday, "en") == "2 March 2026"


def test_one_catalogue_in_two_languages():
    assert set(TEXTS["it"]) == set(TEXTS["en"])
    assert t("sla_trend", "it", sla=30) == "Quota di risposte entro 30 minuti"
    assert t("response_rate", "it") == "Tasso di risposta"          # KPI names: the registry's
    assert label("category", "telemarketing_privacy", "it") == "Telemarketing e privacy"
    assert label("category", "something_new", "it") == "something_new" and label("churn", None, "it") == ""
    assert set(definitions("it")) and len(definitions("it")) == len(definitions("en"))

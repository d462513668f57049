"""Time parsing and language detection, value by value: every layout a source writes,
and the short, informal posts language detection must get right."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from pipelines.normalise.language import detect, normalise_code
from pipelines.normalise.timeparse import parse_timestamp


def utc_us(*parts) -> int:
    return int(datetime(*parts, tzinfo=timezone.utc).timestamp()) * 1_000_000


@pytest.mark.parametrize("value, expected", [
    ("2026-03-02T08:00:00Z", utc_us(2026, 3, 2, 8)),
    ("2026-03-02T08:00:00+00:00", utc_us(2026, 3, 2, 8)),
    ("2026-03-02T09:00:00+0100", utc_us(2026, 3, 2, 8)),             # Facebook Graph's offset without colon
    ("2026-03-02T08:00:00.000Z", utc_us(2026, 3, 2, 8)),             # X API v2
    ("2026-03-02 08:00:00 UTC", utc_us(2026, 3, 2, 8)),
    ("Tue Oct 31 22:10:47 +0000 2017", utc_us(2017, 10, 31, 22, 10, 47)),   # TWCS
    ("Tue Oct 31 23:10:47 +0100 2017", utc_us(2017, 10, 31, 22, 10, 47)),
    ("1772438400", utc_us(2026, 3, 2, 8)),                           # epoch seconds
    ("1772438400000", utc_us(2026, 3, 2, 8)),                        # epoch milliseconds
    (1772438400, utc_us(2026, 3, 2, 8)),
    # no offset: Italian local time, UTC+1 in winter and UTC+2 in summer
    ("2026-03-02 09:00", utc_us(2026, 3, 2, 8)),
    ("02/03/2026 09:00", utc_us(2026, 3, 2, 8)),                     # day first, as Italian spreadsheets
    ("02/07/2026 10:00:30", utc_us(2026, 7, 2, 8, 0, 30)),
    (datetime(2026, 3, 2, 8, tzinfo=timezone.utc), utc_us(2026, 3, 2, 8)),
])
def test_timestamps_in_every_layout(value, expected):
    assert parse_timestamp(value) == expected


@pytest.mark.parametrize("value, reason", [
    (None, "missing created_at"),
    ("   ", "missing created_at"),
    ("ieri sera", "unparsable created_at"),
    ("Tue Foo 31 22:10:47 +0000 2017", "unparsable created_at"),
    ("31/02/2026 10:00", "unparsable created_at"),
    ("2026-13-01T00:00:00Z", "unparsable created_at"),
    (True, "created_at is not a time"),
    (-5, "created_at is not an epoch time"),
])
def test_what_is_not_a_time_says_why(value, reason):
    with pytest.raises(ValueError) as error:
        parse_timestamp(value)
    assert str(error.value) == reason


@pytest.mark.parametrize("text, lang", [
    ("la linea non va da ieri", "it"),
    ("@TIM_Official nn funziona nulla xke?", "it"),
    ("grazie mille, ora va", "it"),
    ("my phone has no signal since this morning", "en"),
    ("still no internet, please help", "en"),
    ("🙏🙏🙏", "other"),
    ("#5G 🙂", "other"),
    ("Guten Morgen, mein Telefon geht nicht", "other"),
])
def test_language_of_short_posts(text, lang):
    assert detect(text) == lang


def test_a_sources_language_tag_is_normalised():
    assert normalise_code("it") == "it" and normalise_code("en-GB") == "en"
    assert normalise_code("fr") == "other"
    assert normalise_code("und") is None and normalise_code("qme") is None and normalise_code(None) is None

"""Redaction of personal data and customer pseudonyms."""
from __future__ import annotations

import pytest

from pipelines.privacy import Pseudonymiser, load_or_create_salt


@pytest.fixture
def pseudo():
    return Pseudonymiser(b"test-salt", is_brand_handle=lambda h: h.lower() in {"tim_official", "vodafoneit"})


@pytest.mark.parametrize("text, expected", [
    ("chiamatemi al 347 123 4567", "chiamatemi al [TELEFONO]"),
    ("cell 3471234567 grazie", "cell [TELEFONO] grazie"),
    ("numero +39 347 1234567", "numero [TELEFONO]"),
    ("numero 0039 333-123-4567", "numero [TELEFONO]"),
    ("fisso 06 1234 5678", "fisso [TELEFONO]"),
    ("fisso 02.12345678 ufficio", "fisso [TELEFONO] ufficio"),
    ("scrivete a mario.rossi@gmail.com", "scrivete a [EMAIL]"),
    ("CF RSSMRA85T10A562S", "CF [CODICE_FISCALE]"),
    ("cf rssmra85t10a562s", "cf [CODICE_FISCALE]"),
    ("omocodia RSSMRA85T1LA562S", "omocodia [CODICE_FISCALE]"),
    ("IBAN IT60 X054 2811 1010 0000 0123 456", "IBAN [IBAN]"),
    ("iban it60x0542811101000000123456", "iban [IBAN]"),
])
def test_each_pattern_is_redacted(pseudo, text, expected):
    assert pseudo.redact(text)[0] == expected


@pytest.mark.parametrize("text", [
    "pago 29,99 € al mese, prima 24.99",
    "importo 1.299,00 euro",
    "dal 12/03/2024 al 08.03.2024",
    "il 2024-03-12 alle 10:30",
    "ticket 1-234567 aperto",
    "fibra 1000 mega, speedtest 0,3 Mbps",
    "codice cliente 1234567",
    "prezzo 350.000 lire nel 1998",
    "chiamate il 187 o il 190",
])
def test_prices_dates_and_short_numbers_are_not_redacted(pseudo, text):
    assert pseudo.redact(text)[0] == text


def test_customer_handles_become_their_pseudonym_and_brands_stay(pseudo):
    text, mentions = pseudo.redact("@TIM_Official anche @Mario_R ha il problema")
    assert text == f"@TIM_Official anche @{pseudo.pseudonym('mario_r')} ha il problema"
    assert mentions == ["tim_official", "mario_r"]
    # Same customer, same pseudonym, whatever the case or the @.
    assert pseudo.pseudonym("@MARIO_R") == pseudo.pseudonym("mario_r")
    assert pseudo.pseudonym("mario_r").startswith("c_") and "mario" not in pseudo.pseudonym("mario_r")


def test_pseudonyms_depend_on_the_salt():
    assert Pseudonymiser(b"a").pseudonym("x") != Pseudonymiser(b"b").pseudonym("x")


def test_salt_is_made_once_and_kept(tmp_path):
    path = tmp_path / "secret" / "salt"
    first = load_or_create_salt(path)
    assert len(first) == 32 and load_or_create_salt(path) == first
    assert oct(path.stat().st_mode & 0o777) == "0o600"

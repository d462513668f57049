"""Redaction of personal data and customer pseudonyms."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from pipelines.normalise.privacy import Pseudonymiser, SaltError, load_or_create_salt

DATA = Path(__file__).parent / "data"


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
    ("fattura a P.IVA 12345670017 per favore", "fattura a P.IVA [PARTITA_IVA] per favore"),   # valid check digit
    ("partita iva: IT12345670017", "partita iva: IT[PARTITA_IVA]"),
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
    "P.IVA 12345670018 sbagliata",        # a wrong check digit is not a partita IVA
    "lotto 12345670017 del prodotto",     # eleven digits not named as a partita IVA
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


def _compact(text: str) -> str:
    return re.sub(r"\W", "", text).lower()


def _leaked(kind: str, value: str, redacted: str) -> bool:
    """Whether any of the value survives: whole, its e-mail user, or six characters in a row
    of a number or code (a half-redacted one leaks too)."""
    if value in redacted:
        return True
    if kind == "email":
        user = value.split("@")[0]
        return len(user) >= 4 and user in redacted
    value, redacted = _compact(value), _compact(redacted)
    return any(value[i:i + 6] in redacted for i in range(len(value) - 5))


def test_labelled_personal_data_is_all_redacted_and_look_alikes_stay():
    """tests/data/personal_data.tsv: personal data in sentences as customers write it (kind,
    the value, the sentence), and look-alikes that must stay (kind `keep`: prices, dates,
    speeds, versions, ticket and order numbers, care numbers such as 187 or 192 193)."""
    with open(DATA / "personal_data.tsv", encoding="utf-8", newline="") as fh:
        cases = list(csv.DictReader(fh, delimiter="\t"))
    pseudo = Pseudonymiser(b"s" * 32, is_brand_handle=lambda handle: True)
    missed: dict[str, list[str]] = {}
    altered = []
    for case in cases:
        redacted = pseudo.redact(case["sentence"])[0]
        if case["kind"] == "keep":
            if case["value"] not in redacted:
                altered.append(redacted)
        elif _leaked(case["kind"], case["value"], redacted):
            missed.setdefault(case["kind"], []).append(redacted)
    kinds = {case["kind"] for case in cases}
    assert kinds == {"phone", "email", "codice_fiscale", "iban", "card", "keep"}
    assert sum(case["kind"] != "keep" for case in cases) >= 100 and sum(case["kind"] == "keep" for case in cases) >= 50
    assert missed == {}
    assert len(altered) <= 1, altered


def test_rejects_keep_no_personal_data_in_clear(cli, query, tmp_path):
    """A rejected row's reason names the problem, never the value; its raw row is redacted
    and pseudonymised like a message (a line the reader could not split too)."""
    source = tmp_path / "rejected.csv"
    source.write_text(
        "message_id,operator,channel,author_id,is_brand,created_at,text,in_reply_to\n"
        "p1,tim,twitter,mario.rossi85,false,mario.rossi@gmail.com 3331234567,chiamatemi,\n"
        "p2,tim,twitter,giulia_bianchi,false,RSSMRA85T10A562S,risposta,\n"
        "p3,tim,twitter,franco_verdi,false,2026-03-09T10:00:00Z,troppi,campi,qui 347 765 4321\n"
        "p4,tim,twitter,anna_neri,false,2026-03-09T10:00:00Z,,\n"
        "p5,tim,twitter,TIM_Official,true,1800-01-01T00:00:00Z,IBAN IT60X0542811101000000123456,\n",
        encoding="utf-8")
    code, out, err = cli("ingest", source)
    assert code == 0, err
    assert "0 loaded" in out and "5 rejected" in out
    stored = " ".join(str(value) for row in query("select * from rejects") for value in row)
    for private in ("mario.rossi", "3331234567", "RSSMRA85T10A562S", "giulia_bianchi", "franco_verdi",
                    "765 4321", "anna_neri", "IT60X0542811101000000123456"):
        assert private not in stored
    reasons = dict(query("select message_id, reason from rejects where message_id is not null"))
    assert reasons["p1"] == reasons["p2"] == "unparsable created_at"
    assert "TIM_Official" in stored   # operator accounts stay readable
    pseudo = Pseudonymiser(load_or_create_salt())
    assert pseudo.pseudonym("anna_neri") in stored and pseudo.pseudonym("franco_verdi") in stored


def _salts_at_once(folder: str, rounds: int, barrier, results) -> None:
    out = []
    for i in range(rounds):
        barrier.wait()   # every process asks for the same new salt at the same moment
        out.append(load_or_create_salt(Path(folder) / f"salt{i}").hex())
    results.put(out)


def test_processes_starting_at_once_all_read_the_same_full_salt(tmp_path):
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    workers, rounds = 4, 75
    barrier, results = ctx.Barrier(workers), ctx.Queue()
    processes = [ctx.Process(target=_salts_at_once, args=(str(tmp_path), rounds, barrier, results))
                 for _ in range(workers)]
    for process in processes:
        process.start()
    salts = [results.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(timeout=10)
    for i in range(rounds):
        seen = {s[i] for s in salts}
        assert len(seen) == 1 and len(bytes.fromhex(seen.pop())) == 32, i
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"salt{i}" for i in range(rounds))   # nothing left aside


@pytest.mark.parametrize("content", [b"", b"short salt"])
def test_a_short_salt_is_refused_with_one_line(tmp_path, cli, content, monkeypatch):
    salt = tmp_path / "salt"
    salt.write_bytes(content)
    monkeypatch.setenv("CARE_SALT_FILE", str(salt))
    with pytest.raises(SaltError, match="at least 32"):
        load_or_create_salt(salt)
    code, out, err = cli("ingest", DATA / "canonical_sample.csv")
    assert code == 1
    assert err.strip().count("\n") == 0 and str(salt) in err and f"is {len(content)} bytes" in err
    assert salt.read_bytes() == content   # never replaced: its pseudonyms would change

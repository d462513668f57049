"""Normalisation in DuckDB (normalise/in_engine.py) against the Python normaliser
(normalise/rows.py): the same file loaded both ways gives the same warehouse, row for
row, rejects included; and a file DuckDB would read differently goes to Python."""
from __future__ import annotations

import csv
import sys
import types
from pathlib import Path

import duckdb
import pytest

from pipelines import warehouse
from pipelines.load import ingest
from pipelines.sources import engine_csv, open_reader
from pipelines.warehouse import building
from tests.conftest import DATA, SHARED_TWCS

LONG_ID = "x" * 201
HEADER = ["message_id", "source", "conversation_id", "in_reply_to", "operator", "channel", "author_id",
          "is_brand", "created_at", "text", "lang", "customer_id"]
# Every rule of normalise_batch, with a row that takes it: ids, times, authors, operators,
# flags, languages, and texts that SQL redacts ('plain', @mentions) or hands to Python
# (contact and identity data, e-mail, a mention glued to punctuation).
HOSTILE = [
    ["a1", "", "c1", "", "tim", "Twitter", "mario_rossi", "false", "2026-03-02T10:00:00Z",
     "@TIM_Official la fibra non va da ieri", "IT", ""],
    ["a2", "", "c1", "a1", "", "twitter", "TIMCare", "", "2026-03-02T10:05:00.123456+01:00",
     "@mario_rossi ciao, ci scrivi in DM? @Luca.Bianchi. anche tu @TIM_Official", "", ""],
    ["a3", "", "c1", "a2.0", "tim", "", "mario_rossi", "no", "Mon Mar 02 11:00:00 +0100 2026",
     "Il mio numero è 333 123 4567, scrivimi a mario.rossi@example.it", "und", ""],
    ["a4.0", "fb", "55.0", "", "@TIM_Official", "FACEBOOK", "  @@luca  ", "sì", "02/03/2026 12:30",
     "\u00a0 Grazie mille!! \u3000", "en-GB", "cliente_42"],
    ["a5", "", "c2", "", "vodafone", "instagram", "Màrio", "false", "2026-03-02 12:00:00",
     "İstanbul e Milano: (@anna_v) IBAN IT60 X054 2811 1010 0000 0123 456, CF RSS MRA 85T10 A562S", "", ""],
    ["a6", "", "c2", "a5", "vodafone", "instagram", "VodafoneIT", "VERO", "1772445600",
     "@anna_v @VodafoneIT verifichiamo subito. Galaxy S24?", "xx", ""],
    ["a7", "", "c3", "", "", "", "sara", "", "1772445600000", "ciao @ tutti e @_ e @.x", "it", ""],
    ["a8", "", "c3", "a7", "unknown_op", "", "sara", "maybe", "2026-02-30T10:00:00Z", "data impossibile", "", ""],
    ["a9", "", "c3", "", "", "", "sara", "", "not a time", "testo", "", ""],
    ["a10", "", "c3", "", "", "", "sara", "", "", "senza data", "", ""],
    ["a11", "", "c3", "", "", "", "sara", "", "1999-01-01T00:00:00Z", "troppo vecchio", "", ""],
    ["a12", "", "c3", "", "", "", "sara", "", "2099-01-01T00:00:00Z", "dal futuro", "", ""],
    ["", "", "c3", "", "", "", "sara", "", "2026-03-02T10:00:00Z", "senza id", "", ""],
    [LONG_ID, "", "c3", "", "", "", "sara", "", "2026-03-02T10:00:00Z", "id lungo", "", ""],
    ["a13", "", "c3", "", "", "", "sara", "", "2026-03-02T10:00:00Z", "   ", "", ""],
    ["a14", "", "c3", "", "", "", "", "", "2026-03-02T10:00:00Z", "senza autore", "", ""],
    ["a15", "", "c4", "", "windtre", "twitter", "WINDTRE", "", "2026-03-02T13:00:00+00:00",
     "Ciao, pagamento con carta 4111 1111 1111 1111? P.IVA 01234567890, tel. 02 1234 5678", "", ""],
    ["a16", "", "c4", "a15", "windtre", "twitter", "gino", "", "2026-03-02T13:10:00+00:00",
     "riga uno\nriga due, \"citata\"\n@WINDTRE tre", "", ""],
    ["a1", "", "c1", "", "tim", "Twitter", "mario_rossi", "false", "2026-03-02T10:00:00Z",
     "@TIM_Official la fibra non va da ieri", "IT", ""],
    ["a1", "", "c1", "", "tim", "Twitter", "mario_rossi", "false", "2026-03-02T10:00:00Z",
     "un altro testo con lo stesso id", "IT", ""],
    ["a17", "", "c5", "", "fastweb", "twitter", "FASTWEB", "true", "2026-03-02T14:00:00Z",
     "@FASTWEB @giulia_99 @giulia_99 ti abbiamo risposto; the line is fine now, thanks", "", ""],
    ["a18", "", "c5", "a17", "fastweb", "twitter", "giulia_99", "false", "2026-03-02T14:30:00-02:00",
     "ok 👍 :) grazie", "", ""],
    ["a19", "", "c6", "", "", "\ttwitter", "\tpaolo\t", "", "\t2026-03-02T15:00:00Z",
     "\t@VodafoneIT meglio di @TIM_Official e di @iliad_Italia\t", "\t", ""],
    # authors whose lower case differs between Python and DuckDB (İ -> i + a combining dot, a
    # final sigma): their pseudonyms are Python's
    ["a20", "", "c7", "", "tim", "twitter", "İlknur", "", "2026-03-02T16:00:00Z", "la linea è giù", "", ""],
    ["a21", "", "c7", "", "tim", "twitter", "ΟΔΟΣ", "", "2026-03-02T16:05:00Z", "ancora giù", "", ""],
    ["a22", "", "c7", "a21", "", "twitter", "TİMCare", "", "2026-03-02T16:10:00Z", "@TİM_Official ciao", "", ""],
    # padded ids and operator: the steps after reader_rows take its fields as stripped
    ["a30", "", " c8\t", "\u00a012.0 ", "\u3000@TIM_Official ", "twitter", "gianni", " False", "2026-03-02T17:00:00Z",
     "la fattura è sbagliata", " it ", ""],
]


def write_csv(path: Path, rows: list[list[str]], newline: str = "\n") -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator=newline)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def load_both_ways(path: Path, tmp_path: Path, monkeypatch) -> tuple[dict, dict, bool]:
    """The warehouse's messages, rejects and load counts after loading `path` through the
    engine and through Python; and whether the engine did normalise it."""
    used = []
    normalise = ingest.in_engine.normalise
    load_staged = ingest._load_staged
    staged: dict[str, list] = {}

    def capture(con, ctx, source, stage):
        """The staged rows themselves, before threading and merging."""
        def stage_and_keep():
            count, rejects = stage()
            staged["incoming"] = con.execute("select * from scratch.incoming order by ordinal").fetchall()
            staged["staging_rejects"] = sorted((r.line or 0, r.message_id or "", r.reason, r.raw) for r in rejects)
            return count, rejects
        return load_staged(con, ctx, source, stage_and_keep)

    def spy(*args, **kwargs):
        used.append(True)
        return normalise(*args, **kwargs)

    monkeypatch.setattr(ingest.in_engine, "normalise", spy)
    monkeypatch.setattr(ingest, "_load_staged", capture)
    tables = []
    for engine in (True, False):
        monkeypatch.setattr(ingest, "ENGINE_READS_CSV", engine)
        db = tmp_path / ("engine" if engine else "python") / "care.duckdb"
        with building(db, fresh=True) as con:
            ingest.ingest_file(con, path)
        con = duckdb.connect(str(db), read_only=True)
        try:
            tables.append({
                "messages": con.execute("select * exclude (load_id) from messages order by source, message_id").fetchall(),
                "rejects": con.execute("select * exclude (load_id) from rejects order by source_line, reason").fetchall(),
                "counts": con.execute("select count_read, count_loaded, count_duplicate, count_rejected, "
                                      "count_unresolved_operator from loads").fetchall(),
                "conversations": con.execute("select * from conversations order by all").fetchall(),
                "operators": con.execute("select * from operators order by operator_id").fetchall(),
                **staged})
        finally:
            con.close()
    return tables[0], tables[1], bool(used)


def test_hostile_rows_normalise_alike(tmp_path, monkeypatch):
    path = write_csv(tmp_path / "hostile.csv", HOSTILE)
    by_engine, by_python, used = load_both_ways(path, tmp_path, monkeypatch)
    assert used
    assert by_engine == by_python
    # the fixture reaches what it is meant to: each kind of reject, a duplicate, a conflict,
    # texts redacted in SQL and in Python
    assert by_engine["counts"] == [(27, 16, 1, 10, 1)]
    assert [reason for _, _, _, reason, _ in by_engine["rejects"]] == [
        "unparsable created_at", "unparsable created_at", "missing created_at",
        "created_at is outside 2006 .. today", "created_at is outside 2006 .. today", "missing message_id",
        "message_id longer than 200 characters", "missing text", "missing author_id",
        "duplicate message_id with different text (line 2 kept)"]
    texts = {row[0]: row[10] for row in by_engine["messages"]}
    assert texts["a2"].startswith("@c_") and texts["a2"].endswith("anche tu @TIM_Official")
    assert "mario" not in texts["a2"] and "Luca" not in texts["a2"]
    assert texts["a3"] == "Il mio numero è [TELEFONO], scrivimi a [EMAIL]"
    assert "[IBAN]" in texts["a5"] and "[CODICE_FISCALE]" in texts["a5"] and "anna" not in texts["a5"]
    assert texts["a4.0"] == "Grazie mille!!"
    # "@TİM_Official" is not TIM's handle to Python (İ lower-cases to i and a dot): a person's
    assert texts["a22"].startswith("@c_") and texts["a22"].endswith(" ciao")


def test_a_load_joined_in_passes_of_a_few_rows_normalises_alike(tmp_path, monkeypatch):
    """A big load joins its staging tables one range of ordinals at a time
    (warehouse.ROWS_PER_PASS): seven rows a pass here, so rows of every kind sit on both
    sides of a range's edge."""
    monkeypatch.setattr(warehouse, "ROWS_PER_PASS", 7)
    path = write_csv(tmp_path / "hostile.csv", HOSTILE)
    by_engine, by_python, used = load_both_ways(path, tmp_path, monkeypatch)
    assert used
    assert by_engine == by_python
    assert by_engine["counts"] == [(27, 16, 1, 10, 1)]


def test_texts_redacted_in_worker_processes_normalise_alike(tmp_path, monkeypatch):
    """Many texts for Python's redaction go to worker processes (normalise/redact_many.py):
    here every text, two per chunk. The brand handles they keep (@TIM_Official) and the
    pseudonyms they write must be this process's."""
    from pipelines.normalise import redact_many
    pools = []
    real_pool = redact_many.worker_pool

    def counted_pool(*args):
        pools.append(args[0])
        return real_pool(*args)

    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))   # spawned workers
    monkeypatch.setattr(redact_many, "PARALLEL_MIN_TEXTS", 0)
    monkeypatch.setattr(redact_many, "CHUNK_TEXTS", 2)
    monkeypatch.setattr(redact_many, "worker_pool", counted_pool)
    # a brand handle glued to a bracket, beside a phone number: a text only Python redacts
    brand_in_python = ["a23", "", "c8", "", "tim", "twitter", "nadia", "", "2026-03-02T17:00:00Z",
                       "grazie (@TIM_Official), il mio 333 987 6543 va, @nadia_b (@sara)", "", ""]
    path = write_csv(tmp_path / "hostile.csv", [*HOSTILE, brand_in_python])
    by_engine, by_python, used = load_both_ways(path, tmp_path, monkeypatch)
    assert used and pools == [redact_many.REDACT_WORKERS]
    assert by_engine == by_python
    text = {row[0]: row[10] for row in by_engine["messages"]}["a23"]
    assert text.startswith("grazie (@TIM_Official), il mio [TELEFONO] va, @c_") and "sara" not in text


def test_crlf_nul_and_bare_cr_are_cleaned_as_python_cleans_them(tmp_path, monkeypatch):
    rows = [list(row) for row in HOSTILE]
    rows[1][9] = "ciao\rcome va\x00?"            # bare CR, NUL
    rows[16][9] = "riga uno\r\nriga due @WINDTRE"   # CR LF inside a quoted field
    path = write_csv(tmp_path / "windows.csv", rows, newline="\r\n")
    by_engine, by_python, used = load_both_ways(path, tmp_path, monkeypatch)
    assert used
    assert by_engine == by_python
    assert by_engine["counts"] == [(27, 16, 1, 10, 1)]


def test_demo_file_normalises_alike(tmp_path, monkeypatch, cli):
    path = tmp_path / "demo.csv"
    code, _, err = cli("demo", "--messages", 3000, "--out", path, "-q")
    assert code == 0, err
    by_engine, by_python, used = load_both_ways(path, tmp_path, monkeypatch)
    assert used
    assert len(by_engine["messages"]) > 2900
    assert by_engine == by_python


@pytest.mark.parametrize("path", [
    DATA / "twcs_sample.csv", DATA / "canonical_sample.csv", DATA / "thread_rules.csv",
    SHARED_TWCS / "twcs_head_5000.csv", SHARED_TWCS / "twcs_head_121_spreadsheet.csv"],
    ids=lambda p: p.name)
def test_real_and_sample_files_normalise_alike(path, tmp_path, monkeypatch):
    if not path.exists():
        pytest.skip("../shared/data/twcs is not beside this checkout")
    by_engine, by_python, used = load_both_ways(path, tmp_path, monkeypatch)
    assert used
    assert by_engine["messages"]
    assert by_engine == by_python


@pytest.mark.parametrize("content, why", [
    (b'message_id,created_at,text,author_id\nm1,2026-03-02T10:00:00Z, "ciao",a\n', "space before a quote"),
    (b'message_id,created_at,text,author_id\nm1,2026-03-02T10:00:00Z,"ciao" ,a\n', "space after a quote"),
    (b'message_id,created_at,text,author_id\nm1,2026-03-02T10:00:00Z,caff\xe8,a\n', "a Latin-1 line"),
    (b'message_id,created_at,text,author_id\nm1,2026-03-02T10:00:00Z,ciao,a,b\n', "a wrong field count"),
    (b'message_id,created_at,text,author_id\nm1,2026-03-02T10:00:00Z,"ciao,a\nm2,2026-03-02T10:00:00Z,ok,b\n',
     "an unbalanced quote"),
    (b'message_id,created_at,text,author_id\n\nm1,2026-03-02T10:00:00Z,ciao,a\n', "a blank line"),
    (b'message_id,created_at,text,author_id\nm1,2026-03-02T10:00:00Z,' + b"x" * 1_000_001 + b',a\n',
     "a field longer than the Python reader takes"),
    (b'message_id,created_at,text,author_id\nm1,2026-03-02T10:00:00Z,' + "è".encode() * 1_000_001 + b',a\n',
     "a field of more characters than the Python reader takes"),
])
def test_files_duckdb_would_read_otherwise_go_to_python(content, why, tmp_path, monkeypatch):
    path = tmp_path / "odd.csv"
    path.write_bytes(content)
    by_engine, by_python, used = load_both_ways(path, tmp_path, monkeypatch)
    assert not used, why
    assert by_engine == by_python


def test_a_field_of_many_bytes_but_few_enough_characters_is_read_by_the_engine(tmp_path, monkeypatch):
    """The limit is the Python reader's, in characters: 1,200,000 bytes of "è" are 600,000."""
    path = tmp_path / "wide.csv"
    path.write_bytes(b'message_id,created_at,text,author_id\nm1,2026-03-02T10:00:00Z,ok,a\n'
                     b'm2,2026-03-02T10:00:00Z,' + "è".encode() * 600_000 + b',a\n')
    by_engine, by_python, used = load_both_ways(path, tmp_path, monkeypatch)
    assert used
    assert by_engine == by_python
    assert by_engine["counts"] == [(2, 1, 0, 1, 1)]   # the long text is a reject; no operator named


def test_a_quote_inside_a_quoted_field_is_not_mistaken_for_a_spaced_one(tmp_path):
    path = tmp_path / "quoted.csv"
    path.write_bytes(b'message_id,created_at,text,author_id\n'
                     b'm1,2026-03-02T10:00:00Z,"dice ""si"" , poi "" no""",a\n')
    assert engine_csv.plan(open_reader(path), path) is not None


@pytest.mark.parametrize("block_bytes", [1, 7, 40, 1 << 24])
def test_the_scan_reads_whole_lines_whatever_the_block_size(block_bytes, tmp_path, monkeypatch):
    """The pre-scan reads the file in blocks of whole lines (engine_csv._line_blocks): a
    quote's parity, a bare CR and the line count must not depend on where blocks end."""
    monkeypatch.setattr(engine_csv, "SCAN_BYTES", block_bytes)
    content = (b'message_id,created_at,text,author_id\n'
               b'm1,2026-03-02T10:00:00Z,"una riga\nche ne fa due, ""citata""",a\n'
               b'm2,2026-03-02T10:00:00Z,' + b"lunga " * 20 + b',b\n'
               b'm3,2026-03-02T10:00:00Z,fine senza a capo,c')
    path = tmp_path / "blocks.csv"
    path.write_bytes(content)
    blocks = list(engine_csv._line_blocks(path))
    assert b"".join(blocks) == content
    assert all(block.endswith(b"\n") for block in blocks[:-1])
    assert engine_csv.scan_bytes(path, ",") == (False, 5)
    path.write_bytes(content.replace(b",fine senza a capo", b', "fine" senza a capo'))
    assert engine_csv.scan_bytes(path, ",") is None            # a quote after a space, in the last block
    path.write_bytes(content.replace(b"lunga", b"lun\rga"))
    assert engine_csv.scan_bytes(path, ",") == (True, 5)      # a bare CR, wherever it falls


def sent_to_python(monkeypatch) -> list[str]:
    """The texts the engine hands to Python's redaction, as they are handed."""
    from pipelines.normalise import in_engine
    sent: list[str] = []
    redact_texts = in_engine.redact_texts

    def spy(pseudonymiser, bodies):
        sent.extend(bodies)
        return redact_texts(pseudonymiser, bodies)

    monkeypatch.setattr(in_engine, "redact_texts", spy)
    return sent


def rows_of_texts(prefix: str, texts) -> list[list[str]]:
    """One customer message to TIM per text, ids prefix0, prefix1..., each its own conversation."""
    return [[f"{prefix}{i}", "", f"c{i}", "", "tim", "twitter", "anna", "", "2026-03-02T10:00:00Z", text, "", ""]
            for i, text in enumerate(texts)]


def test_words_shaped_like_a_tax_code_go_to_python_only_beside_two_digits(tmp_path, monkeypatch):
    """A codice fiscale may have letters for its digits, so ordinary words fit its shape
    ("offerta corretta sull'"): privacy.redact looks for one only in a text with two digits
    in a row, and only such a text is sent to Python for it (02_routed.sql)."""
    sent = sent_to_python(monkeypatch)
    words = "@TIM_Official offerta corretta sull'app, grazie"
    code = "@TIM_Official il mio codice è RSSMRA85T10A562S"
    spaced = "@TIM_Official codice RSS MRA 85T10 A562S, grazie"
    path = write_csv(tmp_path / "codes.csv", rows_of_texts("t", (words, code, spaced)))
    by_engine, by_python, used = load_both_ways(path, tmp_path, monkeypatch)
    assert used and by_engine == by_python
    assert code in sent and spaced in sent and words not in sent
    texts = {row[0]: row[10] for row in by_engine["messages"]}
    assert texts == {"t0": words, "t1": "@TIM_Official il mio codice è [CODICE_FISCALE]",
                     "t2": "@TIM_Official codice [CODICE_FISCALE], grazie"}


@pytest.fixture(scope="module")
def macros():
    """macros(name, value): the engine's macro `name` applied to one text value."""
    from pipelines.normalise.in_engine import define_macros

    con = duckdb.connect()
    define_macros(con)
    yield lambda name, value: con.execute(f"select {name}($v::varchar)", {"v": value}).fetchone()[0]
    con.close()


@pytest.mark.parametrize("value", ["true", "false", "1", "0", "sì", "si", "vero", "falso", "t", "n", " true", "TRUE",
                                   "\u00a0Sì\u3000", "Yes ", "maybe", "", "  ", "truee", None])
def test_a_flag_reads_as_pythons_reader_reads_it(value, macros):
    """care_bool, with its shortcut for values that are already a word, agrees with
    sources.canonical.parse_bool on words, padded and capitalised words, and others."""
    from pipelines.sources.canonical import parse_bool

    assert macros("care_bool", value) == parse_bool(value)


@pytest.mark.parametrize("value", ["it", "en", "IT", "EN", " it", "it-IT", "en_GB", "EN ", "und", "UN", "zxx", "fr", "",
                                   "  ", "i", None])
def test_a_language_tag_reads_as_pythons_normaliser_reads_it(value, macros):
    """care_lang_code, with its shortcut for a plain "it" or "en", agrees with
    normalise.language.normalise_code."""
    from pipelines.normalise.language import normalise_code

    assert macros("care_lang_code", value) == normalise_code(value)


@pytest.mark.parametrize("value", ["TIM_Official", "twitter", "Mario.Rossi", "İlknur", "TİMCare", "ΟΔΟΣ", "ΣΑΣ ΣΑΣ",
                                   "Àlvaro", "ÉCOLE", "ǅemal", "ß", "", None])
def test_lower_case_is_pythons(value, macros):
    """care_lower, with its shortcut for ASCII values, agrees with str.lower()."""
    assert macros("care_lower", value) == (None if value is None else value.lower())


def test_a_capital_k_stays_in_the_engine_and_the_kelvin_sign_goes_to_python(tmp_path, monkeypatch):
    """Python's case-blind handle pattern reads the Kelvin sign (U+212A) as a k, so a text
    holding one is redacted by Python; an ASCII K ("OK") is nothing special (02_routed.sql)."""
    sent = sent_to_python(monkeypatch)
    plain_k = "OK @mario_rossi, la linea 4G va dalle 12"
    kelvin = "ciao @\u212aarl_b, la linea 4G va dalle 12"
    path = write_csv(tmp_path / "k.csv", rows_of_texts("k", (plain_k, kelvin)))
    by_engine, by_python, used = load_both_ways(path, tmp_path, monkeypatch)
    assert used and by_engine == by_python
    assert kelvin in sent and plain_k not in sent
    texts = {row[0]: row[10] for row in by_engine["messages"]}
    assert texts["k0"].startswith("OK @c_") and "mario" not in texts["k0"]
    assert "arl_b" not in texts["k1"]

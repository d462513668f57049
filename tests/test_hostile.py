"""Input as an attacker (or a careless export) would send it: each file has a defined
outcome, a clear one-line error or a safe load, never a crash."""
from __future__ import annotations

import json

import pytest

HEADER = "message_id,channel,author_id,created_at,text\n"


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


@pytest.mark.parametrize("name, content, error, loaded, rejected", [
    ("empty.csv", b"", "empty file", 0, 0),
    ("blank.csv", b"\n\n  \n", "empty file", 0, 0),
    ("header_only.csv", HEADER, None, 0, 0),                             # loads nothing, no error
    ("wrong_delimiter.csv", "message_id|channel|author_id|created_at|text\n1|tw|a|2026-03-01T10:00:00Z|ciao\n",
     None, 1, 0),
    ("garbage_delimiter.csv", "message_id#channel#author_id#created_at#text\n1#tw#a#x#y\n", "unrecognised layout", 0, 0),
    ("nested.json", ("[" * 100_000 + "]" * 100_000), "unrecognised JSON", 0, 0),
    ("nested_lines.jsonl", '{"message_id": "1", "created_at": "2026-03-01T10:00:00Z", "text": "x", "author_id": "a"}\n'
                           + '{"message_id": "2", "x": ' + "[" * 50_000 + "]" * 50_000 + "}\n", None, 1, 1),
    ("utf16.csv", HEADER.encode("utf-16"), "UTF-16", 0, 0),
])
def test_hostile_files_have_a_defined_outcome(cli, query, tmp_path, name, content, error, loaded, rejected):
    assert cli("ingest", write(tmp_path, "good.csv", HEADER + "g1,twitter,ada,2026-03-01T10:00:00Z,ciao\n"))[0] == 0
    before = query("select (select count(*) from messages), (select count(*) from rejects)")[0]
    path = write(tmp_path, name, content)
    code, out, err = cli("ingest", path)
    assert "Traceback" not in err
    if error:
        assert code == 1 and err.startswith(f"error: {path}: ") and error in err
        assert len(err.strip().splitlines()) == 1
    else:
        assert code == 0 and f"{loaded} loaded, 0 duplicate, {rejected} rejected" in out, err
    after = query("select (select count(*) from messages), (select count(*) from rejects)")[0]
    assert before == (1, 0) and after == (1 + loaded, rejected)


def test_nul_bytes_and_mixed_encodings_load_cleanly(cli, query, tmp_path):
    content = (HEADER + "n1,twitter,ada,2026-03-01T10:00:00Z,ciao\x00 mondo\n").encode("utf-8") + \
              "n2,twitter,bob,2026-03-01T10:01:00Z,perché non va\n".encode("cp1252")
    code, out, _ = cli("ingest", write(tmp_path, "nul.csv", content))
    assert code == 0 and "2 loaded" in out
    assert dict(query("select message_id, text from messages")) == {"n1": "ciao mondo", "n2": "perché non va"}


def test_a_50_mb_single_line_is_rejected_and_the_rest_loads(query, tmp_path, db_path):
    import os
    import subprocess
    import sys
    from pathlib import Path
    huge = "x" * (50 * 1024 * 1024)
    content = HEADER + f"h1,twitter,ada,2026-03-01T10:00:00Z,{huge}\n" + "h2,twitter,bob,2026-03-01T10:01:00Z,ok\n"
    # a real process: a file this size takes the two-process path, whose spawned worker
    # must not inherit an in-process Streamlit test's __main__
    done = subprocess.run([sys.executable, "-m", "pipelines", "ingest", str(write(tmp_path, "huge.csv", content))],
                          env={**os.environ, "CARE_DB": str(db_path)}, cwd=Path(__file__).resolve().parents[1],
                          capture_output=True, text=True, timeout=300)
    code, out = done.returncode, done.stdout
    assert code == 0 and "1 loaded" in out and "1 rejected" in out
    (reason,), = query("select reason from rejects")
    assert "field larger than field limit" in reason


def test_a_huge_json_text_is_rejected_by_length(cli, query, tmp_path):
    line = json.dumps({"message_id": "j1", "created_at": "2026-03-01T10:00:00Z", "author_id": "a", "text": "y" * 60_000})
    code, out, _ = cli("ingest", write(tmp_path, "long.jsonl", line + "\n"))
    assert code == 0 and "1 rejected" in out
    assert query("select reason from rejects") == [("text longer than 50000 characters",)]


def test_timestamps_far_in_the_past_or_future_are_rejected(cli, query, tmp_path):
    content = HEADER + "t1,tw,a,1900-01-01T00:00:00Z,vecchio\nt2,tw,b,2100-01-01T00:00:00Z,futuro\n" \
                       "t3,tw,c,2026-03-01T10:00:00Z,giusto\n"
    code, out, _ = cli("ingest", write(tmp_path, "times.csv", content))
    assert code == 0 and "1 loaded" in out and "2 rejected" in out
    assert all("outside 2006 .. today" in r for (r,) in query("select reason from rejects"))


def test_duplicate_ids_with_different_text_keep_the_first(cli, query, tmp_path):
    content = HEADER + "d1,tw,a,2026-03-01T10:00:00Z,prima\nd1,tw,a,2026-03-01T10:00:00Z,seconda\n"
    code, out, _ = cli("ingest", write(tmp_path, "dups.csv", content))
    assert code == 0 and "1 loaded" in out and "1 rejected" in out
    assert query("select text from messages") == [("prima",)]


def test_script_markdown_and_formulas_are_stored_as_plain_text(cli, query, tmp_path):
    texts = ['<script>alert(1)</script>', '[clicca](javascript:alert(1)) **grassetto**', '=HYPERLINK("http://x")',
             '<img src=x onerror=alert(1)>']
    content = HEADER + "".join(f'x{i},tw,u{i},2026-03-01T10:0{i}:00Z,"{t.replace(chr(34), chr(34) * 2)}"\n'
                               for i, t in enumerate(texts))
    code, out, _ = cli("ingest", write(tmp_path, "inject.csv", content))
    assert code == 0 and "4 loaded" in out
    assert sorted(t for (t,) in query("select text from messages")) == sorted(texts)   # stored verbatim


def _truncated_parquet(tmp_path) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq
    whole = tmp_path / "whole.parquet"
    pq.write_table(pa.table({"message_id": ["p1"], "author_id": ["a"], "created_at": ["2026-03-01T10:00:00Z"],
                             "text": ["ciao"]}), whole)
    content = whole.read_bytes()
    whole.unlink()
    return content[:len(content) // 2]


def _fifo(tmp_path):
    import os
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("name, make, error", [
    ("zeros.parquet", lambda tmp: b"PAR1" + b"\0" * 1000, "not a readable Parquet file"),
    ("cut.parquet", _truncated_parquet, "not a readable Parquet file"),
    ("huge_number.json", lambda tmp: '{"data": [{"id": ' + "9" * 5000 + ', "text": "x", "author_id": "1"}]}',
     "a number in the JSON is too long to read"),
    ("pipe.csv", _fifo, "is not a regular file"),   # reading it would wait forever for a writer
])
def test_an_unreadable_file_is_one_line_and_changes_nothing(cli, query, tmp_path, name, make, error):
    assert cli("ingest", write(tmp_path, "good.csv", HEADER + "g1,twitter,ada,2026-03-01T10:00:00Z,ciao\n"))[0] == 0
    before = query("select count(*) from messages")
    made = make(tmp_path)
    path = made if not isinstance(made, (str, bytes)) else write(tmp_path, name, made)
    code, out, err = cli("ingest", path)
    assert code == 1 and "Traceback" not in err
    first = err.splitlines()[0]
    assert first.startswith(f"error: {path}: ") and error in first and len(err.strip().splitlines()) == 1
    assert query("select count(*) from messages") == before == [(1,)]


def test_a_number_too_long_for_python_rejects_its_line_only(cli, query, tmp_path):
    good = json.dumps({"message_id": "j1", "created_at": "2026-03-01T10:00:00Z", "author_id": "a", "text": "ok"})
    bad = '{"message_id": ' + "9" * 5000 + ', "created_at": "2026-03-01T10:00:00Z", "author_id": "b", "text": "x"}'
    code, out, err = cli("ingest", write(tmp_path, "numbers.jsonl", good + "\n" + bad + "\n"))
    assert code == 0 and "1 loaded" in out and "1 rejected" in out, err
    assert query("select source_line, reason from rejects") == [(2, "a number in the line is too long to read")]


def test_one_latin1_line_does_not_garble_a_utf8_file(cli, query, tmp_path):
    """The encoding is decided per line: one Windows Latin-1 row in the first 64 KiB of a
    UTF-8 export used to make the whole file read as Latin-1 ("perchÃ©")."""
    rows = [f"u{i},twitter,user{i},2026-03-01T10:00:00Z,perché la linea è giù {i}\n" for i in range(2000)]
    content = HEADER.encode() + rows[0].encode("cp1252") + "".join(rows[1:]).encode("utf-8")
    code, out, err = cli("ingest", write(tmp_path, "mixed.csv", content))
    assert code == 0 and "2,000 loaded" in out, err
    assert query("select count(*) filter (where text like 'perché la linea è giù %'), count(*) from messages") == \
        [(2000, 2000)]


def test_an_unbalanced_quote_costs_one_row(cli, query, tmp_path):
    content = HEADER + 'q1,twitter,ada,2026-03-01T10:00:00Z,"ciao senza chiusura\n' \
                       'q2,twitter,bob,2026-03-01T10:01:00Z,seconda riga\n' \
                       'q3,twitter,cleo,2026-03-01T10:02:00Z,"terza, con virgola"\n'
    code, out, err = cli("ingest", write(tmp_path, "quote.csv", content))
    assert code == 0 and "2 loaded" in out and "1 rejected" in out, err
    assert sorted(m for (m,) in query("select message_id from messages")) == ["q2", "q3"]
    (line, reason, raw), = query("select source_line, reason, raw from rejects")
    assert line == 2 and reason.startswith("unbalanced quote") and "ciao senza chiusura" in raw
    # the author is kept as her pseudonym (whose hex digits may spell "ada" by chance), never by name
    from pipelines.normalise.privacy import Pseudonymiser, load_or_create_salt
    assert raw.split(",")[2] == Pseudonymiser(load_or_create_salt()).pseudonym("ada")
    assert query("select count_read, count_loaded, count_rejected from loads") == [(3, 2, 1)]


def test_unreadable_files_among_several_are_skipped_and_the_others_load(cli, query, tmp_path):
    from tests.conftest import DATA
    zeros = write(tmp_path, "zeros.parquet", b"PAR1" + b"\0" * 1000)
    number = write(tmp_path, "number.json", '{"data": [{"id": ' + "9" * 5000 + ', "text": "x", "author_id": "1"}]}')
    code, out, err = cli("ingest", DATA / "canonical_sample.csv", zeros, number, DATA / "twcs_sample.csv")
    assert code == 1 and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 3 and lines[0].startswith(f"error: {zeros}: not a readable Parquet file")
    assert lines[1:] == [f"error: {number}: a number in the JSON is too long to read",
                         "2 file(s) could not be read; the others were loaded"]
    assert "5 loaded" in out and "15 loaded" in out
    assert query("select source, count(*) from messages group by 1 order by 1") == [("canonical", 5), ("twcs", 15)]

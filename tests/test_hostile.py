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


@pytest.mark.parametrize("name, content, error", [
    ("empty.csv", b"", "empty file"),
    ("blank.csv", b"\n\n  \n", "empty file"),
    ("header_only.csv", HEADER, None),                                   # loads nothing, no error
    ("wrong_delimiter.csv", "message_id|channel|author_id|created_at|text\n1|tw|a|2026-03-01T10:00:00Z|ciao\n", None),
    ("garbage_delimiter.csv", "message_id#channel#author_id#created_at#text\n1#tw#a#x#y\n", "unrecognised layout"),
    ("nested.json", ("[" * 100_000 + "]" * 100_000), "unrecognised JSON"),
    ("nested_lines.jsonl", '{"message_id": "1", "created_at": "2026-03-01T10:00:00Z", "text": "x", "author_id": "a"}\n'
                           + '{"message_id": "2", "x": ' + "[" * 50_000 + "]" * 50_000 + "}\n", None),
    ("utf16.csv", HEADER.encode("utf-16"), "UTF-16"),
])
def test_hostile_files_have_a_defined_outcome(cli, query, tmp_path, name, content, error):
    path = write(tmp_path, name, content)
    code, out, err = cli("ingest", path)
    if error:
        assert code == 1 and error in err and "Traceback" not in err and len(err.strip().splitlines()) == 2
    else:
        assert code == 0, err


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

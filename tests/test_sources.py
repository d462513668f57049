"""Readers: each layout on small committed files, sniffing, and files that match nothing."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipelines.sources import SourceError, open_reader
from tests.conftest import DATA, SHARED_TWCS


def rows_of(path, fmt="auto", mapping=None):
    reader = open_reader(path, fmt, mapping)
    return reader, [row for batch in reader.batches() for row in batch]


def test_twcs_hand_made_sample_is_sniffed_and_read():
    reader, rows = rows_of(DATA / "twcs_sample.csv")
    assert reader.format == "twcs"
    assert len(rows) == 15
    by_id = {r["message_id"]: r for r in rows}
    assert by_id["102"]["is_brand"] is True and by_id["101"]["is_brand"] is False
    assert by_id["502"]["in_reply_to"] == "501"          # "501.0" written by pandas
    assert by_id["503"]["text"] == "@FASTWEB grazie ora va"  # bare CR inside a field
    assert by_id["101"]["line"] == 2
    assert reader.brand_accounts() == {"TIM_Official", "TIMCare", "sprintcare", "FASTWEB", "iliad_Italia"}


def test_canonical_csv_jsonl_and_parquet_give_the_same_rows(tmp_path):
    _, csv_rows = rows_of(DATA / "canonical_sample.csv")
    assert [r["message_id"] for r in csv_rows] == ["c1", "c2", "c3", "c4", "c5"]
    assert csv_rows[1]["is_brand"] is True and csv_rows[1]["in_reply_to"] == "c1"
    _, jsonl_rows = rows_of(DATA / "canonical_sample.jsonl")
    assert [r["message_id"] for r in jsonl_rows] == ["j1", "j2", "j3"]
    parquet = tmp_path / "sample.parquet"
    pq.write_table(pa.Table.from_pylist([{k: r[k] for k in ("message_id", "author_id", "created_at", "text", "is_brand")}
                                         for r in csv_rows]), parquet)
    reader, pq_rows = rows_of(parquet)
    assert reader.format == "canonical" and reader.kind == "parquet" and reader.source == "canonical"
    assert [r["message_id"] for r in pq_rows] == ["c1", "c2", "c3", "c4", "c5"]
    assert pq_rows[0]["text"] == csv_rows[0]["text"]


def test_column_mapping_and_semicolons():
    _, rows = rows_of(DATA / "canonical_mapped.csv", mapping={"author_id": "user"})
    assert rows[0]["author_id"] == "luca_r" and rows[0]["created_at"] == "31/03/2026 10:00"
    with pytest.raises(SourceError, match="--map names columns the file does not have"):
        rows_of(DATA / "canonical_mapped.csv", mapping={"text": "nope"})


def test_x_v2_document_and_pages():
    reader, rows = rows_of(DATA / "x_v2_sample.json")
    assert reader.format == "x_v2"
    assert [r["author_handle"] for r in rows] == ["anna_bianchi", "iliad_Italia", "anna_bianchi"]
    assert rows[1]["in_reply_to"] == rows[0]["message_id"] and rows[1]["reply_to_handle"] == "anna_bianchi"
    reader, rows = rows_of(DATA / "x_v2_pages.jsonl")
    assert reader.format == "x_v2" and [r["message_id"] for r in rows] == ["900", "901"]


def test_encodings_bom_and_latin1():
    _, rows = rows_of(DATA / "bom.csv")
    assert rows[0]["message_id"] == "u1" and "perché" in rows[0]["text"]
    _, rows = rows_of(DATA / "latin1_semicolon.csv")
    assert rows[0]["text"].endswith("Forlì") and "perché" in rows[0]["text"]
    _, rows = rows_of(DATA / "bad_rows.csv")
    assert rows[-1]["text"] == "perché non funziona più?"  # a cp1252 line inside UTF-8


@pytest.mark.parametrize("content, problem", [
    (b"", "empty file"),
    (b"\x00\x01\x02\x03" * 100, "binary data"),
    (b"foo,bar,baz\n1,2,3\n", "unrecognised layout"),
    (b'{"hello": "world"}\n', "unrecognised JSON layout"),
    (b'message_id,created_at,text,author_id\n1,2026-01-01,"never closed\n', "truncated"),
    (b'{"message_id": "1", "created_at": "2026-01-01", "text": "x", "author_id": "a"}\n{"message_id": "2", "crea', "truncated"),
    (b'{"data": [{"id": "1", "text": "x", "author_id": "2"', "truncated"),
])
def test_unreadable_files_raise_one_line_errors(tmp_path, content, problem):
    path = tmp_path / "input.dat"
    path.write_bytes(content)
    with pytest.raises(SourceError) as err:
        rows_of(path)
    message = str(err.value)
    assert problem in message and str(path) in message and "\n" not in message


def test_explicit_format_that_does_not_fit(tmp_path):
    with pytest.raises(SourceError, match="not the TWCS layout"):
        rows_of(DATA / "canonical_sample.csv", fmt="twcs")
    with pytest.raises(SourceError, match="is not JSON; x_v2 data is JSON"):
        rows_of(DATA / "canonical_sample.csv", fmt="x_v2")
    with pytest.raises(SourceError, match="is not JSON; facebook_graph data is JSON"):
        rows_of(DATA / "canonical_sample.csv", fmt="facebook_graph")
    with pytest.raises(SourceError, match="not facebook_graph data"):
        rows_of(DATA / "x_v2_sample.json", fmt="facebook_graph")


@pytest.mark.skipif(not SHARED_TWCS.exists(), reason="../shared/data/twcs is not beside this checkout")
def test_real_twcs_samples_read_whole():
    reader, rows = rows_of(SHARED_TWCS / "twcs_head_5000.csv")
    assert reader.format == "twcs" and len(rows) == 5000
    assert not [r for r in rows if r.get("error")]
    cr_row = next(r for r in rows if r["message_id"] == "3399")  # bare CR inside the field
    assert cr_row["text"].startswith("@AskPayPal") and cr_row["text"].endswith("https://t.co/8u1Pf5rJoN")
    assert all(not (r["in_reply_to"] or "").endswith(".0") for r in rows)
    original = {r["message_id"]: r for r in rows}
    _, rows = rows_of(SHARED_TWCS / "twcs_head_121_spreadsheet.csv")
    assert len(rows) == 121 and not [r for r in rows if r.get("error")]
    # The spreadsheet copy (TRUE/FALSE, regrouped reply lists such as "1,55,157") must
    # read exactly like the original: same ids, reply edges, brand flags and text.
    fields = ("in_reply_to", "is_brand", "author_id", "created_at", "text")
    for row in rows:
        assert {f: row[f] for f in fields} == {f: original[row["message_id"]][f] for f in fields}

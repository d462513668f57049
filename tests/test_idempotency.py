"""The idempotency key is (source, message_id), and a file's source does not depend on
the format it was saved in: the same export as CSV, JSON Lines and Parquet is one set of
messages. Two unrelated exports whose ids collide are told apart with --source."""
from __future__ import annotations

import csv
import json

import duckdb

from pipelines.warehouse import building
from tests.conftest import DATA


def _as_jsonl_and_parquet(tmp_path):
    with open(DATA / "canonical_sample.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    jsonl = tmp_path / "export.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    parquet = tmp_path / "export.parquet"
    con = duckdb.connect()
    con.execute(f"copy (select * from read_json_auto('{jsonl}')) to '{parquet}' (format parquet)")
    con.close()
    return len(rows), jsonl, parquet


def test_one_export_saved_in_three_formats_loads_once(cli, query, tmp_path):
    count, jsonl, parquet = _as_jsonl_and_parquet(tmp_path)
    code, out, err = cli("ingest", DATA / "canonical_sample.csv", jsonl, parquet)
    assert code == 0, err
    assert f"{count} loaded, 0 duplicate" in out
    assert out.count(f"0 loaded, {count} duplicate") == 2
    assert query("select source, count(*) from messages group by 1") == [("canonical", count)]


def test_unrelated_exports_whose_ids_collide_each_get_a_source(cli, query, tmp_path):
    header = "message_id,operator,channel,author_id,is_brand,created_at,text,in_reply_to\n"
    first, second = tmp_path / "shop_a.csv", tmp_path / "shop_b.csv"
    first.write_text(header + "1,tim,facebook,anna,false,2026-03-02T10:00:00Z,la linea non va,\n", encoding="utf-8")
    second.write_text(header + "1,vodafone,facebook,bruno,false,2026-03-02T11:00:00Z,bolletta doppia,\n",
                      encoding="utf-8")
    cli("ingest", first)
    code, out, _ = cli("ingest", second)   # same key, another text: a conflict, as it should be
    assert "1 rejected" in out and "already loaded with different text" in query("select reason from rejects")[0][0]
    code, out, err = cli("ingest", second, "--source", "shop_b")
    assert code == 0 and "1 loaded" in out, err
    assert query("select source, message_id, operator from messages order by 1") == [
        ("canonical", "1", "tim"), ("shop_b", "1", "vodafone")]


def test_a_warehouse_keyed_by_format_is_migrated(cli, query, db_path, tmp_path):
    """Earlier versions keyed canonical files by format: the same export loaded as CSV and
    as JSON Lines sits there twice. The next write keeps it once, under `canonical`, and
    leaves apart the ids two unrelated exports share."""
    count, jsonl, _ = _as_jsonl_and_parquet(tmp_path)
    cli("run", DATA / "canonical_sample.csv")
    with building(db_path) as con:   # rewind to the old keys, and load the JSON copy under its own
        con.execute("update messages set source = 'csv', conversation_id = replace(conversation_id, 'canonical:', 'csv:')")
        con.execute("update message_labels set source = 'csv'")
        con.execute("""insert into messages select * replace ('jsonl' as source,
                           replace(conversation_id, 'csv:', 'jsonl:') as conversation_id) from messages""")
        con.execute("insert into message_labels select * replace ('jsonl' as source) from message_labels")
        con.execute("""insert into messages select * replace ('x' || message_id as message_id,
                           'parquet' as source, 'parquet:x' as conversation_id, 'otro texto' as text)
                       from messages where message_id = 'c1' and source = 'csv'""")
        con.execute("""insert into messages select * replace ('parquet' as source, 'parquet:c1' as conversation_id,
                           'un altro testo' as text) from messages where message_id = 'c1' and source = 'csv'""")
    assert query("select count(*) from messages") == [(2 * count + 2,)]
    code, out, err = cli("ingest", DATA / "canonical_sample.csv")
    assert code == 0 and f"0 loaded, {count} duplicate" in out, err
    assert query("select source, count(*) from messages group by 1 order by 1") == [
        ("canonical", count + 1), ("parquet", 1)]
    # c1 is two messages (two exports share the id): the first loaded is canonical, the
    # other keeps its old source and its thread's name
    assert query("select source, text from messages where message_id = 'c1' order by 1")[1] == (
        "parquet", "un altro testo")
    assert sorted(c for (c,) in query("select distinct conversation_id from messages")) == [
        "canonical:c1", "canonical:c4", "canonical:x", "parquet:c1"]
    assert query("""select count(*) from message_labels l anti join messages m using (source, message_id)""") == [(0,)]
    assert query("select count(*), count(distinct (source, message_id)) from message_labels") == [(count, count)]

"""Loading files into the warehouse: threading, sessions, operators, rejects,
idempotency and atomicity."""
from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import DATA, SHARED_TWCS


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def conversations_of(query):
    rows = query("select conversation_id, list(message_id order by created_at) from messages group by 1")
    return sorted(ids for _, ids in rows)


def test_twcs_sample_threads_sessions_and_operators(cli, query):
    code, out, err = cli("ingest", DATA / "twcs_sample.csv")
    assert code == 0, err
    assert "15 loaded, 0 duplicate, 0 rejected" in out
    assert conversations_of(query) == sorted([
        ["101", "102", "103", "104"],   # reply chain, two TIM accounts
        ["201", "202"],                 # unconfigured brand
        ["301", "302"],                 # no chain: one session (10 h gap)
        ["303"],                        # 3 days later: a new session
        ["501", "502", "503"],          # float ids "501.0" still chain
        ["601", "602"],
        ["701"],                        # answers a tweet outside the file: a partial conversation
    ])
    operators = dict(query("select conversation_id, any_value(operator) from messages group by 1"))
    assert operators["twcs:101"] == "tim" and operators["twcs:201"] == "sprintcare"
    assert operators["twcs:501"] == "fastweb" and operators["twcs:601"] == "iliad"
    assert query("select count(*) from messages where operator = 'vodafone'") == [(3,)]
    # Unconfigured brands become operators of their own; configured ones keep their config.
    assert query("select name, is_configured from operators where operator_id = 'sprintcare'") == [("sprintcare", False)]
    assert query("select color from operators where operator_id = 'tim'") == [("#004691",)]
    assert query("select count(*) from rejects") == [(0,)]
    # named after the missing tweet, so that the tweet joins it when a later load brings it
    assert query("select conversation_id from messages where message_id = '701'") == [("twcs:999",)]


def test_customers_are_pseudonymised_and_pii_redacted(cli, query):
    cli("ingest", DATA / "twcs_sample.csv")
    texts = dict(query("select message_id, text from messages"))
    authors = dict(query("select message_id, author_id from messages"))
    assert authors["102"] == "TIM_Official"                    # operators stay readable
    assert authors["101"].startswith("c_") and "900001" not in authors["101"]
    assert texts["101"] == "@TIM_Official senza linea da ieri sera a Bari, chiamatemi al [TELEFONO]"
    assert texts["102"].startswith("@" + authors["101"] + " ")    # the handle gets the same pseudonym
    assert "[EMAIL]" in texts["303"] and "[CODICE_FISCALE]" in texts["501"]
    assert "@sprintcare" in texts["201"]                         # a brand met only in this file
    every_text = " ".join(texts.values())
    for secret in ("900001", "900006", "347 123 4567", "mario.rossi", "RSSMRA85T10A562S"):
        assert secret not in every_text
    customers = query("select customer_id from messages where conversation_id = 'twcs:101'")
    assert {c for (c,) in customers} == {authors["101"]}        # brand replies carry the customer


def test_conversations_table_has_one_row_per_conversation(cli, query):
    cli("ingest", DATA / "twcs_sample.csv")
    assert query("select count(*), count(distinct conversation_id) from conversations") == [(7, 7)]
    row = query("""select is_customer_opened, is_answered, frt_minutes, count_messages,
                          count_customer_messages, count_operator_messages
                   from conversations where conversation_id = 'twcs:101'""")
    assert row == [(True, True, 25.0, 4, 2, 2)]  # 08:15 -> 08:40
    assert query("select is_answered from conversations where conversation_id = 'twcs:s:301'") == [(False,)]


def test_canonical_files_thread_and_resolve(cli, query):
    code, out, err = cli("ingest", DATA / "canonical_sample.csv", DATA / "canonical_sample.jsonl",
                         DATA / "x_v2_sample.json", DATA / "x_v2_pages.jsonl")
    assert code == 0, err
    assert conversations_of(query) == sorted([
        ["c1", "c2", "c3"], ["c4", "c5"], ["j1", "j2", "j3"],
        ["1500000000000000001", "1500000000000000002", "1500000000000000003"], ["900", "901"]])
    ops = dict(query("select message_id, operator from messages"))
    assert ops["c1"] == "windtre" and ops["c4"] == "tim" and ops["j1"] == "vodafone"
    assert ops["1500000000000000001"] == "iliad" and ops["900"] == "vodafone"
    # Naive times are Italian local time: 18:00 in March is 17:00 UTC.
    assert query("select strftime(created_at, '%H:%M') from messages where message_id = 'c4'") == [("17:00",)]
    assert query("select channel from messages where message_id = 'j1'") == [("instagram",)]
    # X handles are pseudonymised by username, so the mention and the author agree.
    author = query("select author_id from messages where message_id = '1500000000000000001'")[0][0]
    reply = query("select text from messages where message_id = '1500000000000000002'")[0][0]
    assert reply.startswith("@" + author) and "[EMAIL]" in query(
        "select text from messages where message_id = '1500000000000000001'")[0][0]


def test_column_mapping_from_the_command_line(cli, query):
    code, out, err = cli("ingest", DATA / "canonical_mapped.csv", "--map", "author_id=user", "--channel", "facebook")
    assert code == 0, err
    assert query("select message_id, operator, is_brand, channel from messages order by 1") == [
        ("m1", "fastweb", False, "facebook"), ("m2", "fastweb", True, "facebook")]


def test_bad_rows_go_to_rejects_and_good_rows_load(cli, query):
    code, out, err = cli("ingest", DATA / "bad_rows.csv")
    assert code == 0, err
    assert "4 loaded, 1 duplicate, 6 rejected" in out
    assert sorted(m for (m,) in query("select message_id from messages")) == ["b1", "b6", "b8", "b9"]
    rejects = dict(query("select source_line, reason from rejects"))
    assert rejects == {
        3: "missing message_id",
        4: "missing text",
        5: "unparsable created_at",
        6: "created_at is outside 2006 .. today",
        8: "expected 8 fields, found 9",
        10: "duplicate message_id with different text (line 2 kept)",
    }
    assert query("select distinct source_file from rejects") == [(str(DATA / "bad_rows.csv"),)]


def test_reloading_adds_nothing(cli, query):
    cli("ingest", DATA / "twcs_sample.csv", DATA / "bad_rows.csv")
    before = query("select count(*) from messages")
    code, out, _ = cli("ingest", DATA / "twcs_sample.csv", DATA / "bad_rows.csv")
    assert code == 0
    assert "0 loaded, 15 duplicate" in out
    assert query("select count(*) from messages") == before
    assert query("select count(*), count(distinct (source, message_id)) from messages")[0][0] == before[0][0]
    assert query("select count(*) from loads") == [(4,)]


def test_the_load_log_records_each_files_sha256(cli, query):
    # the CSV is read by DuckDB, the JSON lines by Python: both hash the file in a thread
    files = [DATA / "twcs_sample.csv", DATA / "x_v2_pages.jsonl"]
    code, _, err = cli("ingest", *files)
    assert code == 0, err
    logged = dict(query("select source_file, file_sha256 from loads"))
    assert logged == {str(path): digest(path) for path in files}


def test_a_file_that_cannot_be_hashed_raises_where_the_digest_is_read(tmp_path):
    from pipelines.load.digest import FileDigest
    with pytest.raises(FileNotFoundError):
        FileDigest(tmp_path / "gone.csv").value()
    assert FileDigest().value() is None


def test_a_reply_in_a_later_file_joins_the_earlier_conversation(cli, query, tmp_path):
    cli("ingest", DATA / "canonical_sample.csv")
    later = tmp_path / "later.csv"
    later.write_text("message_id,in_reply_to,channel,author_id,created_at,text\n"
                     "c6,c3,twitter,WINDTRE,2026-03-02T10:00:00+01:00,Grazie a te Giulia\n", encoding="utf-8")
    code, out, err = cli("ingest", later)
    assert code == 0, err
    assert query("select conversation_id, operator from messages where message_id = 'c6'") == [("canonical:c1", "windtre")]
    assert query("select count_messages from conversations where conversation_id = 'canonical:c1'") == [(4,)]


def test_a_later_session_row_can_join_two_earlier_sessions(cli, query, tmp_path):
    first = tmp_path / "first.csv"
    first.write_text("message_id,operator,channel,author_id,created_at,text\n"
                     "s1,tim,dm,pia,2026-03-01T10:00:00Z,la linea non va\n"
                     "s2,tim,dm,pia,2026-03-04T10:00:00Z,ancora nulla\n", encoding="utf-8")
    second = tmp_path / "second.csv"
    second.write_text("message_id,operator,channel,author_id,created_at,text\n"
                      "s3,tim,dm,pia,2026-03-02T20:00:00Z,e quindi?\n", encoding="utf-8")
    cli("ingest", first)
    assert query("select count(distinct conversation_id) from messages") == [(2,)]
    cli("ingest", second)  # 34 h and 38 h from its neighbours: one conversation now
    assert query("select count(distinct conversation_id) from messages") == [(1,)]
    assert query("select count(*) from conversations") == [(1,)]


def test_reply_cycles_are_rejected(cli, query, tmp_path):
    path = tmp_path / "cycle.csv"
    path.write_text("message_id,in_reply_to,channel,author_id,created_at,text\n"
                    "a,b,twitter,x1,2026-03-01T10:00:00Z,uno\n"
                    "b,a,twitter,x2,2026-03-01T10:01:00Z,due\n"
                    "c,,twitter,x3,2026-03-01T10:02:00Z,tre\n", encoding="utf-8")
    code, out, _ = cli("ingest", path)
    assert code == 0 and "1 loaded" in out
    assert query("select count(*) from rejects where reason like 'reply cycle%'") == [(2,)]


def test_unresolved_operator_is_kept_and_counted(cli, query, tmp_path):
    path = tmp_path / "nobody.csv"
    path.write_text("message_id,channel,author_id,created_at,text\n"
                    "n1,twitter,ugo,2026-03-01T10:00:00Z,qualcuno sa perché internet non va?\n", encoding="utf-8")
    code, out, _ = cli("ingest", path)
    assert code == 0 and "1 without operator" in out
    assert query("select operator from messages") == [(None,)]
    assert query("select count_unresolved_operator from loads") == [(1,)]


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20,
                                     b'message_id,created_at,text,author_id\n1,2026-01-01,"cut'])
def test_unreadable_file_gives_one_line_and_leaves_the_warehouse_unchanged(cli, db_path, tmp_path, content):
    cli("ingest", DATA / "canonical_sample.csv")
    before = digest(db_path)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    code, out, err = cli("ingest", bad)
    assert code == 1
    first = err.strip().splitlines()[0]
    assert first.startswith(f"error: {bad}: ") and "Traceback" not in err
    assert digest(db_path) == before
    assert not db_path.with_name("care.duckdb.build").exists()


def test_a_bad_file_among_good_ones_loads_the_good_ones(cli, query, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, out, err = cli("ingest", DATA / "canonical_sample.csv", bad)
    assert code == 1 and "bad.json" in err
    assert query("select count(*) from messages") == [(5,)]


def test_missing_file_is_a_one_line_error(cli, tmp_path):
    code, _, err = cli("ingest", tmp_path / "nope.csv")
    assert code == 1 and err.startswith(f"error: {tmp_path / 'nope.csv'}: file not found")


def test_load_succeeds_while_another_process_reads(cli, db_path, tmp_path):
    """DuckDB refuses a writer while another process holds the file: publishing a new
    file by rename means the reader never blocks the load, and sees it on reconnect."""
    cli("ingest", DATA / "canonical_sample.csv")
    ready = tmp_path / "ready"
    reader = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import duckdb, pathlib, time
        con = duckdb.connect({str(db_path)!r}, read_only=True)
        n = con.execute("select count(*) from messages").fetchall()[0][0]
        pathlib.Path({str(ready)!r}).write_text("x")
        time.sleep(6)
        print(n, con.execute("select count(*) from messages").fetchall()[0][0])
    """)], stdout=subprocess.PIPE, text=True)
    try:
        for _ in range(200):
            if ready.exists():
                break
            import time
            time.sleep(0.05)
        assert ready.exists()
        code, out, err = cli("ingest", DATA / "canonical_sample.jsonl")
        assert code == 0, err
        out, _ = reader.communicate(timeout=30)
    finally:
        reader.kill()
    assert out.split() == ["5", "5"]  # the open reader keeps its consistent snapshot
    import duckdb
    con = duckdb.connect(str(db_path), read_only=True)
    assert con.execute("select count(*) from messages").fetchall()[0][0] == 8  # a new connection sees the load
    con.close()


@pytest.mark.skipif(not SHARED_TWCS.exists(), reason="../shared/data/twcs is not beside this checkout")
def test_real_twcs_samples_load(cli, query):
    code, out, err = cli("ingest", SHARED_TWCS / "twcs_head_5000.csv", SHARED_TWCS / "twcs_head_121_spreadsheet.csv")
    assert code == 0, err
    loaded, rejected = query("select count(*) from messages")[0][0], query("select count(*) from rejects")[0][0]
    # the head of a larger file: a few replies answer tweets outside it, and load as partial threads
    assert (loaded, rejected) == (5000, 0)
    assert query("select count_loaded, count_duplicate from loads order by started_at")[1] == (0, 121)
    assert "3399" in {m for (m,) in query("select message_id from messages")}


TELECOM_BRANDS = ("comcastcares", "TMobileHelp", "VerizonSupport", "sprintcare", "Ask_Spectrum", "CoxHelp",
                  "CenturyLinkHelp", "O2")


def _twcs_answered_and_median_frt(path: Path) -> dict[str, tuple[int, float]]:
    """An independent reading of the real TWCS sample, in plain Python: brand -> (answered
    conversations, median minutes to the first reply). A thread is every tweet reached by
    following replies up to the first tweet whose parent is missing from the file (kept:
    a partial thread) or that has none. Its brand is the author of its first brand tweet;
    its first response counts from its first customer tweet, unless a brand tweet is the
    earliest we have (then it is answered with no time), and a reply stamped before that
    customer tweet counts as immediate."""
    import csv
    import io
    import re
    from datetime import datetime
    from statistics import median

    with path.open(encoding="utf-8", newline="") as fh:
        text = re.sub(r"\r(?!\n)", " ", fh.read())   # tweet 3399's bare CR
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    tweets = {}
    for row in rows:
        parent = row["in_response_to_tweet_id"]
        tweets[row["tweet_id"]] = {
            "parent": str(int(float(parent))) if parent else None,
            "brand": row["inbound"] == "False", "author": row["author_id"],
            "at": datetime.strptime(row["created_at"], "%a %b %d %H:%M:%S %z %Y")}

    def top(tweet_id):
        while tweets[tweet_id]["parent"] in tweets:
            tweet_id = tweets[tweet_id]["parent"]
        return tweets[tweet_id]["parent"] or tweet_id   # the missing parent names a partial thread

    threads: dict[str, list[dict]] = {}
    for tweet_id, tweet in tweets.items():
        threads.setdefault(top(tweet_id), []).append(tweet)
    answered: dict[str, int] = {}
    minutes: dict[str, list[float]] = {}
    for key, thread in threads.items():
        thread.sort(key=lambda t: t["at"])
        partial = key not in tweets
        brand_tweets = [t for t in thread if t["brand"]]
        if not brand_tweets or not (partial or not thread[0]["brand"]):
            continue   # unanswered, or opened by the brand
        brand = brand_tweets[0]["author"]
        answered[brand] = answered.get(brand, 0) + 1
        if partial and thread[0]["brand"]:
            continue
        first_customer = next(t["at"] for t in thread if not t["brand"])
        first_reply = min(max(t["at"], first_customer) for t in brand_tweets
                          if t["at"] >= first_customer or t["parent"])
        minutes.setdefault(brand, []).append((first_reply - first_customer).total_seconds() / 60)
    return {brand: (answered[brand], median(minutes[brand])) for brand in answered if brand in minutes}


@pytest.mark.skipif(not SHARED_TWCS.exists(), reason="../shared/data/twcs is not beside this checkout")
def test_real_twcs_answered_and_first_response_match_an_independent_count(cli):
    import json
    sample = SHARED_TWCS / "twcs_head_5000.csv"
    code, out, err = cli("run", sample)
    assert code == 0 and "5,000 loaded, 0 duplicate, 0 rejected" in out, err
    code, out, err = cli("metrics", "--json")
    ours = json.loads(out)
    expected = _twcs_answered_and_median_frt(sample)
    brands = [b for b in TELECOM_BRANDS if b in expected]
    assert len(brands) >= 7
    for brand in brands:
        assert (ours[brand]["answered"], round(ours[brand]["frt_median_min"], 6)) == \
            (expected[brand][0], round(expected[brand][1], 6)), brand
    # the brand whose answered conversation was once rejected for its missing first tweet
    assert expected["CenturyLinkHelp"] == (19, pytest.approx(16.9))


def test_a_tweet_repeated_within_one_page_loads_once(cli, query, tmp_path):
    import json
    tweet = {"id": "77", "author_id": "1", "created_at": "2026-03-01T10:00:00Z", "text": "@TIM_Official ciao"}
    path = tmp_path / "pages.jsonl"
    path.write_text(json.dumps({"data": [tweet, tweet]}) + "\n", encoding="utf-8")
    code, out, _ = cli("ingest", path)
    assert code == 0 and "1 loaded, 1 duplicate, 0 rejected" in out


def test_build_classifies_only_what_is_new_and_relabels_on_a_new_model(cli, query, trained_model, monkeypatch):
    code, out, _ = cli("run", DATA / "twcs_sample.csv")
    assert code == 0 and "classified 15 messages" in out
    assert query("select count(*), count(distinct model_version) from message_labels") == [(15, 1)]
    assert query("select distinct model_version from message_labels") == [(trained_model.version,)]
    # customers get customer labels, operators get their act
    assert query("select count(*) from message_labels l join messages m using (source, message_id) "
                 "where m.is_brand and (l.act is null or l.sentiment is not null)") == [(0,)]
    assert query("select count(*) from message_labels l join messages m using (source, message_id) "
                 "where not m.is_brand and (l.sentiment is null or l.act is not null)") == [(0,)]
    code, out, _ = cli("run", DATA / "canonical_sample.csv")
    assert "classified 5 messages" in out                        # only the new ones
    code, out, _ = cli("build")
    assert "classified 0 messages" in out
    import models.classifier as mc
    monkeypatch.setattr(mc, "fingerprint", lambda *a, **k: "care-test-new")
    from models.corpus import load_corpus
    newer = mc.train(load_corpus()[::6])  # a different (smaller) model: a new version
    from pipelines.labels import classify
    monkeypatch.setattr(classify, "_saved_model", lambda log: newer)
    code, out, _ = cli("build")
    assert "classified 20 messages" in out
    assert query("select distinct model_version from message_labels") == [("care-test-new",)]


def test_a_full_disk_is_a_clear_error_and_publishes_nothing(cli, db_path, monkeypatch):
    import errno
    cli("ingest", DATA / "canonical_sample.csv")
    before = digest(db_path)

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(db_path) + ".build")
    monkeypatch.setattr("pipelines.warehouse.shutil.copyfile", no_space)
    code, _, err = cli("ingest", DATA / "canonical_sample.jsonl")
    assert code == 1 and "No space left on device" in err and "unchanged" in err and "Traceback" not in err
    assert digest(db_path) == before


def test_a_disk_that_fills_while_duckdb_writes_is_one_line_and_leaves_nothing(cli, db_path, monkeypatch):
    import duckdb
    cli("ingest", DATA / "canonical_sample.csv")
    before = digest(db_path)

    def full(con):
        raise duckdb.TransactionException("TransactionContext Error: Failed to commit: could not write file "
                                          f'"{db_path}.build": No space left on device')
    monkeypatch.setattr("pipelines.warehouse.configure", full)
    code, _, err = cli("ingest", DATA / "canonical_sample.jsonl", DATA / "twcs_sample.csv")
    assert code == 1 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert err.startswith(f"error: {db_path}: ") and "No space left on device" in err and "unchanged" in err
    assert digest(db_path) == before
    left = {p.name for p in db_path.parent.iterdir()} - {"care.duckdb", "care.duckdb.lock"}
    assert not left   # no build copy, scratch file or WAL left behind


def test_a_directory_is_not_a_file(cli, tmp_path):
    code, _, err = cli("ingest", tmp_path)
    assert code == 1 and "is a directory" in err


def test_the_parallel_path_loads_and_labels_exactly_what_the_serial_one_does(cli, tmp_path, monkeypatch):
    """Big files are normalised by worker processes writing Parquet parts, and big
    backlogs classified by workers over distinct texts: forced here on a small file cut
    into many batches, the warehouse must come out row for row the same."""
    import types

    import duckdb

    from pipelines.contract import config
    from pipelines.labels import classify
    from pipelines.load import ingest as load
    from pipelines.sources import canonical

    # Spawned workers re-run the parent's __main__; after an AppTest in the same session
    # that is the dashboard script, so the workers get a main with nothing to run.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))

    corpus = tmp_path / "corpus.csv"
    assert cli("demo", "--messages", "3000", "--weeks", "4", "--out", corpus)[0] == 0
    with corpus.open("a", encoding="utf-8") as fh:       # rejects from a late batch keep their line
        fh.write("bad1,csv,,,tim,twitter,u1,false,ieri sera,testo,it\n")
        fh.write("bad2,csv,,,tim,twitter,u1,false,2026-11-01T10:00:00Z,,it\n")
    monkeypatch.setattr(config, "BATCH_ROWS", 400)
    monkeypatch.setattr(canonical, "BATCH_ROWS", 400)
    monkeypatch.setattr(classify, "BATCH", 500)
    serial, parallel = tmp_path / "serial.duckdb", tmp_path / "parallel.duckdb"
    assert cli("run", corpus, "--db", serial, "-q")[0] == 0
    monkeypatch.setattr(load, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(classify, "PARALLEL_MIN_ROWS", 0)
    assert cli("run", corpus, "--db", parallel, "-q")[0] == 0
    assert not list(tmp_path.glob("*.staging-*"))                  # Parquet parts cleaned up

    tables = {"messages": "* exclude (load_id)", "rejects": "* exclude (load_id)", "message_labels": "*",
              "conversation_facts": "* exclude (message_rows, label_rows)"}   # rowids: where each load put them
    con = duckdb.connect()
    con.execute(f"attach '{serial}' as a (read_only)")
    con.execute(f"attach '{parallel}' as b (read_only)")
    for table, columns in tables.items():
        count = con.execute(f"select count(*) from a.{table}").fetchall()[0][0]
        assert count > (0 if table != "rejects" else 1), table
        differ = con.execute(f"""select count(*) from (
            (select {columns} from a.{table} except all select {columns} from b.{table})
            union all
            (select {columns} from b.{table} except all select {columns} from a.{table}))""").fetchall()[0][0]
        assert differ == 0, f"{table}: {differ} rows differ"
    lines = con.execute("select source_line, reason from b.rejects order by source_line").fetchall()
    assert [reason for _, reason in lines] == ["unparsable created_at", "missing text"]
    assert lines[0][0] > 3000


def test_staging_parts_a_killed_load_left_are_swept_by_the_next_run(cli, db_path):
    """A load killed while its workers wrote Parquet parts leaves them beside the
    scratch file; the next run removes them."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    leftover = db_path.parent / (db_path.name + ".scratch.staging-k1ll3d")
    leftover.mkdir()
    (leftover / "000001.parquet").write_bytes(b"PAR1 half written")
    code, _, err = cli("ingest", DATA / "twcs_sample.csv")
    assert code == 0, err
    assert not leftover.exists()


@pytest.mark.parametrize("parallel", [False, True])
def test_labelling_shows_progress_over_every_distinct_text(cli, db_path, trained_model, monkeypatch, parallel):
    """Long labelling shows progress: the bar's total is the distinct texts, and it ends
    there, whether this process labels or the workers do."""
    import types

    from pipelines.labels import classify
    from pipelines.warehouse import building

    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))   # spawned workers
    assert cli("ingest", DATA / "twcs_sample.csv")[0] == 0
    monkeypatch.setattr(classify, "BATCH", 4)
    monkeypatch.setattr(classify, "PARALLEL_MIN_ROWS", 0 if parallel else 10**9)
    bars = []

    class Bar:
        def __init__(self, name):
            self.name, self.total, self.n, self.closed = name, None, 0, False
            bars.append(self)

        def update(self, n):
            self.n += n

        def refresh(self):
            pass

        def close(self):
            self.closed = True

    with building(db_path) as con:
        distinct = con.execute("select count(*) from (select distinct is_brand, text from messages)").fetchall()[0][0]
        assert classify.classify_messages(con, log=lambda m: None, progress_factory=Bar) == 15
    assert distinct > 4 and [(b.total, b.n, b.closed) for b in bars] == [(distinct, distinct, True)]

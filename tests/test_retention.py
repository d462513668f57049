"""Retention: messages older than N days leave the warehouse, with what quotes them."""
from __future__ import annotations

from datetime import datetime, timezone

from pipelines.retention import apply_retention
from pipelines.warehouse import building
from tests.conftest import DATA


def test_retention_deletes_old_messages_and_what_derives_from_them(cli, query, db_path):
    cli("run", DATA / "twcs_sample.csv")   # March 2026
    assert query("select count(*) from messages") == [(15,)]
    with building(db_path) as con:
        # on 2 April, keep 30 days: everything before 3 March 00:00 UTC goes
        deleted = apply_retention(con, 30, now=datetime(2026, 4, 2, tzinfo=timezone.utc))
    assert deleted["messages"] == 4          # tweets 101..104, written on 2 March
    assert query("select min(created_at) >= timestamptz '2026-03-03 00:00:00+00' from messages") == [(True,)]
    assert query("""select count(*) from message_labels l anti join messages m using (source, message_id)""") == [(0,)]


def test_retention_command_rebuilds_derived_tables(cli, query):
    cli("run", DATA / "twcs_sample.csv", DATA / "bad_rows.csv")
    code, out, _ = cli("retention", "--days", 1)   # the samples are from March 2026: all of it is older
    assert code == 0 and "retention 1 days: deleted 19 messages" in out
    assert query("select count(*) from messages") == [(0,)]
    assert query("select count(*) from conversations") == [(0,)]
    assert query("select count(*) from message_labels") == [(0,)]
    assert query("select count(*) from rejects") == [(6,)]   # rejected rows age with their load: loaded today
    code, _, err = cli("retention", "--days", 0)
    assert code == 2 and "at least 1" in err

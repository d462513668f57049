"""What the pages read instead of the messages, checked against the messages themselves.

The facts keep, for each conversation, its opening post (cut to 280 characters), the rows
of its messages and the hours of the week they were written, so that the conversation
lists, the threads, the heat map and the export counts do not scan every message; and
per-operator figures are queried for every operator and then picked. Each is compared here
with the straightforward read on the demo warehouse, under filters that keep some rows.
"""
from __future__ import annotations

from datetime import timedelta

import duckdb
import pandas as pd
import pytest

from dashboard import connection, queries
from dashboard.filters import Filters
from pipelines.marts import conversation_rows
from pipelines.marts.metrics import metrics_query, set_choices


@pytest.fixture
def demo(demo_db, monkeypatch):
    monkeypatch.setenv("CARE_DB", str(demo_db))
    connection.release()
    con = duckdb.connect(str(demo_db), read_only=True)
    bounds = queries.bounds(connection.identity())
    yield con, bounds
    con.close()
    connection.release()


def some_filters(bounds, **extra) -> Filters:
    """The last three weeks, one channel: a filter that keeps part of the data."""
    return Filters(bounds["last_day"] - timedelta(days=20), bounds["last_day"], channels=(bounds["channels"][0],),
                   **extra)


def kept(con, f: Filters) -> None:
    set_choices(con, queries.choices(f))


def test_the_heat_map_counts_every_message_of_the_kept_conversations(demo):
    con, bounds = demo
    f = some_filters(bounds)
    kept(con, f)
    expected = con.execute("""
        select m.is_brand, isodow(timezone('Europe/Rome', m.created_at)) as weekday,
               hour(timezone('Europe/Rome', m.created_at)) as hour, count(*) as messages
        from messages as m semi join period_facts as p using (conversation_id)
        group by all order by all""").df()
    got = queries.hour_heatmap(connection.identity(), f).sort_values(["is_brand", "weekday", "hour"])
    assert len(expected) > 50 and expected["messages"].sum() > 200
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected, check_dtype=False)


def test_the_export_counts_every_message_of_the_kept_conversations(demo):
    con, bounds = demo
    f = some_filters(bounds)
    kept(con, f)
    expected = con.execute("select count(*) from messages as m semi join period_facts as p using (conversation_id)"
                           ).fetchall()[0][0]
    assert expected > 200
    assert queries.export_count(connection.identity(), f, "messages") == expected


def test_the_lists_show_each_conversations_opening_post(demo):
    con, bounds = demo
    listed = queries.conversation_list(connection.identity(), some_filters(bounds), limit=60)
    assert len(listed) == 60
    firsts = dict(con.execute("""
        select conversation_id, arg_min(text, (created_at, rowid)) from messages
        where not is_brand group by conversation_id""").fetchall())
    for conversation_id, post in zip(listed["conversation_id"], listed["first_post"]):
        full = firsts[conversation_id]
        assert post == (full if len(full) <= 280 else full[:279] + "…")
    assert listed["first_post"].str.len().max() <= 280


def thread_reader(con, runs: list):
    def run(params):
        runs.append(params)
        return con.execute(connection.query_text("thread"), params).df()
    return run


def labelled(found) -> int:
    return int(found["label_origin"].notna().sum())


EVERY_ROW = {"rows": None, "label_rows": None}


def test_a_thread_is_read_from_its_own_rows(demo):
    con, bounds = demo
    listed = queries.conversation_list(connection.identity(), some_filters(bounds), limit=50)
    runs = []
    run = thread_reader(con, runs)
    for conversation_id in listed["conversation_id"]:
        runs.clear()
        found = conversation_rows.read_conversation(con, conversation_id, run, labelled=labelled)
        assert len(runs) == 1 and runs[0]["rows"] is not None      # the narrow read answered
        everything = run({"conversation_id": conversation_id, **EVERY_ROW})
        pd.testing.assert_frame_equal(found, everything)
        assert len(found) >= 1 and labelled(found) == len(found)   # the demo labels every message


@pytest.mark.parametrize("moved", ["rows", "label_rows"])
def test_rows_that_moved_fall_back_to_reading_every_row(demo, monkeypatch, moved):
    """DuckDB may renumber rows when it compacts a table: the answer then misses messages or
    labels, and the thread is read again from every row."""
    con, bounds = demo
    conversation_id = queries.conversation_list(connection.identity(), some_filters(bounds), limit=1)["conversation_id"][0]
    recorded = dict(zip(("rows", "label_rows"), conversation_rows.message_rows(con, conversation_id)))
    recorded[moved] = [r + 1 for r in recorded[moved]]
    monkeypatch.setattr(conversation_rows, "message_rows", lambda con, cid: (recorded["rows"], recorded["label_rows"]))
    runs = []
    found = conversation_rows.read_conversation(con, conversation_id, thread_reader(con, runs), labelled=labelled)
    assert len(runs) == 2 and runs[-1]["rows"] is None and runs[-1]["label_rows"] is None
    assert len(found) == len(recorded["rows"]) and labelled(found) == len(found)


@pytest.mark.parametrize("name", ["operator_metrics", "weekly_metrics", "frt_quantiles", "daily_volume", "churn_flows"])
def test_figures_for_chosen_operators_are_those_the_query_gives_for_them(demo, name):
    con, bounds = demo
    chosen = tuple(bounds["operators"][:2])
    f = some_filters(bounds, operators=chosen)
    got = getattr(queries, name)(connection.identity(), f)
    column = "from_operator" if name == "churn_flows" else "operator"
    assert set(got[column]) == set(chosen) and len(got) >= 2
    # the same query with the operators filtered in SQL
    direct = getattr(queries, "_" + name).__wrapped__(connection.identity(), f)
    pd.testing.assert_frame_equal(got, direct)


def test_grouped_figures_for_chosen_operators_match_the_filtered_query(demo):
    con, bounds = demo
    f = some_filters(bounds, operators=(bounds["operators"][0],))
    got = queries.grouped_metrics(connection.identity(), f, "category")
    direct = queries._df(metrics_query(("operator", "category")) + " order by operator, category", filters=f)
    assert len(got) >= 3
    pd.testing.assert_frame_equal(got, direct)

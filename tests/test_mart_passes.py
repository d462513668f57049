"""On a big warehouse the conversation facts are built one pass of conversations at a
time (pipelines/marts/passes.py). Here the passes hold a few hundred messages each, so
conversations of every kind, and customers' next conversations, sit on both sides of a
pass's edge: the facts, the metric marts and the truth's are what one pass builds."""
from __future__ import annotations

import math
import shutil

import duckdb
import pytest

from pipelines import warehouse
from pipelines.marts.metrics import build_marts
from pipelines.marts.passes import conversation_passes

TABLES = ("conversation_facts", "operator_days", "operator_week", "operator_week_category",
          "operator_week_channel", "competitor_flows", "thread_labels")


def _rows(con, table: str) -> list[tuple]:
    # a conversation's rowid lists hold the same rows in whatever order its pass met them
    lists = "list_sort(message_rows) as message_rows, list_sort(label_rows) as label_rows" \
        if table.endswith("conversation_facts") else ""
    columns = f"* replace ({lists})" if lists else "*"
    rows = con.execute(f"select {columns} from {table}").fetchall()
    return sorted((tuple(round(v, 9) if isinstance(v, float) and not math.isnan(v) else v for v in row)
                   for row in rows), key=repr)


def _built(db) -> tuple[dict[str, list[tuple]], int, int]:
    """Every mart's rows (the model's and the truth's), the number of passes, and how many
    facts are stored after a later opening day than the row after them."""
    con = duckdb.connect(str(db))
    try:
        build_marts(con, log=lambda _: None)
        con.execute("create schema if not exists truth")
        build_marts(con, target="truth", labels="truth", log=lambda _: None)
        passes = len(conversation_passes(con))
        out_of_order = con.execute(
            "select count(*) from (select opened_local_date > lead(opened_local_date) over (order by rowid) as late"
            " from main.conversation_facts) where late").fetchone()[0]
        rows = {f"{schema}.{table}": _rows(con, f"{schema}.{table}")
                for schema in ("main", "truth") for table in TABLES if schema == "main" or table != "operator_days"}
        return rows, passes, out_of_order
    finally:
        con.close()


def test_facts_built_in_passes_are_the_facts_of_one_pass(demo_db, tmp_path, monkeypatch):
    one, many = tmp_path / "one.duckdb", tmp_path / "many.duckdb"
    shutil.copyfile(demo_db, one)
    shutil.copyfile(demo_db, many)
    in_one, passes, out_of_order = _built(one)
    assert passes == 1 and out_of_order == 0
    monkeypatch.setattr(warehouse, "ROWS_PER_PASS", 400)
    in_many, passes, out_of_order = _built(many)
    assert passes > 10
    assert out_of_order == 0                 # stored in opening order still: pages skip other days
    assert len(in_one["main.conversation_facts"]) > 1000
    for table, rows in in_one.items():
        assert in_many[table] == rows, table


@pytest.mark.parametrize("rows", [10**9, 400])
def test_passes_cover_every_conversation_once(demo_db, monkeypatch, rows):
    monkeypatch.setattr(warehouse, "ROWS_PER_PASS", rows)
    con = duckdb.connect(str(demo_db), read_only=True)
    messages = con.execute(
        "select sum(count_messages) from conversations where is_customer_opened and operator is not null").fetchone()[0]
    passes = conversation_passes(con)
    assert len(passes) == math.ceil(messages / rows)     # no two conversations open at once here
    assert passes[0][0] is None and passes[-1][1] is None
    assert all(until == after for (_, until), (after, _) in zip(passes, passes[1:]))
    counted = 0
    for from_at, until_at in passes:
        counted += con.execute(
            "select count(*) from conversations where is_customer_opened and operator is not null"
            " and ($f is null or opened_at >= $f) and ($u is null or opened_at < $u)",
            {"f": from_at, "u": until_at}).fetchone()[0]
    assert counted == con.execute(
        "select count(*) from conversations where is_customer_opened and operator is not null").fetchone()[0]

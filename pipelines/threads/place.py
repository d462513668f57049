"""Threading a staged batch: every row gets the conversation of its root, found by
following reply pointers (in the batch, then in the warehouse). A reply whose parent
is nowhere joins a conversation named after the missing post, so the post, when it
arrives, completes the same thread (sql/threads/04_resolve.sql and load/02_merge.sql).

Pointers are followed by doubling (each round jumps twice as far), so a thread of
length n takes log2(n) rounds, not n."""
from __future__ import annotations

import duckdb

from pipelines import sql
from pipelines.warehouse import scalar

MAX_POINTER_ROUNDS = 64


def place_in_threads(con: duckdb.DuckDBPyConnection) -> None:
    """scratch.incoming -> scratch.placed / scratch.completed: each row with its conversation."""
    con.execute(sql.read("threads/01_nodes"))
    for _ in range(MAX_POINTER_ROUNDS):
        con.execute(sql.read("threads/02_jump_pointers"))
        moved = scalar(con, sql.read("threads/pointers_moved"))
        con.execute("drop table scratch.pointers")
        con.execute("alter table scratch.pointers_next rename to pointers")
        if moved == 0:
            break
    con.execute(sql.read("threads/03_place_rows"))
    con.execute(sql.read("threads/04_resolve"))


def rebuild_conversations(con: duckdb.DuckDBPyConnection) -> None:
    """The conversations table, one row per thread, from messages."""
    con.execute(sql.read("threads/conversations"))

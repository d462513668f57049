"""Everything derived from `messages`, recomputed in order. Later stages (classification,
metric marts) add their step here, so `build` always leaves a consistent warehouse."""
from __future__ import annotations

import duckdb

from pipelines.classify import classify_messages
from pipelines.load import rebuild_conversations
from pipelines.metrics import build_marts


def build_all(con: duckdb.DuckDBPyConnection, log=print) -> None:
    classified = classify_messages(con, log=log)
    log(f"classified {classified:,} messages")
    rebuild_conversations(con)
    log("built conversations")
    build_marts(con, log=log)

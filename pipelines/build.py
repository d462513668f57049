"""Everything derived from `messages`, recomputed in order. Later stages (classification,
metric marts) add their step here, so `build` always leaves a consistent warehouse."""
from __future__ import annotations

import duckdb

from pipelines.load import rebuild_conversations

STEPS = (("conversations", rebuild_conversations),)


def build_all(con: duckdb.DuckDBPyConnection, log=print) -> None:
    for name, step in STEPS:
        step(con)
        log(f"built {name}")

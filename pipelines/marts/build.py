"""Everything derived from `messages`, recomputed in order. Later stages (classification,
metric marts) add their step here, so `build` always leaves a consistent warehouse."""
from __future__ import annotations

import time

import duckdb

from pipelines.labels.classify import classify_messages
from pipelines.labels.human import load_corrections
from pipelines.marts.metrics import build_marts
from pipelines.retention import apply_retention, retention_days
from pipelines.threads.place import rebuild_conversations
from pipelines.warehouse import deriving_memory, has_table, memory_limited


def build_all(con: duckdb.DuckDBPyConnection, log=print, retention: int | None = None,
              progress_factory=None, labelling_workers=None) -> None:
    """Everything derived, in order; `retention` (days) overrides $CARE_RETENTION_DAYS.
    `progress_factory(name)` makes a progress bar (tqdm's) for the labelling;
    `labelling_workers` are pipelines.labels.classify.start_early's."""
    days = retention or retention_days()
    if days is not None:
        deleted = apply_retention(con, days)
        log(f"retention {days} days: deleted {deleted['messages']:,} messages")
    started = time.time()
    classified = classify_messages(con, log=log, progress_factory=progress_factory, workers=labelling_workers)
    log(f"classified {classified:,} messages in {time.time() - started:.1f} s")
    corrected = load_corrections(con)
    if corrected:
        log(f"{corrected:,} labels set by analysts win over the model's")
    with memory_limited(con, deriving_memory()):
        started = time.time()
        rebuild_conversations(con)
        log(f"built conversations in {time.time() - started:.1f} s")
        build_marts(con, log=log)
        if has_table(con, "demo_truth_messages"):
            # the demo's truth gets marts of its own, so the classifier's metrics can be checked
            con.execute("create schema if not exists truth")
            build_marts(con, target="truth", labels="truth", log=log)

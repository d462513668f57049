"""The analysts' corrections into the build: the corrections in force, read from the store
beside the warehouse (models/corrections.py), become main.label_corrections, which the
labels' staging view lets win over the model's, task by task. Re-read at every build, so a
correction outlives re-ingestion and relabelling by a new model."""
from __future__ import annotations

import duckdb
import pyarrow as pa

from models.corrections import in_force
from pipelines import sql

SCHEMA = pa.schema([(name, pa.string()) for name in
                    ("source", "message_id", "task", "label", "corrected_by", "corrected_at", "model_version")])


def load_corrections(con: duckdb.DuckDBPyConnection) -> int:
    """main.label_corrections from the store; returns how many corrections are in force."""
    rows = [{name: getattr(c, name) for name in SCHEMA.names} for c in in_force()]
    con.register("corrections_in_force", pa.Table.from_pylist(rows, schema=SCHEMA))
    try:
        con.execute(sql.read("labels/corrections"))
    finally:
        con.unregister("corrections_in_force")
    return len(rows)

"""The analysts' corrections of the classifier's labels, kept outside the read-only
warehouse in a small SQLite file beside it (data/warehouse/corrections.sqlite, or
$CARE_CORRECTIONS_DB), safe to write while the dashboard is open. Each correction keeps
who made it, when, through what, and the model version whose label it corrects."""
from __future__ import annotations

import os
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from models.corpus import Example
from pipelines.contract import config
from pipelines.contract.labels import TASKS

SQL_DIR = Path(__file__).resolve().parent / "sql"


def sql(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Correction:
    source: str
    message_id: str
    task: str
    label: str
    corrected_by: str
    corrected_at: str
    model_version: str | None = None
    via: str = "label-studio"
    role: str | None = None      # customer / brand
    lang: str | None = None
    text: str | None = None      # as the warehouse holds it (redacted): what training reads


def store_path() -> Path:
    return Path(os.environ.get("CARE_CORRECTIONS_DB") or config.db_path().with_name("corrections.sqlite"))


def problem(task: str, label: str) -> str | None:
    """Why a (task, label) pair cannot be a correction, or None when it can."""
    if task not in TASKS:
        return f"unknown task {task!r} (tasks: {', '.join(TASKS)})"
    if label not in TASKS[task][1]:
        return f"unknown {task} label {label!r} (labels: {', '.join(TASKS[task][1])})"
    return None


def record(corrections: list[Correction], path: Path | None = None) -> int:
    """Store corrections; returns how many were new (the same one twice is kept once)."""
    path = path or store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path, timeout=10) as con:
        con.execute(sql("corrections_create"))
        before = con.total_changes
        con.executemany(sql("corrections_record"), [asdict(c) for c in corrections])
        return con.total_changes - before


def in_force(path: Path | None = None) -> list[Correction]:
    """The correction that wins for each message and task (the latest)."""
    path = path or store_path()
    if not path.exists():
        return []
    with sqlite3.connect(path, timeout=10) as con:
        con.execute(sql("corrections_create"))
        return [Correction(*row) for row in con.execute(sql("corrections_latest")).fetchall()]


def recent(limit: int = 50, path: Path | None = None) -> list[tuple]:
    """The audit: the latest corrections as made, history included (when, who, via,
    message, task, label, model version)."""
    path = path or store_path()
    if not path.exists():
        return []
    with sqlite3.connect(path, timeout=10) as con:
        con.execute(sql("corrections_create"))
        return con.execute(sql("corrections_recent"), [limit]).fetchall()


def known_messages(con: duckdb.DuckDBPyConnection, keys: set[tuple[str, str]]) -> dict[tuple[str, str], tuple]:
    """(source, message_id) -> (is_brand, model_version, lang, text) for the keys the warehouse holds."""
    if not keys:
        return {}
    sources, ids = zip(*sorted(keys))
    con.register("wanted", pa.table({"source": list(sources), "message_id": list(ids)}))
    try:
        return {(s, m): rest for s, m, *rest in con.execute(sql("known_messages")).fetchall()}
    finally:
        con.unregister("wanted")


CORRECTION_PREFIX = "corr-"   # the ids of corrected messages in the training data


def is_correction(example: Example) -> bool:
    return example.id.startswith(CORRECTION_PREFIX)


def examples(path: Path | None = None) -> list[Example]:
    """The corrected messages as labelled examples, one per message with every task a person
    set (the model's other labels are not taken as truth). The corpus's hash split holds a
    share of them out, by message id: deterministic for an installation."""
    by_message: dict[tuple[str, str], list[Correction]] = {}
    for c in in_force(path):
        if c.text is not None and c.role in ("customer", "brand"):
            by_message.setdefault((c.source, c.message_id), []).append(c)
    return [Example(f"{CORRECTION_PREFIX}{source}:{message_id}", found[0].role, found[0].lang or "it", found[0].text,
                    {c.task: c.label for c in found}, "")
            for (source, message_id), found in sorted(by_message.items())]

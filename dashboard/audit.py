"""The export audit: who exported what, when, with which filters.

The dashboard never writes the warehouse (it only reads), so the audit lives in its own
small SQLite file beside it: data/warehouse/audit.sqlite, or $CARE_AUDIT_DB."""
from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from pipelines.contract import config

SQL_DIR = Path(__file__).resolve().parent / "sql" / "audit"


def _sql(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def audit_path() -> Path:
    return Path(os.environ.get("CARE_AUDIT_DB") or config.db_path().with_name("audit.sqlite"))


def record_export(user: str, role: str, what: str, fmt: str, rows: int, filters: str) -> None:
    path = audit_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path, timeout=10) as con:
        con.execute(_sql("create"))
        con.execute(_sql("record"),
                    (datetime.now(timezone.utc).isoformat(timespec="seconds"), user, role, what, fmt, rows, filters))


def recent_exports(limit: int = 50) -> list[tuple]:
    path = audit_path()
    if not path.exists():
        return []
    with sqlite3.connect(path, timeout=10) as con:
        return con.execute(_sql("recent"), [limit]).fetchall()

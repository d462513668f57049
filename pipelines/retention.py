"""Retention (GDPR storage limitation): messages older than N days leave the warehouse,
with everything derived from them or quoting them (labels, demo truth, rejected rows of
old loads). Derived tables are rebuilt afterwards by the build."""
from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

from pipelines import sql
from pipelines.warehouse import has_table, scalar

RETENTION_ENV = "CARE_RETENTION_DAYS"


def retention_days() -> int | None:
    """The configured retention in days ($CARE_RETENTION_DAYS), or None to keep everything."""
    value = os.environ.get(RETENTION_ENV, "").strip()
    if not value:
        return None
    days = int(value)
    if days < 1:
        raise ValueError(f"{RETENTION_ENV} must be a positive number of days, not {value!r}")
    return days


def apply_retention(con, days: int, now: datetime | None = None) -> dict[str, int]:
    """Delete what is older than `days`; returns the rows deleted per table."""
    cutoff = (now or datetime.now(timezone.utc)) - timedelta(days=days)
    deleted = {}
    con.execute("begin transaction")
    try:
        con.execute(sql.read("retention/expired"), {"cutoff": cutoff})
        deleted["message_labels"] = scalar(con, sql.read("retention/labels"))
        if has_table(con, "demo_truth_messages"):
            deleted["demo_truth_messages"] = scalar(con, sql.read("retention/demo_truth"))
        deleted["messages"] = scalar(con, sql.read("retention/messages"), {"cutoff": cutoff})
        deleted["rejects"] = scalar(con, sql.read("retention/rejects"), {"cutoff": cutoff})
        con.execute("drop table expired")
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return deleted

"""What the warehouse holds: row counts, operators and loads, read-only."""
from __future__ import annotations

from pathlib import Path

import duckdb

TABLES = ("messages", "conversations", "rejects", "loads")


def status(db: Path) -> dict | None:
    """None when there is no warehouse yet."""
    if not db.exists():
        return None
    con = duckdb.connect(str(db), read_only=True)
    try:
        counts = {t: con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in TABLES}
        per_operator = con.sql("""
            select coalesce(operator, '(unresolved)') as operator,
                   count(*) as conversations,
                   count(*) filter (where is_answered) as answered
            from conversations group by all order by conversations desc limit 30""").to_arrow_table()
        loads = con.sql("""
            select source_file, file_format, finished_at, count_loaded, count_duplicate, count_rejected
            from loads order by finished_at desc limit 20""").to_arrow_table()
        last = con.execute("select max(finished_at) from loads").fetchall()[0][0]
    finally:
        con.close()
    return {"counts": counts, "per_operator": per_operator, "loads": loads, "last_load": last}

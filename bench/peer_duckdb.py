"""The plain-DuckDB peer of `pipelines run` without the model (bench/peers.py): the SQL in
bench/sql/peer_duckdb.sql on one file, in memory. Prints its seconds and rows."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import duckdb

SQL = Path(__file__).resolve().parent / "sql" / "peer_duckdb.sql"


def main(path: str) -> None:
    started = time.time()
    con = duckdb.connect()
    for statement in (s for s in SQL.read_text(encoding="utf-8").split(";") if s.strip()):
        params = {k: v for k, v in {"path": path, "salt": "peer-salt"}.items() if f"${k}" in statement}
        con.execute(statement, params)
    weeks = con.execute("select count(*) from first_responses").fetchone()[0]
    rows = con.execute("select count(*) from messages").fetchone()[0]
    print(f"duckdb: {rows:,} messages, {weeks:,} operator-weeks in {time.time() - started:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1])

"""Metrics benchmark: rebuild every metric mart on a warehouse of 1 M demo messages.

Builds the warehouse once (bench/out/, from the demo file bench/ingest.py makes) and
times `build_marts` on it. Target (issue: care metrics): under 10 s.

    .venv/bin/python bench/metrics.py [--messages N]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

from corpus import OUT, ROOT, demo_file


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--messages", type=int, default=1_000_000)
    args = ap.parse_args()
    source = demo_file(args.messages)
    db = OUT / f"warehouse_{args.messages}.duckdb"
    env = {**os.environ, "CARE_DB": str(db), "CARE_SALT_FILE": str(OUT / "salt")}
    if not db.exists():
        print(f"building {db.name} (once) ...", flush=True)
        subprocess.run([sys.executable, "-m", "pipelines", "run", str(source), "-q"], check=True, env=env, cwd=ROOT)
    import duckdb

    from pipelines.marts.metrics import build_marts
    from pipelines.warehouse import configure, scalar
    con = duckdb.connect(str(db))
    configure(con)
    messages = scalar(con, "select count(*) from messages")
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        build_marts(con, log=lambda m: None)
        timings.append(time.perf_counter() - started)
    conversations = scalar(con, "select count(*) from conversation_facts")
    con.close()
    print(f"warehouse:   {messages:,} messages, {conversations:,} customer conversations")
    print(f"build marts: best {min(timings):.2f} s, worst {max(timings):.2f} s over 3 runs "
          "(care calendar, conversation facts, operator days, three weekly marts, competitor flows)")


if __name__ == "__main__":
    main()

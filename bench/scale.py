"""Scale benchmark: the whole pipeline on 10 M demo messages, the dashboard's page times
on that warehouse, and 20 concurrent dashboard sessions.

    .venv/bin/python bench/scale.py [--messages N] [--sessions 20] [--skip-pipeline]

1. writes the demo corpus to bench/out/demo_N.csv (once), then `python -m pipelines run`
   on it into a fresh warehouse: wall time and peak memory (target: 10 M under 10 min,
   memory flat);
2. server time of every page, first render and filter change (as bench/pages.py);
3. the load test of bench/load.py: SESSIONS concurrent sessions against one real
   dashboard server on that warehouse, printing p50/p95 page times, first over
   Streamlit's protocol (the server alone), then in headless Chromium (what users see,
   with the browser on the same two cores).
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from corpus import OUT, ROOT, demo_file


def pipeline(messages: int) -> Path:
    source = demo_file(messages)
    db = OUT / f"scale_{messages}.duckdb"
    env = {**os.environ, "CARE_DB": str(db), "CARE_SALT_FILE": str(OUT / "salt")}
    for suffix in ("", ".wal", ".build", ".lock"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    started = time.time()
    run = subprocess.Popen([sys.executable, "-m", "pipelines", "run", str(source)], env=env, cwd=ROOT,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    samples = []   # (seconds, MB of the pipeline and its workers), every 5 s: is memory flat?
    while run.poll() is None:
        samples.append((time.time() - started, tree_rss_mb(run.pid)))
        time.sleep(5)
    seconds = time.time() - started
    steps = [line.strip() for line in run.stdout.read().splitlines() if " in " in line]
    if run.returncode != 0:
        sys.exit(f"pipeline run failed (exit {run.returncode})")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"pipeline run:  {messages:,} messages in {seconds:.0f} s ({messages / seconds:,.0f} msg/s), "
          f"peak of one process {peak:,.0f} MB, warehouse {db.stat().st_size / 1e9:.2f} GB", flush=True)
    for step in steps:
        print(f"  {step}")
    print("  memory of the pipeline and its workers, each tenth of the run (max MB): " + ", ".join(
        f"{max((mb for t, mb in samples if i * seconds / 10 <= t < (i + 1) * seconds / 10), default=0):,.0f}"
        for i in range(10)), flush=True)
    return db


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (Linux /proc)."""
    total, pending = 0.0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")) / 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, StopIteration):
            continue
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--messages", type=int, default=10_000_000)
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--skip-pipeline", action="store_true", help="reuse the warehouse of an earlier run")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / f"scale_{args.messages}.duckdb" if args.skip_pipeline else pipeline(args.messages)
    subprocess.run([sys.executable, str(ROOT / "bench" / "pages.py"), "--db", str(db)], check=True,
                   stderr=subprocess.DEVNULL)
    for client in ("protocol", "browser"):
        subprocess.run([sys.executable, "-m", "bench.load", "--db", str(db), "--sessions",
                        str(args.sessions), "--client", client], check=True, cwd=ROOT)


if __name__ == "__main__":
    main()

"""Scale benchmark: the whole pipeline on 10 M demo messages, the dashboard's page times
on that warehouse, and 20 concurrent dashboard sessions.

    .venv/bin/python bench/scale.py [--messages N] [--sessions 20] [--skip-pipeline]

1. writes the demo corpus to bench/out/demo_N.csv (once), then `python -m pipelines run`
   on it into a fresh warehouse: wall time and peak memory (target: 10 M under 10 min,
   memory flat);
2. server time of every page, first render and filter change (as bench/dashboard.py);
3. a load test: SESSIONS concurrent sessions (separate processes on this machine, each
   driving every page once with Streamlit's AppTest, bounded to one pass and a timeout),
   printing p50/p95 page times.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PAGES = ["scorecard", "speed", "escalation", "churn", "topics", "conversations", "export", "data", "review"]


def pipeline(messages: int) -> Path:
    source = OUT / f"demo_{messages}.csv"
    db = OUT / f"scale_{messages}.duckdb"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CARE_DB": str(db), "CARE_SALT_FILE": str(OUT / "salt")}
    if not source.exists():
        started = time.time()
        subprocess.run([sys.executable, "-m", "pipelines", "demo", "--messages", str(messages), "--out", str(source),
                        "-q"], check=True, env=env, cwd=ROOT)
        print(f"generated {source.name} in {time.time() - started:.0f} s", flush=True)
    for suffix in ("", ".wal", ".build", ".lock"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    started = time.time()
    subprocess.run([sys.executable, "-m", "pipelines", "run", str(source), "-q"], check=True, env=env, cwd=ROOT)
    seconds = time.time() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"pipeline run:  {messages:,} messages in {seconds:.0f} s ({messages / seconds:,.0f} msg/s), "
          f"peak {peak:,.0f} MB, warehouse {db.stat().st_size / 1e9:.2f} GB", flush=True)
    return db


def session(db: str) -> list[tuple[str, float]]:
    os.environ["CARE_DB"] = db
    from streamlit.testing.v1 import AppTest
    times = []
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=300)
    for page in PAGES:
        started = time.perf_counter()
        if page == "scorecard":
            at.run()
        else:
            at.switch_page(f"screens/{page}.py").run()
        times.append((page, time.perf_counter() - started))
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--messages", type=int, default=10_000_000)
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--skip-pipeline", action="store_true", help="reuse the warehouse of an earlier run")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / f"scale_{args.messages}.duckdb" if args.skip_pipeline else pipeline(args.messages)
    subprocess.run([sys.executable, str(ROOT / "bench" / "dashboard.py"), "--db", str(db)], check=True,
                   stderr=subprocess.DEVNULL)
    started = time.time()
    with ProcessPoolExecutor(args.sessions) as pool:
        results = [f.result(timeout=1800) for f in [pool.submit(session, str(db)) for _ in range(args.sessions)]]
    by_page: dict[str, list[float]] = {}
    for times in results:
        for page, seconds in times:
            by_page.setdefault(page, []).append(seconds)
    print(f"\n{args.sessions} concurrent sessions, every page once each ({time.time() - started:.0f} s in all):")
    print(f"{'page':<15} {'p50':>8} {'p95':>8}")
    for page in PAGES:
        values = sorted(by_page[page])
        p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
        print(f"{page:<15} {statistics.median(values) * 1000:>6.0f} ms {p95 * 1000:>6.0f} ms")


if __name__ == "__main__":
    main()

"""Ingest benchmark: 1 M demo messages from a file into a fresh warehouse.

Prints messages/s and the peak memory of the pipeline process. The input file is made
once (python -m pipelines demo --out) and reused. Targets (DESIGN.md): `ingest` of 1 M
in under 30 s; the whole pipeline (`run`: ingest, classify, build) in under 60 s and
2 GB.

    .venv/bin/python bench/ingest.py [--messages N] [--format csv|jsonl|parquet] [--command ingest|run]
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import ROOT, demo_file


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--messages", type=int, default=1_000_000)
    ap.add_argument("--format", default="csv", choices=("csv", "jsonl", "parquet"))
    ap.add_argument("--command", default="ingest", choices=("ingest", "run"))
    args = ap.parse_args()
    source = demo_file(args.messages, args.format)
    env = {**os.environ}
    with tempfile.TemporaryDirectory() as tmp:
        env.update(CARE_DB=str(Path(tmp) / "care.duckdb"), CARE_SALT_FILE=str(Path(tmp) / "salt"))
        started = time.time()
        done = subprocess.run([sys.executable, "-m", "pipelines", args.command, str(source), "-q"],
                              env=env, cwd=ROOT, capture_output=True, text=True)
        seconds = time.time() - started
        if done.returncode:
            sys.exit(done.stderr)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size_mb = (Path(tmp) / "care.duckdb").stat().st_size / 1e6
    print(done.stdout.strip())
    print(f"file:        {source.name} ({source.stat().st_size / 1e6:.0f} MB)")
    print(f"{args.command + ':':<12} {seconds:.1f} s wall, {args.messages / seconds:,.0f} messages/s")
    print(f"peak memory: {peak_mb:,.0f} MB (largest process: the pipeline or one of its workers)")
    print(f"warehouse:   {size_mb:,.0f} MB")


if __name__ == "__main__":
    main()

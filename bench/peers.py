"""Our pipeline against its peers on the same file, in one alternating run (issue 15):

- ours: `python -m pipelines run FILE` into a fresh warehouse (ingest, redaction,
  pseudonyms, threads, the model, every mart);
- pandas: what an analyst would write in a notebook with our model (bench/peer_pandas.py);
- duckdb: the non-ML part in plain DuckDB SQL (bench/peer_duckdb.py), the floor.

Each round runs the three in turn (A B C, A B C, ...), so a busy spell on the machine
falls on all of them. Prints each one's median and spread (min-max) over the rounds, the
model's own predict time (measured inside the pandas peer), and the ratios the issue
sets: pandas / ours (target >= 5) and ours / (duckdb + model) (target <= 3).

    .venv/bin/python bench/peers.py [--messages 1000000] [--rounds 3]
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import ROOT, demo_file

BENCH = Path(__file__).resolve().parent


def timed(command: list[str], env: dict) -> tuple[float, str]:
    started = time.time()
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return time.time() - started, done.stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--messages", type=int, default=1_000_000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    source = str(demo_file(args.messages, "csv"))
    times: dict[str, list[float]] = {"ours": [], "pandas": [], "duckdb": []}
    model: list[float] = []
    for round_ in range(1, args.rounds + 1):
        with tempfile.TemporaryDirectory() as tmp:
            env = {**os.environ, "CARE_DB": str(Path(tmp) / "care.duckdb"), "CARE_SALT_FILE": str(Path(tmp) / "salt")}
            seconds, _ = timed([sys.executable, "-m", "pipelines", "run", source, "-q"], env)
            times["ours"].append(seconds)
        seconds, out = timed([sys.executable, str(BENCH / "peer_pandas.py"), source], dict(os.environ))
        times["pandas"].append(seconds)
        model.append(float(re.search(r"model ([\d.]+) s", out).group(1)))
        seconds, _ = timed([sys.executable, str(BENCH / "peer_duckdb.py"), source], dict(os.environ))
        times["duckdb"].append(seconds)
        print(f"round {round_}: " + ", ".join(f"{k} {v[-1]:.1f} s" for k, v in times.items())
              + f" (model inside pandas {model[-1]:.1f} s)", flush=True)
    median = {k: statistics.median(v) for k, v in times.items()}
    print(f"\n{args.messages:,} messages, {args.rounds} alternating rounds, wall seconds (median, min-max):")
    for name, values in times.items():
        print(f"  {name:<7} {median[name]:6.1f}   {min(values):.1f}-{max(values):.1f}")
    model_median = statistics.median(model)
    print(f"  model   {model_median:6.1f}   {min(model):.1f}-{max(model):.1f}   (predict on the distinct texts, "
          "one process, inside the pandas peer)")
    print(f"pandas / ours:            {median['pandas'] / median['ours']:.2f}x   (target >= 5)")
    print(f"ours / (duckdb + model):  {median['ours'] / (median['duckdb'] + model_median):.2f}x   (target <= 3)")


if __name__ == "__main__":
    main()

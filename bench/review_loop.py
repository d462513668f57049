"""The correction loop of issue 14 on the demo, whose truth is known: a simulated analyst
reviews a random sample of messages (the Label review page's "random sample", with the
generator's true labels as the analyst's answers), the model is retrained on the corpus
plus those corrections, the warehouse is rebuilt, and `pipelines truth` is printed before
and after. Everything happens in a temporary folder: the repository's model, warehouse and
corrections store are not touched.

    .venv/bin/python bench/review_loop.py [--messages 200000] [--corrections 300] [--seed 1]
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from models.corrections import Correction, record  # noqa: E402
from pipelines.contract.labels import BRAND_TASKS, CUSTOMER_TASKS  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = Path(__file__).resolve().parent / "sql" / "review_sample.sql"


def run(args: list[str], env: dict) -> str:
    done = subprocess.run([sys.executable, "-m", *args], env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def simulated_review(db: Path, n: int, seed: int, store: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        cursor = con.execute(SAMPLE.read_text(encoding="utf-8"), {"n": n, "seed": seed})
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, r)) for r in cursor.fetchall()]
    finally:
        con.close()
    when = datetime.now(timezone.utc).isoformat(timespec="seconds")
    made = [Correction(r["source"], r["message_id"], task, r[task], "simulated analyst", when, r["model_version"],
                       "simulated-review", "brand" if r["is_brand"] else "customer", r["lang"], r["text"])
            for r in rows for task in (BRAND_TASKS if r["is_brand"] else CUSTOMER_TASKS) if r[task]]
    return record(made, store)


def summary(truth: str) -> str:
    """The lines of `pipelines truth` that the loop moves: escalation success and churn
    signals per operator, the largest gaps and the coverage."""
    keep = ("largest gap", "operator-weeks", "  ", "category mix")
    return "\n".join(line for line in truth.splitlines()
                     if line.startswith(keep) or " escalation_success_rate " in line or " churn_signals " in line)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--messages", type=int, default=200_000)
    ap.add_argument("--corrections", type=int, default=300, help="messages the simulated analyst reviews")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = {**os.environ, "CARE_DB": str(tmp / "care.duckdb"), "CARE_SALT_FILE": str(tmp / "salt"),
               "CARE_CORRECTIONS_DB": str(tmp / "corrections.sqlite"), "CARE_MODEL_DIR": str(tmp / "model")}
        (tmp / "model").mkdir()
        shipped = ROOT / "models" / "artifacts" / "care_model.skops"
        if shipped.exists():
            shutil.copy(shipped, tmp / "model" / "care_model.skops")
        started = time.time()
        run(["pipelines", "demo", "--messages", str(args.messages), "--replace", "-q"], env)
        before = run(["pipelines", "truth"], env)
        print(f"demo of {args.messages:,} messages built in {time.time() - started:.0f} s; before the review:")
        print(summary(before))
        new = simulated_review(tmp / "care.duckdb", args.corrections, args.seed, tmp / "corrections.sqlite")
        print(f"\nsimulated review: {args.corrections:,} random messages, {new:,} corrections (labels from the truth)")
        print(run(["models", "train"], env).strip())
        run(["pipelines", "build", "-q"], env)
        print("after the review, the retraining and one build:")
        print(summary(run(["pipelines", "truth"], env)))


if __name__ == "__main__":
    main()

"""The demo corpus the benchmarks read: bench/out/demo_N.<ext>, written once by
`python -m pipelines demo --out` and reused by every later run."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def demo_file(messages: int, ext: str = "csv") -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    source = OUT / f"demo_{messages}.{ext}"
    if not source.exists():
        print(f"writing {source} ...", flush=True)
        started = time.time()
        subprocess.run([sys.executable, "-m", "pipelines", "demo", "--messages", str(messages), "--out", str(source),
                        "-q"], check=True, env={**os.environ}, cwd=ROOT)
        print(f"  generated in {time.time() - started:.0f} s", flush=True)
    return source

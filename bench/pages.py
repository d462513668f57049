"""Dashboard benchmark: server-side time of every page's first render and of a filter
change, on the 1 M-message warehouse that bench/metrics.py builds (bench/out/), or on
any other (`--db`, e.g. the 10 M one bench/scale.py builds).

Uses Streamlit's AppTest (the script run on the server, no browser). "First render" is a
new session with empty caches; "filter change" selects two operators on the same
session. Each page is measured in every round; the spread (min-max) over the rounds is
printed, then the slowest of all. Targets (issue 15, on 10 M messages too): first render
under 1 s, filter change under 200 ms.

    .venv/bin/python bench/pages.py [--db PATH] [--rounds 3]
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["scorecard", "speed", "escalation", "churn", "topics", "conversations", "export", "data", "review"]
FIRST_RENDER_MS, FILTER_CHANGE_MS = 1000, 200


def measure(app: str, page: str) -> tuple[float, float]:
    """(first render, filter change) of one page in a new session, in ms."""
    from streamlit import cache_data
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(app, default_timeout=120)
    at.run()  # the landing page, so the next run measures this page alone
    cache_data.clear()
    started = time.perf_counter()
    if page == "scorecard":
        at.run()
    else:
        at.switch_page(f"screens/{page}.py").run()
    first = time.perf_counter() - started
    assert not at.exception, at.exception
    started = time.perf_counter()
    at.multiselect(key="op").set_value(["TIM", "Vodafone"]).run()
    change = time.perf_counter() - started
    assert not at.exception, at.exception
    return first * 1000, change * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default=str(ROOT / "bench" / "out" / "warehouse_1000000.duckdb"))
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    if not Path(args.db).exists():
        sys.exit(f"{args.db}: run bench/metrics.py first to build it")
    os.environ["CARE_DB"] = args.db
    app = str(ROOT / "dashboard" / "app.py")
    times = {page: [] for page in PAGES}
    for _ in range(args.rounds):
        for page in PAGES:
            times[page].append(measure(app, page))
    print(f"{Path(args.db).name}, {args.rounds} rounds, server time (min-max over the rounds)")
    print(f"{'page':<15} {'first render':>16} {'filter change':>16}")
    for page, found in times.items():
        first, change = [f for f, _ in found], [c for _, c in found]
        print(f"{page:<15} {min(first):>7.0f}-{max(first):<5.0f} ms {min(change):>7.0f}-{max(change):<5.0f} ms")
    slowest_first = max(f for found in times.values() for f, _ in found)
    slowest_change = max(c for found in times.values() for _, c in found)
    print(f"slowest: first render {slowest_first:.0f} ms (target {FIRST_RENDER_MS}), filter change "
          f"{slowest_change:.0f} ms (target {FILTER_CHANGE_MS}): "
          + ("within both" if slowest_first <= FIRST_RENDER_MS and slowest_change <= FILTER_CHANGE_MS else "NOT within"))


if __name__ == "__main__":
    main()

"""Dashboard benchmark: server-side time of every page's first render and of a filter
change, on the 1 M-message warehouse that bench/metrics.py builds (bench/out/).

Uses Streamlit's AppTest (the script run on the server, no browser). "First render" is a
new session with empty caches; "filter change" selects two operators on the same
session. Targets: under 1 s and under 200 ms, on 10 M messages too (issue 15).

    .venv/bin/python bench/pages.py [--db PATH]
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["scorecard", "speed", "escalation", "churn", "topics", "conversations", "export", "data", "review"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default=str(ROOT / "bench" / "out" / "warehouse_1000000.duckdb"))
    args = ap.parse_args()
    if not Path(args.db).exists():
        sys.exit(f"{args.db}: run bench/metrics.py first to build it")
    os.environ["CARE_DB"] = args.db
    from streamlit.testing.v1 import AppTest

    app = str(ROOT / "dashboard" / "app.py")
    print(f"{'page':<15} {'first render':>13} {'filter change':>14}")
    for page in PAGES:
        at = AppTest.from_file(app, default_timeout=120)
        at.run()  # the landing page, so the next run measures this page alone
        from streamlit import cache_data
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
        print(f"{page:<15} {first * 1000:>10.0f} ms {change * 1000:>11.0f} ms")


if __name__ == "__main__":
    main()

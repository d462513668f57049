"""The dashboard under concurrent sessions: one real server, several sessions at the
same moment over Streamlit's own protocol (the client of bench/load.py, small), each
with other filters, every page. All runs must finish cleanly: no exception on a page, no
session left waiting (DuckDB connections are shared across the server's threads)."""
from __future__ import annotations

import asyncio
import importlib.util
from pathlib import Path

from tests.browser_server import start, stop

ROOT = Path(__file__).resolve().parents[1]


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_load", ROOT / "bench" / "load.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_concurrent_sessions_with_different_filters_all_finish_every_page(demo_db):
    bench = load_bench()
    proc, url = start(demo_db)
    try:
        results = asyncio.run(bench.load_test(url, sessions=6, deadline=240, client="protocol"))
    finally:
        stop(proc)
    assert [e for r in results for e in r["errors"]] == []
    shown = [key for r in results for key, _ in r["times"]]
    assert len(results) == 6 and len(shown) == 6 * len(bench.PAGES)
    assert all(seconds < 60 for r in results for _, seconds in r["times"])

"""The dashboard placeholder renders on a missing and on a loaded warehouse."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.conftest import DATA

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")


def test_missing_warehouse_says_how_to_build_it():
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert "make run" in at.info[0].value


def test_loaded_warehouse_shows_row_counts(cli):
    cli("ingest", DATA / "twcs_sample.csv")
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"messages": "14", "conversations": "6", "rejects": "1", "loads": "1"}

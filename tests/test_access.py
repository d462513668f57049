"""Optional sign-in with two roles, and the export audit."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.audit import recent_exports, record_export

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")


def signed_app(db, monkeypatch) -> AppTest:
    monkeypatch.setenv("CARE_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["passwords"] = {"viewer": "vedo-solo", "analyst": "leggo-tutto"}
    return at.run()


def test_with_passwords_nothing_shows_before_sign_in(demo_db, monkeypatch):
    at = signed_app(demo_db, monkeypatch)
    assert not at.exception and not at.dataframe
    at.text_input(key="password").set_value("sbagliata").run()
    assert at.error and not at.dataframe


def test_a_viewer_sees_charts_but_no_texts_or_exports(demo_db, monkeypatch):
    at = signed_app(demo_db, monkeypatch)
    at.text_input(key="password").set_value("vedo-solo").run()
    assert not at.exception and at.dataframe                       # the scorecard
    assert set(at.session_state["pages"]) == {"scorecard", "speed", "escalation", "churn", "topics", "data", "review"}
    at.switch_page("screens/escalation.py").run()
    assert not at.exception and not at.dataframe                   # no failure stories with their texts


def test_an_analyst_gets_conversations_and_exports(demo_db, monkeypatch):
    at = signed_app(demo_db, monkeypatch)
    at.text_input(key="password").set_value("leggo-tutto").run()
    assert {"conversations", "export"} <= set(at.session_state["pages"])
    assert any("analyst" in c.value for c in at.sidebar.caption)


def test_the_open_demo_says_it_is_open(demo_db, monkeypatch):
    monkeypatch.setenv("CARE_DB", str(demo_db))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert any("senza accesso" in c.value for c in at.sidebar.caption)


def test_exports_are_recorded(tmp_path, monkeypatch):
    monkeypatch.setenv("CARE_AUDIT_DB", str(tmp_path / "audit.sqlite"))
    record_export("ana@example.com", "analyst", "messages", "xlsx", 1234, "2026-03-01 – 2026-03-31; operators: tim")
    (row,) = recent_exports()
    assert row[1:] == ("ana@example.com", "analyst", "messages", "xlsx", 1234, "2026-03-01 – 2026-03-31; operators: tim")


def test_viewers_see_reject_reasons_and_analysts_the_rows(cli, db_path, monkeypatch, trained_model):
    from tests.conftest import DATA
    assert cli("run", DATA / "bad_rows.csv")[0] == 0
    at = signed_app(db_path, monkeypatch)
    at.text_input(key="password").set_value("vedo-solo").run()
    at.switch_page("screens/data.py").run()
    assert not at.exception
    tables = [el.value for el in at.dataframe]
    raw = "Contenuto (oscurato)"   # the raw row's column, as the Italian page names it
    assert any("Motivo" in table.columns and raw not in table.columns for table in tables)   # counts and reasons
    assert not any(raw in table.columns for table in tables)
    at = signed_app(db_path, monkeypatch)
    at.text_input(key="password").set_value("leggo-tutto").run()
    at.switch_page("screens/data.py").run()
    assert not at.exception
    rows = [el.value for el in at.dataframe if raw in el.value.columns]
    assert len(rows) == 1 and len(rows[0]) == 6 and "rosa_4" not in " ".join(rows[0][raw].astype(str))

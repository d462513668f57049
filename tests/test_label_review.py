"""The Label review page (issue 14): an analyst confirms or changes the model's labels one
message at a time, the correction is stored with who and when, and the next build counts
it; a viewer cannot reach the page, and the store refuses a viewer's review."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import connection, labelling
from models import corrections
from tests.test_corrections import THREAD

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")


@pytest.fixture
def store(tmp_path, monkeypatch):
    path = tmp_path / "corrections.sqlite"
    monkeypatch.setenv("CARE_CORRECTIONS_DB", str(path))
    return path


def review_page(db, monkeypatch) -> AppTest:
    monkeypatch.setenv("CARE_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("screens/labels.py").run()
    assert not at.exception and not at.error
    return at


def test_the_review_page_saves_a_correction_and_the_next_build_counts_it(tmp_path, store, cli, db_path, query,
                                                                          monkeypatch):
    data = tmp_path / "thread.csv"
    data.write_text(THREAD, encoding="utf-8")
    assert cli("run", data)[0] == 0
    figures = lambda: json.loads(cli("metrics", "--json")[1])["tim"]  # noqa: E731
    assert figures()["churn_signals"] == 1

    at = review_page(db_path, monkeypatch)
    assert "0 di 2" in at.get("progress")[0].proto.text       # two messages to review, none yet
    for step in range(1, 3):   # the least sure first: the customer's post is one of the two
        keys = [c.key for c in at.segmented_control if c.key.startswith("label_")]
        if "label_churn_canonical:c1" in keys:
            assert at.segmented_control(key="label_churn_canonical:c1").value == "threat"   # the model's label
            at.segmented_control(key="label_churn_canonical:c1").set_value("none")
            at.segmented_control(key="label_sentiment_canonical:c1").set_value("neutral")
            at.button(key="save_canonical:c1").click().run()
            break
        at.button(key=next(b.key for b in at.button if b.key.startswith("skip_"))).click().run()
    assert not at.exception
    made = {c.task: c for c in corrections.in_force(store)}
    assert {t: c.label for t, c in made.items()} == {"sentiment": "neutral", "churn": "none",
                                                      "category": made["category"].label,   # kept: stored as checked
                                                      "followup": made["followup"].label}
    assert {c.via for c in made.values()} == {"dashboard"} and {c.corrected_by for c in made.values()} == {"local"}
    assert {c.message_id for c in made.values()} == {"c1"} and made["churn"].model_version
    progress = at.get("progress")[0].proto.text
    assert f"{step} di 2" in progress and "corretti: 1" in progress and f"saltati: {step - 1}" in progress

    connection.release()   # the page's connection would keep serving the file the build replaces
    assert cli("build")[0] == 0
    assert query("select churn, sentiment, label_origin from thread_labels where message_id = 'c1'") == \
        [("none", "neutral", "human")]
    assert figures()["churn_signals"] == 0 and figures()["competitor_flows"] == {}
    # after the build the page no longer offers the corrected message
    at = review_page(db_path, monkeypatch)
    assert not any(c.key.endswith("canonical:c1") for c in at.segmented_control)


def test_a_viewer_has_no_review_page_and_cannot_store_a_review(demo_db, store, monkeypatch):
    monkeypatch.setenv("CARE_DB", str(demo_db))
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["passwords"] = {"viewer": "vedo-solo", "analyst": "leggo-tutto"}
    at.run()
    at.text_input(key="password").set_value("vedo-solo").run()
    assert "labels" not in at.session_state["pages"]
    with pytest.raises(ValueError, match="Could not find a navigation page"):   # not registered for them
        at.switch_page("screens/labels.py")
    row = {"source": "canonical", "message_id": "m1", "is_brand": False, "sentiment": "negative",
           "category": "network", "churn": "none", "followup": "none", "model_version": "v", "text": "x"}
    with pytest.raises(PermissionError):
        labelling.save(labelling.review(row, {"sentiment": "positive"}, "viewer"), "viewer")
    assert not store.exists()


def test_a_review_refuses_a_label_that_is_not_an_id():
    row = {"source": "canonical", "message_id": "m1", "is_brand": True, "act": "acknowledge", "model_version": "v"}
    with pytest.raises(ValueError, match="unknown act label"):
        labelling.review(row, {"act": "ticket"}, "ana")
    (made,) = labelling.review(row, {"act": "escalate"}, "ana")
    assert (made.task, made.label, made.role, made.via) == ("act", "escalate", "brand", "dashboard")
    assert labelling.changed(row, [made]) == ["act"]


def test_a_long_thread_shows_the_neighbours_and_the_rest_behind_an_expander(tmp_path, store, cli, db_path,
                                                                            monkeypatch):
    lines = ["message_id,operator,channel,author_id,is_brand,created_at,text,in_reply_to"]
    for i in range(10):
        brand = i % 2 == 1
        lines.append(f"m{i},tim,twitter,{'TIM_Official' if brand else 'bea'},{'true' if brand else 'false'},"
                     f"2026-03-02T10:{10 + i}:00Z,{'verifichiamo subito' if brand else f'messaggio numero {i}'},"
                     f"{f'm{i - 1}' if i else ''}")
    data = tmp_path / "long.csv"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert cli("run", data)[0] == 0
    at = review_page(db_path, monkeypatch)
    (whole,) = at.expander
    assert "10 messaggi" in whole.label
    assert len(whole.chat_message) == 10
    outside = len(at.chat_message) - 10
    assert 4 <= outside <= 7          # the message under review and up to three on each side

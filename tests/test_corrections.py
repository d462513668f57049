"""Analysts' corrections in and out of Label Studio (issue 14, first slice): tasks with the
model's labels as pre-annotations, a labelling config whose choices are our label ids, and
an export read back as corrections with who, when and the model version they correct;
what cannot be applied is reported, not guessed."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import duckdb
import pytest

from models import corrections
from models.__main__ import main as models_main
from pipelines.contract.labels import TASKS


@pytest.fixture
def store(tmp_path, monkeypatch):
    path = tmp_path / "corrections.sqlite"
    monkeypatch.setenv("CARE_CORRECTIONS_DB", str(path))
    return path


def rows(path) -> int:
    with sqlite3.connect(path) as con:
        return con.execute("select count(*) from corrections").fetchone()[0]


def export(demo_db, tmp_path, *extra) -> list[dict]:
    out = tmp_path / "ls" / "tasks.json"
    assert models_main(["corrections", "export", str(out), "--db", str(demo_db), *extra]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def annotated(task: dict, choices: dict, by="ada@example.it", at="2026-12-06T10:00:00.000Z") -> dict:
    """A task as Label Studio exports it once someone has annotated it."""
    result = [{"from_name": k, "to_name": "text", "type": "choices", "value": {"choices": [v]}} for k, v in choices.items()]
    return {"id": 1, "data": task["data"], "annotations": [{"result": result, "completed_by": {"email": by},
                                                            "created_at": at}]}


def test_export_writes_tasks_the_least_sure_first_with_the_models_labels(demo_db, tmp_path, store):
    tasks = export(demo_db, tmp_path, "--limit", "40", "--operator", "tim")
    assert len(tasks) == 40
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        first = tasks[0]["data"]
        row = con.execute("select m.operator, l.sentiment, l.act from messages m join message_labels l "
                          "using (source, message_id) where source = ? and message_id = ?",
                          [first["source"], first["message_id"]]).fetchone()
    finally:
        con.close()
    assert row[0] == "tim"
    predicted = {r["from_name"]: r["value"]["choices"][0] for r in tasks[0]["predictions"][0]["result"]}
    assert predicted.get("sentiment") == row[1] and predicted.get("act") == row[2]
    sureness = [t["predictions"][0]["score"] for t in tasks]
    assert sureness == sorted(sureness)                              # the least sure first
    config = (tmp_path / "ls" / "tasks.xml").read_text(encoding="utf-8")
    for task, (_, labels) in TASKS.items():
        assert f'<Choices name="{task}" toName="text"' in config
        assert all(f'<Choice value="{label}"/>' in config for label in labels)


def test_import_stores_corrections_and_reports_what_it_cannot_apply(demo_db, tmp_path, store, capsys):
    tasks = export(demo_db, tmp_path, "--limit", "10000")
    customer = next(t for t in tasks if t["data"]["role"] == "customer")
    brand = next(t for t in tasks if t["data"]["role"] == "brand")
    stranger = {"data": {"message_id": "not-here", "source": "demo", "text": "?"}}
    ls_export = [
        annotated(customer, {"sentiment": "positive", "churn": "threat"}),
        annotated(brand, {"act": "escalate"}),
        annotated(customer, {"mood": "happy", "sentiment": "angry", "act": "resolve"}),
        annotated(stranger, {"sentiment": "negative"}),
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(ls_export), encoding="utf-8")
    capsys.readouterr()
    assert models_main(["corrections", "import", str(path), "--db", str(demo_db)]) == 0
    err = capsys.readouterr().err
    assert "unknown task 'mood'" in err and "unknown sentiment label 'angry'" in err
    assert "act is not a task of a customer message" in err
    assert "demo:not-here: not a message of this warehouse" in err
    stored = {(c.message_id, c.task): c for c in corrections.in_force()}
    key = customer["data"]["message_id"]
    assert set(stored) == {(key, "sentiment"), (key, "churn"), (brand["data"]["message_id"], "act")}
    assert stored[(key, "sentiment")].label == "positive" and stored[(key, "churn")].label == "threat"
    c = stored[(key, "sentiment")]
    assert (c.corrected_by, c.corrected_at) == ("ada@example.it", "2026-12-06T10:00:00+00:00")
    assert c.model_version == customer.get("predictions", [{}])[0].get("model_version")
    # the same export twice adds nothing; a later correction of the same label wins
    assert models_main(["corrections", "import", str(path), "--db", str(demo_db)]) == 0
    assert rows(store) == 3
    later = tmp_path / "later.json"
    later.write_text(json.dumps([annotated(customer, {"sentiment": "neutral"}, by="bruno", at="2026-12-07T09:00:00Z")]),
                     encoding="utf-8")
    assert models_main(["corrections", "import", str(later), "--db", str(demo_db)]) == 0
    stored = {(c.message_id, c.task): c for c in corrections.in_force()}
    assert len(stored) == 3 and stored[(key, "sentiment")].label == "neutral"
    assert stored[(key, "sentiment")].corrected_by == "bruno" and rows(store) == 4   # the history is kept


def test_a_file_that_is_not_an_export_is_one_clear_line(demo_db, tmp_path, store, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"not": "a list"}', encoding="utf-8")
    assert models_main(["corrections", "import", str(bad), "--db", str(demo_db)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and str(bad) in err and "a list of tasks expected" in err
    assert not store.exists()


def test_an_export_from_another_installation_applies_nothing(demo_db, tmp_path, store, capsys):
    foreign = tmp_path / "foreign.json"
    foreign.write_text(json.dumps([annotated({"data": {"message_id": f"x{i}", "source": "twcs"}}, {"sentiment": "negative"})
                                   for i in range(3)]), encoding="utf-8")
    assert models_main(["corrections", "import", str(foreign), "--db", str(demo_db)]) == 1
    assert capsys.readouterr().err.count("not a message of this warehouse") == 3
    assert corrections.in_force() == []


@pytest.mark.parametrize("action", ["", "export", "import"])
def test_corrections_commands_have_help(action):
    done = subprocess.run([sys.executable, "-m", "models", "corrections", *([action] if action else []), "--help"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "usage:" in done.stdout

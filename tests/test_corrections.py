"""Analysts' corrections in and out of Label Studio (issue 14, first slice): tasks with the
model's labels as pre-annotations, a labelling config whose choices are our label ids, and
an export read back as corrections with who, when and the model version they correct;
what cannot be applied is reported, not guessed."""
from __future__ import annotations

import json
import re
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


THREAD = ("message_id,channel,author_id,created_at,text,reply_to_id\n"
          "c1,twitter,bea,2026-03-02T10:00:00Z,@TIM_Official la fibra non va da tre giorni: se non risolvete "
          "entro domani passo a Iliad,\n"
          "b1,twitter,TIM_Official,2026-03-02T10:20:00Z,@bea ciao Bea ci scrivi in DM il numero della linea?,c1\n")


def test_a_build_lets_the_analysts_labels_win_and_every_metric_follows(tmp_path, store, cli, db_path, query):
    data = tmp_path / "thread.csv"
    data.write_text(THREAD, encoding="utf-8")
    assert cli("run", data)[0] == 0
    model = query("select churn, competitor, label_origin from thread_labels where message_id = 'c1'")
    assert model == [("threat", "iliad", "model")], "the model reads a threat towards Iliad"
    metrics = lambda: json.loads(cli("metrics", "--json")[1])["tim"]  # noqa: E731
    assert metrics()["churn_signals"] == 1 and metrics()["competitor_flows"] == {"iliad": 1}

    # an analyst says: no churn, and the sentiment is neutral
    ls_export = tmp_path / "export.json"
    ls_export.write_text(json.dumps([annotated({"data": {"message_id": "c1", "source": "canonical"}},
                                               {"churn": "none", "sentiment": "neutral"})]), encoding="utf-8")
    assert models_main(["corrections", "import", str(ls_export), "--db", str(db_path)]) == 0
    assert cli("build")[0] == 0
    human = ("none", None, "neutral", "human")
    assert query("select churn, competitor, sentiment, label_origin from thread_labels where message_id = 'c1'") == [human]
    assert query("select label_origin from thread_labels where message_id = 'b1'") == [("model",)]
    figures = metrics()
    assert figures["churn_signals"] == 0 and figures["competitor_flows"] == {}
    assert figures["net_sentiment"] == 0.0

    # re-ingesting the file, and relabelling by the model, leave the correction in force
    assert cli("run", data)[0] == 0
    assert query("select churn, competitor, sentiment, label_origin from thread_labels where message_id = 'c1'") == [human]
    con = duckdb.connect(str(db_path))
    con.execute("delete from message_labels")
    con.close()
    assert cli("build")[0] == 0
    assert query("select count(*) from message_labels") == [(2,)]
    assert query("select churn, competitor, sentiment, label_origin from thread_labels where message_id = 'c1'") == [human]


def test_the_thread_pass_leaves_a_label_a_person_set(tmp_path, store, cli, db_path, query):
    """A follow-up takes its conversation's category (followup_category), unless an analyst
    gave it one: then the analyst's stands."""
    data = tmp_path / "thread.csv"
    data.write_text(THREAD + "c2,twitter,bea,2026-03-02T12:00:00Z,@TIM_Official ancora nulla,b1\n", encoding="utf-8")
    assert cli("run", data)[0] == 0
    opening = query("select category from thread_labels where message_id = 'c1'")[0][0]
    assert opening != "billing"
    ls_export = tmp_path / "export.json"
    ls_export.write_text(json.dumps([annotated({"data": {"message_id": "c2", "source": "canonical"}},
                                               {"followup": "still_broken", "category": "billing"})]), encoding="utf-8")
    assert models_main(["corrections", "import", str(ls_export), "--db", str(db_path)]) == 0
    assert cli("build")[0] == 0
    assert query("select category, followup, thread_rule, label_origin from thread_labels where message_id = 'c2'") == \
        [("billing", "still_broken", "followup_category", "human")]


def test_training_reads_the_corrections_and_holds_a_share_out(tmp_path, store, capsys):
    """Corrected messages join the training data with the labels a person set (only those),
    a fifth of them held out by a hash of their id, and the model learns them."""
    import random

    from models.card import corrections_section
    from models.classifier import load
    from models.corpus import split
    words = ("casa treno mare sole ufficio cucina montagna giardino strada piazza mercato scuola lago bosco "
             "ponte fiume stazione porto collina campagna teatro museo parco cinema biblioteca").split()
    rng = random.Random(3)
    texts = [f"quokkafibra {' '.join(rng.sample(words, 6))}" for _ in range(40)]   # not near-copies of each other
    made_up = [corrections.Correction("canonical", f"q{i}", task, label, "ada", "2026-12-06T10:00:00+00:00",
                                      "care-old", "label-studio", "customer", "it", text)
               for i, text in enumerate(texts) for task, label in (("sentiment", "positive"), ("category", "network"))]
    corrections.record(made_up)
    found = corrections.examples()
    assert len(found) == 40 and all(e.labels == {"sentiment": "positive", "category": "network"} for e in found)
    train_set, test, _ = split(found)
    assert 0 < len(test) < 20 and split(found)[1] == test                      # deterministic
    out = tmp_path / "model.skops"
    assert models_main(["train", "--out", str(out)]) == 0
    # with the corpus, the split may move a held-out correction that is a near-copy of a training text
    held = re.search(r"40 of them analysts' corrections \((\d+) held out\)", capsys.readouterr().out)
    assert held and 0 < int(held.group(1)) <= len(test)
    predicted = load(out).predict(["la quokkafibra di stamattina"], "customer")
    assert predicted["sentiment"][0][0] == "positive" and predicted["category"][0][0] == "network"
    assert "No held-out correction yet" in corrections_section([], 0)
    table = corrections_section([{"task": "sentiment", "n": 8, "macro_f1": 1.0}], 8)
    assert "8 corrected messages of this installation held out" in table and "| sentiment | 8 | 1.000 |" in table


def test_thirty_corrections_from_a_label_studio_export_change_exactly_their_messages(store, cli, db_path, query):
    """tests/data/labelstudio_export.json corrects every message of ten TIM and Vodafone
    conversations (30 messages); two Fastweb conversations keep the model's labels. The
    figures below are counted by hand from the labels in tests/data/corrections_fixture.py."""
    from tests.conftest import DATA

    assert cli("run", DATA / "corrections_threads.csv")[0] == 0
    labels = "select message_id, sentiment, category, churn, followup, act, competitor, label_origin from thread_labels"
    before = {m: rest for m, *rest in query(labels)}
    figures = lambda: json.loads(cli("metrics", "--json")[1])  # noqa: E731
    fastweb_before = figures()["fastweb"]
    export = json.loads((DATA / "labelstudio_export.json").read_text(encoding="utf-8"))
    assert models_main(["corrections", "import", str(DATA / "labelstudio_export.json"), "--db", str(db_path)]) == 0
    assert cli("build")[0] == 0

    set_by_hand = {task["data"]["message_id"]: {r["from_name"]: r["value"]["choices"][0]
                                                for r in task["annotations"][0]["result"]} for task in export}
    assert len(set_by_hand) == 30
    tasks = ("sentiment", "category", "churn", "followup", "act")
    for message_id, (*after, competitor, origin) in {m: rest for m, rest in
                                                     ((m, r) for m, *r in query(labels))}.items():
        if message_id in set_by_hand:
            assert origin == "human", message_id
            assert {t: v for t, v in zip(tasks, after) if v is not None} == set_by_hand[message_id], message_id
        else:
            assert [*after, competitor, origin] == before[message_id] and origin == "model", message_id

    now = figures()
    # TIM: t1 escalated, fixed; t2 data request, still broken, threat; t3 resolved (no escalation);
    # t4 sent elsewhere, switched; t5 thanks. Customer messages: 3 positive, 5 negative of 10.
    # Vodafone: v1 escalated, still broken, threat; v2 data request, fixed; v3 sent elsewhere,
    # cancel; v4 neutral; v5 escalated, no verdict. 1 positive, 7 negative of 10.
    expected = {
        "tim": {"conversations": 5, "answered": 5, "escalated": 2, "escalation_success": 1, "escalation_failure": 1,
                "escalation_success_rate": 1 / 2, "deflected": 1, "repeated_data_request": 0, "churn_signals": 2,
                "competitor_flows": {}, "net_sentiment": (3 - 5) / 10, "sentiment_recovery_rate": 1 / 3},
        "vodafone": {"conversations": 5, "answered": 5, "escalated": 3, "escalation_success": 1,
                     "escalation_failure": 1, "escalation_success_rate": 1 / 3, "deflected": 1,
                     "repeated_data_request": 0, "churn_signals": 2, "competitor_flows": {},
                     "net_sentiment": (1 - 7) / 10, "sentiment_recovery_rate": 1 / 4},
    }
    for op, figures_by_hand in expected.items():
        assert now[op]["competitor_flows"] == figures_by_hand.pop("competitor_flows")
        assert {k: now[op][k] for k in figures_by_hand} == pytest.approx(figures_by_hand), op
    assert now["fastweb"] == fastweb_before      # nothing of Fastweb's was corrected


def test_the_readme_holds_the_labelling_config_that_export_writes():
    from pathlib import Path

    from models.labelstudio import label_config
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    pasted = readme.split("The labelling config to paste:\n\n```xml\n", 1)[1].split("\n```", 1)[0]
    assert pasted == label_config().rstrip()

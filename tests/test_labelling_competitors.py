"""The competitor of a threat or a switch, as the pipeline stores it: each distinct text is
read once, where it is labelled (in this process or in the labelling workers), and each
message then gets the destination that models.competitors.find gives for its own
operator. One text written by customers of three operators names a different
competitor for each."""
from __future__ import annotations

import csv
import sys
import types

import duckdb
import pytest

from models.competitors import CompetitorFinder
from pipelines.contract.operators import Operators

TEXTS = {
    "t": "Basta, domani passo a Vodafone, oppure a TIM: mi avete stufato",
    "p": "Ho portato il numero su Vodafone e ora sono cliente TIM anche per la fibra",
}
# writer's operator -> the competitor expected in either text: the first name after a
# destination cue that is not the writer's own, else the first other name
EXPECTED = {"tim": "vodafone", "vodafone": "tim", "fastweb": "vodafone"}


@pytest.fixture(params=["in this process", "in the workers", "in workers started with the load"])
def labelled(request, tmp_path, db_path, cli, monkeypatch):
    from pipelines.labels import classify
    started = []
    if request.param != "in this process":
        monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))   # spawned workers
        monkeypatch.setattr(classify, "PARALLEL_MIN_ROWS", 0)
        early = classify.start_early
        monkeypatch.setattr(classify, "start_early", lambda files: started.append(early(files)) or started[-1])
    path = tmp_path / "threats.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["message_id", "conversation_id", "operator", "channel", "author_id", "is_brand",
                      "created_at", "text"])
        for i, operator in enumerate(EXPECTED):
            for key, text in TEXTS.items():
                out.writerow([f"{key}-{operator}", f"c-{key}-{operator}", operator, "twitter", f"cliente{i}", "false",
                              f"2026-03-0{i + 2}T10:00:00Z", text])
    if request.param == "in workers started with the load":
        code, _, err = cli("run", path, "-q", "--db", db_path)
        assert code == 0, err
        assert len(started) == 1 and started[0].used   # the workers the load started labelled
    else:
        assert cli("ingest", path, "--db", db_path)[0] == 0
        code, _, err = cli("build", "-q", "--db", db_path)
        assert code == 0, err
        assert not started
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        yield con.execute("""select m.message_id, m.operator, m.text, l.churn, l.competitor
                             from messages as m join message_labels as l using (source, message_id)""").fetchall()
    finally:
        con.close()


def test_each_writer_gets_the_competitor_of_their_own_operator(labelled):
    assert len(labelled) == len(TEXTS) * len(EXPECTED)
    assert {churn for *_, churn, _ in labelled} <= {"threat", "switched"}
    assert {message_id: competitor for message_id, *_, competitor in labelled} == {
        f"{key}-{operator}": competitor for operator, competitor in EXPECTED.items() for key in TEXTS}


def test_the_pipeline_agrees_with_the_rule(labelled):
    finder = CompetitorFinder(Operators.load())
    assert [competitor for *_, competitor in labelled] == [finder.find(text, operator)
                                                           for _, operator, text, _, _ in labelled]

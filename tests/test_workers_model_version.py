"""Labelling workers label with the model the pipeline stores the labels under: workers
that loaded another version (the file was trained again while they started, or while
the load ran, for those `run` starts with it) are replaced, never used."""
from __future__ import annotations

import sys
import types
from dataclasses import replace

import pytest

from pipelines.labels import classify


@pytest.fixture
def spawned(monkeypatch):
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))   # spawned workers


def test_workers_hold_the_model_they_loaded(spawned, trained_model):
    from models.saved import model_path, read_saved

    saved = read_saved(model_path())
    workers = classify.LabellingWorkers(saved.path)
    try:
        assert workers.hold(saved)
        assert not workers.hold(replace(saved, version="care-0000000000"))   # trained again since
    finally:
        workers.close()


def test_a_build_replaces_workers_holding_another_version(spawned, cli, trained_model, monkeypatch, db_path):
    """Early workers whose model is not the one read at classification time are closed
    and fresh ones label; the labels carry the version read."""
    from pathlib import Path

    import duckdb

    monkeypatch.setattr(classify, "PARALLEL_MIN_ROWS", 0)
    made = []
    real = classify.LabellingWorkers

    class Stale(real):
        def __init__(self, model_file):
            super().__init__(model_file)
            made.append(self)

        def hold(self, model):
            return False if len(made) == 1 else super().hold(model)   # the first ones hold another version
    monkeypatch.setattr(classify, "LabellingWorkers", Stale)
    source = Path(__file__).parent / "data" / "thread_rules.csv"
    code, _, err = cli("run", source, "-q", "--db", db_path)
    assert code == 0, err
    assert len(made) == 2 and made[0].used                                  # started with the load, then replaced
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        versions = {row[0] for row in con.execute("select distinct model_version from message_labels").fetchall()}
    finally:
        con.close()
    assert versions == {trained_model.version}


def test_workers_that_never_hold_the_model_stop_the_build(spawned, cli, trained_model, monkeypatch, db_path):
    from pathlib import Path

    monkeypatch.setattr(classify, "PARALLEL_MIN_ROWS", 0)
    monkeypatch.setattr(classify.LabellingWorkers, "hold", lambda self, model: False)
    code, _, err = cli("run", Path(__file__).parent / "data" / "thread_rules.csv", "-q", "--db", db_path)
    assert code == 1 and err.strip().endswith("the model file changed while the labelling workers loaded it; "
                                              "run the build again")
    assert not db_path.exists()   # nothing was published

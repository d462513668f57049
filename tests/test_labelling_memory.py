"""The labelling workers start while this process gathers the distinct texts in less
memory than the load had, and the limit comes back afterwards, even after an error: at
10 M messages the two together went to 1.96 GB (the target is under 2 GB)."""
from __future__ import annotations

import sys
import types

import duckdb
import pytest

from pipelines.warehouse import memory_limit
from tests.conftest import DATA


def _limit(con) -> str:
    return con.execute("select current_setting('memory_limit')").fetchone()[0]


def _as_duckdb_says(limit: str) -> str:
    con = duckdb.connect()
    con.execute(f"set memory_limit = '{limit}'")
    return _limit(con)


@pytest.fixture
def spied(monkeypatch):
    """The memory limit in force when the workers were started and after the labelling,
    on a run that labels with workers."""
    from pipelines.labels import classify

    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))   # spawned workers
    monkeypatch.setattr(classify, "PARALLEL_MIN_ROWS", 0)
    seen: dict = {}
    label_distinct_texts, start_workers = classify._label_distinct_texts, classify.LabellingWorkers

    def capture(con, *args, **kwargs):
        seen["con"] = con
        try:
            return label_distinct_texts(con, *args, **kwargs)
        finally:
            seen["after"] = _limit(con)

    def start(*args):
        seen["at_start"] = _limit(seen["con"])
        return start_workers(*args)
    monkeypatch.setattr(classify, "_label_distinct_texts", capture)
    monkeypatch.setattr(classify, "LabellingWorkers", start)
    return seen


def test_the_workers_start_while_this_process_holds_less(cli, trained_model, spied):
    from pipelines.labels.classify import GATHERING_MEMORY

    assert cli("ingest", DATA / "twcs_sample.csv")[0] == 0
    code, _, err = cli("build", "-q")
    assert code == 0, err
    assert spied["at_start"] == _as_duckdb_says(GATHERING_MEMORY)
    assert _as_duckdb_says(GATHERING_MEMORY) != _as_duckdb_says(memory_limit())
    assert spied["after"] == _as_duckdb_says(memory_limit())


def test_the_limit_comes_back_after_a_failed_gathering(cli, trained_model, spied, monkeypatch):
    from pipelines import sql

    assert cli("ingest", DATA / "twcs_sample.csv")[0] == 0
    read = sql.read
    monkeypatch.setattr(sql, "read", lambda name: "select no_such_column from scratch.to_classify"
                        if name == "labels/02_distinct_texts" else read(name))
    with pytest.raises(duckdb.BinderException, match="no_such_column"):
        cli("build", "-q")
    assert spied["after"] == _as_duckdb_says(memory_limit())


@pytest.fixture
def marts_limits(monkeypatch):
    """The memory limit in force while the conversations and the marts are built and after
    them, and the labelling worker pools still open then."""
    from pipelines.labels import classify
    from pipelines.marts import build

    seen: dict = {"pools": []}
    start_workers = classify.LabellingWorkers

    def start(*args):
        workers = start_workers(*args)
        seen["pools"].append(workers.pool)
        return workers

    def spy(name):
        original = getattr(build, name)

        def wrapped(con, *args, **kwargs):
            seen[name] = _limit(con)
            seen[f"{name} open pools"] = [pool for pool in seen["pools"] if not pool._shutdown_thread]
            return original(con, *args, **kwargs)
        monkeypatch.setattr(build, name, wrapped)
    build_all = build.build_all

    def build_then_look(con, *args, **kwargs):
        build_all(con, *args, **kwargs)
        seen["after build_all"] = _limit(con)
    monkeypatch.setattr(classify, "LabellingWorkers", start)
    monkeypatch.setattr(build, "build_all", build_then_look)
    spy("rebuild_conversations")
    spy("build_marts")
    return seen


def test_the_marts_are_built_with_more_memory_once_the_workers_are_gone(cli, trained_model, marts_limits):
    from pipelines.warehouse import DERIVING_MEMORY

    code, _, err = cli("run", "-q", DATA / "twcs_sample.csv")
    assert code == 0, err
    assert marts_limits["rebuild_conversations"] == marts_limits["build_marts"] == _as_duckdb_says(DERIVING_MEMORY)
    assert _as_duckdb_says(DERIVING_MEMORY) != _as_duckdb_says(memory_limit())
    assert marts_limits["after build_all"] == _as_duckdb_says(memory_limit())


def test_a_limit_the_user_set_stands_for_the_marts(cli, trained_model, marts_limits, monkeypatch):
    monkeypatch.setenv("CARE_DUCKDB_MEMORY", "700MB")
    code, _, err = cli("run", "-q", DATA / "twcs_sample.csv")
    assert code == 0, err
    assert marts_limits["build_marts"] == _as_duckdb_says("700MB")


def test_early_workers_with_nothing_to_label_are_gone_before_the_marts(cli, trained_model, marts_limits,
                                                                       monkeypatch):
    from pipelines.labels import classify

    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))   # spawned workers
    assert cli("run", "-q", DATA / "twcs_sample.csv")[0] == 0
    # the same file again: nothing new to label, but `run` starts its workers with the load
    monkeypatch.setattr(classify, "PARALLEL_MIN_ROWS", 0)
    code, _, err = cli("run", "-q", DATA / "twcs_sample.csv")
    assert code == 0, err
    assert len(marts_limits["pools"]) == 1
    assert marts_limits["build_marts open pools"] == []

"""Shared fixtures: every test gets its own warehouse path, salt and working copy of
nothing else; the demo warehouse is built once per session for the tests that need it."""
from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from pipelines.__main__ import main as cli_main

DATA = Path(__file__).parent / "data"
SHARED_TWCS = Path(__file__).resolve().parents[2] / "shared" / "data" / "twcs"


@pytest.fixture(scope="session", autouse=True)
def trained_model(tmp_path_factory):
    """One model for the whole run, trained on the corpus's training split into a
    temporary folder (the repository's models/artifacts is never touched)."""
    from models.classifier import ensure_model

    os.environ["CARE_MODEL_DIR"] = str(tmp_path_factory.mktemp("model"))
    return ensure_model(log=lambda m: None)


@pytest.fixture(autouse=True)
def isolated_env(tmp_path, monkeypatch):
    monkeypatch.setenv("CARE_DB", str(tmp_path / "wh" / "care.duckdb"))
    monkeypatch.setenv("CARE_SALT_FILE", str(tmp_path / "salt"))
    monkeypatch.delenv("CARE_OPERATORS", raising=False)
    yield


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "wh" / "care.duckdb"


@pytest.fixture
def cli(capsys):
    """Run `python -m pipelines ARGS` in-process; returns (exit code, stdout, stderr)."""
    def run(*args):
        code = cli_main([str(a) for a in args])
        out = capsys.readouterr()
        return code, out.out, out.err
    return run


@pytest.fixture
def query(db_path):
    """Run a query on the published warehouse read-only, as the dashboard would."""
    def run(sql, params=None):
        con = duckdb.connect(str(db_path), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()
    return run


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """A small demo warehouse (about 6 000 messages over 6 weeks), built once."""
    from pipelines.contract.operators import Operators
    from pipelines.demo.cli import load_demo
    from pipelines.demo.generator import DemoParams

    root = tmp_path_factory.mktemp("demo")
    old = os.environ.get("CARE_SALT_FILE")
    os.environ["CARE_SALT_FILE"] = str(root / "salt")
    try:
        db = root / "care.duckdb"
        load_demo(db, DemoParams(messages=6_000, seed=11, weeks=6), Operators.load(), fresh=True)
    finally:
        if old is None:
            os.environ.pop("CARE_SALT_FILE", None)
        else:
            os.environ["CARE_SALT_FILE"] = old
    return db

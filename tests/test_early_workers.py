"""Which loads `pipelines run` starts the labelling workers with (classify.start_early):
enough rows for the workers to label, few enough that they fit beside the load."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipelines.labels import classify


@pytest.fixture
def started(monkeypatch):
    """start_early's answers, with a stand-in for the workers (no process is started)."""
    monkeypatch.setattr(classify, "LabellingWorkers", lambda model_file: ("workers", model_file))
    monkeypatch.setattr(classify, "PARALLEL_MIN_ROWS", 10)
    monkeypatch.setattr(classify, "EARLY_MAX_ROWS", 100)
    monkeypatch.setattr(classify, "TYPICAL_ROW_BYTES", 10)
    return classify.start_early


def test_a_file_between_the_bounds_starts_them(started, tmp_path, trained_model):
    path = tmp_path / "in.csv"
    path.write_bytes(b"x" * 500)            # 50 rows of 10 bytes
    assert started([path])[0] == "workers"


def test_too_few_or_too_many_rows_start_none(started, tmp_path, trained_model):
    small, big = tmp_path / "small.csv", tmp_path / "big.jsonl"
    small.write_bytes(b"x" * 40)             # 4 rows: this process labels them
    big.write_bytes(b"x" * 2000)             # 200 rows: two idle workers would not fit beside the load
    assert started([small]) is None and started([big]) is None
    assert started([small, small]) is None and started([small] * 3)[0] == "workers"   # the files add up


def test_a_parquet_file_counts_its_own_rows(started, tmp_path, trained_model):
    path = tmp_path / "in.parquet"
    pq.write_table(pa.table({"text": ["ciao"] * 150}), path)   # a few hundred bytes, 150 rows
    assert started([path]) is None
    pq.write_table(pa.table({"text": ["ciao"] * 50}), path)
    assert started([path])[0] == "workers"


def test_an_unreadable_file_starts_none(started, tmp_path, trained_model):
    assert started([tmp_path / "missing.csv"]) is None

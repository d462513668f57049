"""The load's and the labelling's staging tables are written without compression, and
nothing the warehouse keeps is (pipelines.warehouse.uncompressed_writes)."""
from __future__ import annotations

import duckdb
import pytest

from pipelines.warehouse import uncompressed_writes
from tests.conftest import DATA


def _compression(con) -> str:
    return con.execute("select current_setting('force_compression')").fetchone()[0]


def test_the_setting_comes_back_even_after_an_error():
    con = duckdb.connect()
    with pytest.raises(RuntimeError):
        with uncompressed_writes(con):
            assert _compression(con) == "uncompressed"
            raise RuntimeError("a failed load")
    assert _compression(con) == "auto"


def test_staging_is_written_uncompressed_and_the_warehouse_compressed(cli, monkeypatch):
    from pipelines.labels import classify
    from pipelines.load import ingest
    from pipelines.marts import build
    from pipelines.normalise import in_engine

    seen: dict[str, str] = {}

    def spy(module, name):
        original = getattr(module, name)

        def wrapped(con, *args, **kwargs):
            seen[name] = _compression(con)
            return original(con, *args, **kwargs)
        monkeypatch.setattr(module, name, wrapped)

    spy(in_engine, "normalise")
    spy(ingest, "place_in_threads")
    spy(ingest, "_merge")
    spy(classify, "_label_distinct_texts")
    spy(build, "rebuild_conversations")
    spy(build, "build_marts")
    code, out, err = cli("run", DATA / "canonical_sample.csv")
    assert code == 0, err
    assert seen == {"normalise": "uncompressed", "place_in_threads": "uncompressed", "_merge": "auto",
                    "_label_distinct_texts": "uncompressed", "rebuild_conversations": "auto",
                    "build_marts": "auto"}

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



def test_the_files_fields_and_the_normalising_steps_are_gone_before_the_redaction_and_the_threading(
        cli, monkeypatch):
    """The raw fields are dropped once the rejects are read from them, and checked and the
    normalising steps' tables once scratch.incoming holds every row: a 10 M load would
    otherwise carry them (gigabytes) to disk while it redacts, threads and publishes."""
    from pipelines.load import ingest
    from pipelines.normalise import in_engine

    present: dict[str, set[str]] = {}

    def tables(con) -> set[str]:
        names = con.execute("select table_name from duckdb_tables() union all "
                            "select view_name from duckdb_views()").fetchall()
        return {row[0] for row in names}

    python_table = in_engine._python_table
    place_in_threads = ingest.place_in_threads

    def python_table_spy(con, name, *args):
        present[name] = tables(con)
        return python_table(con, name, *args)

    def place_spy(con, *args, **kwargs):
        present["threading"] = tables(con)
        return place_in_threads(con, *args, **kwargs)

    monkeypatch.setattr(in_engine, "_python_table", python_table_spy)
    monkeypatch.setattr(ingest, "place_in_threads", place_spy)
    code, out, err = cli("ingest", DATA / "canonical_sample.csv")
    assert code == 0, err
    raw = {"raw_read", "raw_fields", "reader_rows"}
    assert raw <= present["parsed_times"]          # the times are parsed before the rejects
    assert "checked" in present["py_redacted"] and not raw & present["py_redacted"]
    steps = {"checked", *in_engine.SCRATCH_TABLES}
    assert "incoming" in present["threading"] and not (raw | steps) & present["threading"]

"""The command line: help everywhere, paths from --db and CARE_DB."""
from __future__ import annotations

import subprocess
import sys

import pytest

from pipelines.__main__ import parser
from tests.conftest import DATA


@pytest.mark.parametrize("command", ["", "ingest", "build", "run", "demo", "metrics", "truth", "report", "retention"])
def test_every_command_has_help(command):
    args = [sys.executable, "-m", "pipelines", *([command] if command else []), "--help"]
    done = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "usage:" in done.stdout
    if command:
        assert "--db" in done.stdout


def test_parser_lists_the_commands():
    sub = next(a for a in parser()._actions if a.dest == "command")
    assert set(sub.choices) == {"demo", "ingest", "build", "run", "metrics", "truth", "report", "retention"}


def test_db_flag_wins_over_environment(cli, tmp_path, db_path):
    other = tmp_path / "elsewhere" / "x.duckdb"
    code, out, _ = cli("ingest", DATA / "canonical_sample.csv", "--db", other)
    assert code == 0 and other.exists() and not db_path.exists()
    assert f"warehouse: {other}" in out


def test_build_and_run(cli, query):
    code, out, _ = cli("run", DATA / "canonical_sample.csv")
    assert code == 0 and "built conversations" in out
    assert query("select count(*) from conversations") == [(2,)]
    code, out, _ = cli("build")
    assert code == 0 and query("select count(*) from messages") == [(5,)]


def test_bad_map_argument_is_a_usage_error(cli):
    with pytest.raises(SystemExit, match="FIELD=COLUMN"):
        cli("ingest", DATA / "canonical_sample.csv", "--map", "oops")


def test_demo_if_missing_keeps_an_existing_warehouse(cli, db_path):
    cli("ingest", DATA / "canonical_sample.csv")
    code, out, _ = cli("demo", "--if-missing")
    assert code == 0 and "warehouse exists" in out


def test_metrics_without_a_warehouse_or_with_a_bad_date(cli):
    code, _, err = cli("metrics")
    assert code == 1 and "no warehouse yet" in err
    code, _, err = cli("metrics", "--from", "yesterday")
    assert code == 2 and "YYYY-MM-DD" in err

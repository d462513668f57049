"""A load killed at any point (SIGKILL) leaves the previous warehouse intact and
readable, and the next run finishes the job."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import DATA

ROOT = Path(__file__).resolve().parents[1]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def count(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select count(*) from messages").fetchall()[0][0]
    finally:
        con.close()


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("crash") / "demo.csv"
    subprocess.run([sys.executable, "-m", "pipelines", "demo", "--messages", "120000", "--weeks", "8",
                    "--out", str(out), "-q"], check=True, cwd=ROOT)
    return out


@pytest.mark.parametrize("delay", [0.5, 1.5, 3.0, 5.0])
def test_sigkill_at_any_point_leaves_the_warehouse_intact(cli, db_path, big_file, delay):
    cli("run", DATA / "canonical_sample.csv")
    before, rows = digest(db_path), count(db_path)
    env = {**os.environ}
    proc = subprocess.Popen([sys.executable, "-m", "pipelines", "run", str(big_file), "-q"], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(delay)
    finished_first = proc.poll() is not None
    if not finished_first:
        os.killpg(proc.pid, signal.SIGKILL)  # the pipeline and its worker processes
    proc.wait()
    # a kill that comes too late proves nothing: the file must be big enough for every delay
    assert not finished_first, f"the load finished within {delay} s: make big_file bigger"
    assert digest(db_path) == before and count(db_path) == rows        # untouched, and readable
    code, out, err = cli("run", big_file, "-q")                         # the next run finishes the job
    assert code == 0, err
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        loaded = con.execute("select count(*) from messages where source = 'demo'").fetchall()[0][0]
        labelled = con.execute("select count(*) from message_labels where source = 'demo'").fetchall()[0][0]
    finally:
        con.close()
    assert loaded >= 120_000 and labelled == loaded
    assert not db_path.with_name("care.duckdb.build").exists()


def _children(pid: int) -> dict[int, str]:
    """Live child processes of `pid` with their command lines (zombies count as gone)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z" and int(fields[1]) == pid:
            found[int(entry.name)] = cmdline
    return found


def _alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_workers_end_when_their_parent_is_killed(tmp_path):
    """SIGKILL of the load alone (not its process group): its normalising workers and the
    resource tracker used to live on for 40 minutes and more."""
    # over 20 MB and read by Python (files DuckDB cannot read as we do): two worker processes
    big = tmp_path / "big.csv"
    subprocess.run([sys.executable, "-m", "pipelines", "demo", "--messages", "110000", "--weeks", "8",
                    "--out", str(big), "-q"], check=True, cwd=ROOT)
    env = {**os.environ, "CARE_DB": str(tmp_path / "wh" / "care.duckdb"), "CARE_NORMALISE": "python"}
    proc = subprocess.Popen([sys.executable, "-m", "pipelines", "ingest", str(big), "-q"], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: dict[int, str] = {}
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        workers = {pid: cmd for pid, cmd in _children(proc.pid).items() if "multiprocessing" in cmd}
        if sum("spawn_main" in cmd for cmd in workers.values()) >= 2:
            break
        time.sleep(0.1)
    assert proc.poll() is None and sum("spawn_main" in cmd for cmd in workers.values()) >= 2, "no workers seen"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.2)
    left = {pid: cmd for pid, cmd in workers.items() if _alive(pid)}
    for pid in left:   # clean up before failing
        os.kill(pid, signal.SIGKILL)
    assert not left, left

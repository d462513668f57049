"""The DuckDB warehouse file: how writers build it aside and publish it atomically.

DuckDB allows one writer process or many reader processes on a file, never both, so
the pipeline never writes the file the dashboard reads. It copies the serving file to
`<db>.build`, loads into the copy, checkpoints, and renames it over the serving file.
A reader keeps the old file open until it reconnects (the rename swaps the directory
entry, not the data under an open handle), so no reader ever sees a half-built state
and no writer ever meets a reader's lock. A lock file serialises writers, and a killed
writer leaves only a stale `.build` that the next writer deletes.
"""
from __future__ import annotations

import fcntl
import math
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb

from pipelines import sql


class WarehouseBusy(RuntimeError):
    pass


def _sidecar(db: Path, suffix: str) -> Path:
    return db.with_name(db.name + suffix)


def _remove(*paths: Path) -> None:
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            pass


_STAGING = ".staging-"


def new_staging_dir(scratch: str | None) -> Path:
    """A folder for a load's Parquet parts: beside the scratch database (the warehouse's
    disk has room for a big file's staged rows, and a killed run's leftovers are swept
    with the scratch file), or in the system's temporary folder when scratch is in memory."""
    if not scratch:
        return Path(tempfile.mkdtemp(prefix="care" + _STAGING))
    return Path(tempfile.mkdtemp(prefix=Path(scratch).name + _STAGING, dir=Path(scratch).parent))


def _remove_staging(scratch: Path) -> None:
    """Parquet parts a load killed half-way left beside the scratch file."""
    for leftover in scratch.parent.glob(scratch.name + _STAGING + "*"):
        shutil.rmtree(leftover, ignore_errors=True)


def configure(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("set TimeZone = 'UTC'")
    con.execute("set preserve_insertion_order = false")
    # DuckDB spills to disk past this; with Python and the worker processes beside it
    # the whole pipeline stays under 2 GB (DESIGN.md target).
    con.execute(f"set memory_limit = '{memory_limit()}'")


@contextmanager
def in_insertion_order(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Rows written in the order a statement gives them, for its duration (configure
    turns the order off: most writes do not need it, and keeping it costs memory)."""
    con.execute("set preserve_insertion_order = true")
    try:
        yield
    finally:
        con.execute("set preserve_insertion_order = false")


@contextmanager
def uncompressed_writes(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Tables written meanwhile are stored without compression. For the staging tables of
    a load or a labelling, written once and read a few times before they are dropped,
    choosing each column segment's compression cost more than it saves (1 M demo rows:
    about 3 s of a 30 s run). Nothing the warehouse keeps may be written inside: its own
    tables stay compressed."""
    con.execute("set force_compression = 'uncompressed'")
    try:
        yield
    finally:
        con.execute("set force_compression = 'auto'")


@contextmanager
def memory_limited(con: duckdb.DuckDBPyConnection, limit: str | None) -> Iterator[None]:
    """DuckDB holds at most `limit` meanwhile (None: nothing changes), and the configured
    limit (memory_limit()) again afterwards, even after an error. For the steps during
    which other processes (the labelling workers) need the memory, and for those after
    them, which may have theirs (deriving_memory())."""
    if limit is None:
        yield
        return
    con.execute(f"set memory_limit = '{limit}'")
    try:
        yield
    finally:
        con.execute(f"set memory_limit = '{memory_limit()}'")


# Rows joined at once where a statement joins the load's staging tables on the row's
# ordinal: 2 M of them fit in DuckDB's memory limit (a 10 M load at once spilled to
# disk); 1 M rows go in one pass.
ROWS_PER_PASS = 2_000_000
# A pass may be this much larger than ROWS_PER_PASS rather than leave a few rows to a pass
# of their own: a pass scans the whole of the tables it joins, whatever its range (bounds
# written in as numbers instead of parameters were no faster), so the 10,000,003 rows of
# the 10 M demo took 6 passes, the last for 3 rows.
PASS_SLACK = 0.1


def pass_bounds(rows: int) -> list[tuple[int, int]]:
    """The ranges ($after, $until] of `in_passes` over ordinals 1..`rows`: as few passes as
    hold at most ROWS_PER_PASS rows each (or a tenth more), of one size (the last may be
    a few rows shorter)."""
    passes = max(1, math.ceil(rows / (ROWS_PER_PASS * (1 + PASS_SLACK))))
    size = math.ceil(rows / passes)
    return [(after, after + size) for after in range(0, rows, size)] if rows > 0 else []


def in_passes(con: duckdb.DuckDBPyConnection, query: str, rows: int, params: dict | None = None) -> None:
    """`query` once per range of ordinals ($after < ordinal <= $until) of `pass_bounds(rows)`,
    so that its joins on ordinal hold one range in memory."""
    for after, until in pass_bounds(rows):
        con.execute(query, {**(params or {}), "after": after, "until": until})


def memory_limit() -> str:
    return os.environ.get("CARE_DUCKDB_MEMORY", "1GB")


# The conversations and the marts are built once the labelling workers are gone, so DuckDB
# may hold more then. On a 10 M warehouse, `build` with 1.6 GB took 63.8-65.8 s against
# 69.9-70.0 s with the load's 1 GB (alternating), but a whole 10 M run then peaked at
# 1.98 GB during the marts; 1.4 GB keeps them under the labelling's 1.90 GB peak (a
# `build` at 1.62 GB). A limit set in CARE_DUCKDB_MEMORY stands throughout.
DERIVING_MEMORY = "1.4GB"


def deriving_memory() -> str | None:
    """The limit for the steps after the labelling (memory_limited's), or None to keep
    the configured one."""
    return None if "CARE_DUCKDB_MEMORY" in os.environ else DERIVING_MEMORY


@contextmanager
def _writer_lock(db: Path, wait: bool) -> Iterator[None]:
    db.parent.mkdir(parents=True, exist_ok=True)
    with open(_sidecar(db, ".lock"), "a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise WarehouseBusy(f"{db}: another pipeline run is writing this warehouse") from None
            print(f"waiting for another pipeline run to finish writing {db} ...", file=sys.stderr)
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextmanager
def building(db: Path, fresh: bool = False, wait: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to a private copy of the warehouse (a new one if `fresh`);
    on a clean exit the copy replaces the serving file in one rename, on an exception it
    is thrown away and the serving file is as it was."""
    with _writer_lock(db, wait):
        build = _sidecar(db, ".build")
        scratch = _sidecar(db, ".scratch")
        _remove(build, _sidecar(build, ".wal"), scratch, _sidecar(scratch, ".wal"))
        _remove_staging(scratch)
        if db.exists() and not fresh:
            shutil.copyfile(db, build)
        con = duckdb.connect(str(build))
        try:
            configure(con)
            # Staging tables live in a scratch file, so the published file never carries
            # the free space they leave behind.
            con.execute(f"attach '{scratch}' as scratch")
            con.execute(sql.read("schema"))
            migrate(con)
            yield con
            con.execute("detach scratch")
            con.execute("checkpoint")
            con.close()
            with open(build, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(build, db)
            dir_fd = os.open(db.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except BaseException:
            try:
                con.close()
            finally:
                _remove(build, _sidecar(build, ".wal"))
            raise
        finally:
            _remove(scratch, _sidecar(scratch, ".wal"))


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Bring a warehouse written by an earlier version up to today's keys."""
    if scalar(con, sql.read("migrations/needs_canonical_source")):
        con.execute(sql.read("migrations/canonical_source"))


def has_table(con: duckdb.DuckDBPyConnection, name: str, schema: str = "main") -> bool:
    return bool(scalar(con, sql.read("has_table"), {"name": name, "schema": schema}))


def read_only(db: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the serving file (raises if it does not exist)."""
    if not db.exists():
        raise FileNotFoundError(f"{db}: no warehouse yet; run `python -m pipelines demo` or `make run`")
    con = duckdb.connect(str(db), read_only=True)
    con.execute("set TimeZone = 'UTC'")
    return con


def file_identity(db: Path) -> tuple[int, int] | None:
    """Changes whenever a writer publishes: readers compare it to know when to reconnect."""
    try:
        st = db.stat()
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_mtime_ns


def scalar(con: duckdb.DuckDBPyConnection, query: str, params: list | dict | None = None):
    """The single value a query returns. (DuckDB 2 wants every result fetched to the end
    before the connection does other work, so fetchone() is not enough.)"""
    rows = con.execute(query, params or []).fetchall()
    return rows[0][0] if rows else None

"""The dashboard's one read-only connection to the published warehouse.

The connection is cached per file identity and reopened when the pipeline publishes a new
file; each query takes its own cursor, because Streamlit runs each session in a thread and
DuckDB connections are not thread-safe.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import duckdb

from pipelines import warehouse
from pipelines.contract import config
from pipelines.warehouse import WarehouseBusy  # one exception for "being rebuilt", whoever notices


class WarehouseMissing(Exception):
    pass


class WarehouseOutdated(Exception):
    """Built by an earlier version of the pipelines: one `pipelines build` brings it up to date."""


def db_path() -> Path:
    return config.db_path()


def identity() -> tuple:
    found = warehouse.file_identity(db_path())
    if found is None:
        raise WarehouseMissing(str(db_path()))
    return found


_current: dict = {}
_lock = threading.Lock()


def _connection(path: str, ident: tuple) -> duckdb.DuckDBPyConnection:
    """One read-only connection per published file. The old one must be closed before
    the new file is opened: DuckDB hands out its cached instance for a path that is
    still open, which would keep serving the replaced file."""
    with _lock:
        if _current.get("key") != (path, ident):
            old = _current.pop("con", None)
            if old is not None:
                old.close()
            try:
                con = warehouse.read_only(Path(path))
            except (duckdb.Error, FileNotFoundError) as exc:   # gone or locked between stat and open
                raise WarehouseBusy(str(exc)) from None
            # A file published without marts (a load whose build has not run yet) is
            # "being rebuilt": checked once per file, not before every query.
            try:
                con.execute(query_text("probe_marts")).fetchall()
            except duckdb.CatalogException:
                con.close()
                raise WarehouseBusy("the warehouse has no metric marts yet") from None
            try:
                con.execute(query_text("probe_version")).fetchall()
            except duckdb.BinderException:
                con.close()
                raise WarehouseOutdated(path) from None
            _current.update(key=(path, ident), con=con)
        return _current["con"]


def release() -> None:
    """Close the cached connection. DuckDB serves one instance per path within a process,
    so a process that also rebuilds the warehouse (a test) must let go of the old file."""
    with _lock:
        old = _current.pop("con", None)
        _current.clear()
        if old is not None:
            old.close()


@contextmanager
def cursor():
    """A cursor of the published warehouse's connection, closed on leaving."""
    ident = identity()
    try:
        cur = _connection(str(db_path()), ident).cursor()
    except duckdb.Error as exc:
        raise WarehouseBusy(str(exc)) from None
    try:
        yield cur
    finally:
        cur.close()


SQL_DIR = Path(__file__).resolve().parent / "sql"


@lru_cache(maxsize=None)
def query_text(name: str) -> str:
    """The text of dashboard/sql/<name>.sql: every query a page runs lives there."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")

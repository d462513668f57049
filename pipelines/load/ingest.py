"""Loading raw rows into the warehouse: stage, classify, thread (pipelines/threads/), merge.

Rows are streamed batch by batch into a scratch database, so memory stays flat
whatever the file's size; threading and resolution happen there too. Only then does
one transaction write the warehouse's tables: a file that fails half-way leaves the
warehouse as it was. (DuckDB lets a transaction write to one attached database only,
which is why staging runs outside it.)
"""
from __future__ import annotations

import os
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

import duckdb
import pyarrow as pa

from pipelines import sql
from pipelines.contract.operators import Operators
from pipelines.load.digest import FileDigest
from pipelines.normalise import in_engine
from pipelines.normalise.privacy import Pseudonymiser, load_or_create_salt
from pipelines.normalise.rows import STAGED_SCHEMA, Context, Reject, normalise_batch
from pipelines.sources import SourceError, engine_csv, open_reader
from pipelines.threads.place import place_in_threads
from pipelines.warehouse import in_passes, new_staging_dir, scalar, uncompressed_writes
from pipelines.workers import end_with_parent, worker_pool

REJECT_SCHEMA = pa.schema([("line", pa.int64()), ("message_id", pa.string()), ("reason", pa.string()), ("raw", pa.string())])


@dataclass
class LoadResult:
    load_id: str
    source_file: str
    file_format: str
    count_read: int
    count_loaded: int
    count_duplicate: int
    count_rejected: int
    count_unresolved_operator: int
    seconds: float

    def summary(self) -> str:
        return (f"{self.source_file}: {self.count_loaded:,} loaded, {self.count_duplicate:,} duplicate, "
                f"{self.count_rejected:,} rejected, {self.count_unresolved_operator:,} without operator "
                f"({self.file_format}, {self.count_read:,} rows in {self.seconds:.1f} s)")


def new_load_id() -> str:
    return f"{datetime.now(timezone.utc):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"


def known_operators(con: duckdb.DuckDBPyConnection, extra_brands: Iterable[str] = ()) -> Operators:
    """The config's operators plus brand accounts already met in earlier loads."""
    operators = Operators.load()
    earlier = [row[0] for row in con.execute(sql.read("load/unconfigured_operators")).fetchall()]
    return operators.with_brand_accounts([*earlier, *extra_brands])


def pseudonymiser_for(operators: Operators) -> Pseudonymiser:
    return Pseudonymiser(load_or_create_salt(), is_brand_handle=operators.is_brand_handle)


# Normalising (redaction, hashing, parsing) is pure Python and the costliest per-row
# step (three times the reading): big inputs hand it to two worker processes, which
# also write their rows to Parquet files that DuckDB then reads in one parallel insert.
# This process only reads and dispatches (row by row inserts here cost more than the
# reading). Small inputs are not worth a process start.
PARALLEL_MIN_BYTES = 20_000_000
# CSV files DuckDB can read as our reader does are read and normalised in SQL
# (sources/engine_csv.py, normalise/in_engine.py); CARE_NORMALISE=python sends every
# file through the Python reader and normaliser, to compare the two.
ENGINE_READS_CSV = os.environ.get("CARE_NORMALISE", "engine") != "python"
NORMALISE_WORKERS = 2
IN_FLIGHT_BATCHES = 2 * NORMALISE_WORKERS
_worker_ctx: Context | None = None


def _init_worker(ctx: Context, parent_pid: int) -> None:
    global _worker_ctx
    end_with_parent(parent_pid)
    _worker_ctx = ctx


def _normalise_to_parquet(batch: list[dict], path: str) -> list[Reject]:
    import pyarrow.parquet as pq

    table, rejects = normalise_batch(batch, _worker_ctx)
    pq.write_table(table, path)
    return rejects


def _stage_serially(con, batches: Iterable[list[dict]], ctx: Context, progress) -> tuple[int, list[Reject]]:
    """Rows into scratch.incoming; returns (rows read, rejects)."""
    rejects: list[Reject] = []
    count = 0
    for batch in batches:
        count += len(batch)
        table, batch_rejects = normalise_batch(batch, ctx)
        rejects.extend(batch_rejects)
        con.register("staged_batch", table)
        con.execute(sql.read("load/stage_batch"))
        con.unregister("staged_batch")
        if progress is not None:
            progress.update(len(batch))
    return count, rejects


def _stage_in_workers(con, batches: Iterable[list[dict]], ctx: Context, progress) -> tuple[int, list[Reject]]:
    import shutil
    from collections import deque

    rejects: list[Reject] = []
    count = 0
    parts = new_staging_dir(scalar(con, sql.read("load/scratch_path")))
    try:
        with worker_pool(NORMALISE_WORKERS, _init_worker, ctx) as pool:
            pending: deque = deque()
            for number, batch in enumerate(batches):
                count += len(batch)
                path = str(parts / f"{number:06d}.parquet")
                pending.append((len(batch), pool.submit(_normalise_to_parquet, batch, path)))
                while len(pending) >= IN_FLIGHT_BATCHES or (pending and pending[0][1].done()):
                    size, future = pending.popleft()
                    rejects.extend(future.result())
                    if progress is not None:
                        progress.update(size)
            for size, future in pending:
                rejects.extend(future.result())
                if progress is not None:
                    progress.update(size)
        if any(parts.iterdir()):
            con.execute(sql.read("load/stage_parts"), {"parts": str(parts / "*.parquet")})
    finally:
        shutil.rmtree(parts, ignore_errors=True)
    return count, rejects


def load_rows(con: duckdb.DuckDBPyConnection, batches: Iterable[list[dict]], ctx: Context, *,
              source_file: str, file_format: str, file_bytes: int | None = None,
              digest: FileDigest | None = None, progress=None, parallel: bool = False) -> LoadResult:
    """Stage, thread and merge rows; the merge is one transaction."""
    con.execute(_create_incoming_sql())
    stage = _stage_in_workers if parallel else _stage_serially
    source = SourceFile(source_file, file_format, file_bytes, digest or FileDigest())
    return _load_staged(con, ctx, source, lambda: stage(con, _numbered(batches), ctx, progress))


def _load_staged(con: duckdb.DuckDBPyConnection, ctx: Context, source: "SourceFile", stage) -> LoadResult:
    """Run `stage` (it fills scratch.incoming and returns (rows read, rejects)), then
    thread and merge in one transaction."""
    started = time.time()
    load_id = new_load_id()
    try:
        with uncompressed_writes(con):
            count_read, rejects = stage()
            con.execute("set variable load_id = ?", [load_id])
            con.execute("set variable source_file = ?", [source.path])
            con.execute(sql.read("load/01_classify_rows"))
            place_in_threads(con)
        con.execute("begin transaction")
        try:
            result = _merge(con, ctx, source, Staged(load_id, started, count_read, rejects))
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
    finally:
        for table in ("incoming", "repeated", "candidates", "nodes", "pointers", "placed", "chain_rows",
                      "chain_conversations", "session_rows", "completed"):
            con.execute(f"drop table if exists scratch.{table}")
        in_engine.drop_scratch(con)
    return result


def _numbered(batches: Iterable[list[dict]]):
    """Every row gets its ordinal in the load: it decides which copy of a repeated id is
    kept (lines cannot: an X page holds many tweets on one line, generated rows none)."""
    ordinal = 0
    for batch in batches:
        for row in batch:
            ordinal += 1
            row["ordinal"] = ordinal
        yield batch


@dataclass
class SourceFile:
    """What the load log records of the file a load read."""
    path: str
    format: str
    size: int | None
    digest: FileDigest


@dataclass
class Staged:
    """One load's staging outcome, as the merge needs it."""
    load_id: str
    started: float
    count_read: int
    rejects: list[Reject]


def _merge(con, ctx: Context, source: SourceFile, staged: Staged) -> LoadResult:
    load_id, started, rejects = staged.load_id, staged.started, staged.rejects
    in_passes(con, sql.read("load/02_merge_messages"), scalar(con, sql.read("load/max_ordinal")))
    con.execute(sql.read("load/02_merge"))
    count_loaded, count_duplicate, sql_rejected, unresolved = con.execute(sql.read("load/counts")).fetchall()[0]
    if rejects:
        table = pa.Table.from_pylist([r.__dict__ for r in rejects], schema=REJECT_SCHEMA)
        con.register("reader_rejects", table)
        con.execute(sql.read("load/03_reader_rejects"))
        con.unregister("reader_rejects")
    result = LoadResult(load_id, source.path, source.format, staged.count_read, count_loaded, count_duplicate,
                        len(rejects) + sql_rejected, unresolved, time.time() - started)
    con.execute(sql.read("load/04_log"), {
        "format": source.format, "size": source.size, "sha256": source.digest.value(), "started": started,
        "finished": time.time(), "count_read": result.count_read, "count_loaded": result.count_loaded,
        "count_duplicate": result.count_duplicate, "count_rejected": result.count_rejected,
        "count_unresolved_operator": result.count_unresolved_operator})
    refresh_operators(con, ctx.operators)
    return result


def _create_incoming_sql() -> str:
    types = {pa.string(): "varchar", pa.bool_(): "boolean", pa.int64(): "bigint",
             pa.timestamp("us", tz="UTC"): "timestamptz", pa.list_(pa.string()): "varchar[]"}
    columns = ", ".join(f"{f.name} {types[f.type]}" for f in STAGED_SCHEMA)
    return f"create or replace table scratch.incoming ({columns})"


def ingest_file(con: duckdb.DuckDBPyConnection, path: Path, fmt: str = "auto",
                mapping: dict[str, str] | None = None, channel: str | None = None,
                progress_factory=None, operator: str | None = None, source: str | None = None) -> LoadResult:
    """Load one file. Raises SourceError (nothing loaded) when the file as a whole
    cannot be read. `operator` is whose the file is (rows that name none get it);
    `source` names the source for rows that do not (the idempotency key's first half)."""
    operators = known_operators(con)
    if operator is not None and operator not in operators.by_id:
        raise SourceError(path, f"--operator {operator!r} is not an operator id "
                                f"(known: {', '.join(sorted(operators.by_id)[:12])})")
    reader = open_reader(path, fmt, mapping, operators, operator)
    progress = progress_factory(path.name) if progress_factory else None
    try:
        size = path.stat().st_size
        source_file = SourceFile(str(path), reader.format, size, FileDigest(path))
        engine = engine_csv.plan(reader, path) if ENGINE_READS_CSV else None
        in_engine.show_step(progress, "reading with DuckDB" if engine else "reading")
        with uncompressed_writes(con):
            engine_read = (engine is not None and engine_csv.read_raw(con, engine) is not None
                           and in_engine.read_rows(con, engine))
        if engine_read:
            operators = operators.with_brand_accounts(in_engine.brand_accounts(con, engine))
            ctx = _context(reader, operators, source, channel, operator)
            con.execute(_create_incoming_sql())
            return _load_staged(con, ctx, source_file, lambda: in_engine.normalise(
                con, engine, ctx, load_or_create_salt(), progress))
        operators = operators.with_brand_accounts(reader.brand_accounts())
        ctx = _context(reader, operators, source, channel, operator)
        return load_rows(con, reader.batches(), ctx, source_file=str(path), file_format=reader.format,
                         file_bytes=size, digest=source_file.digest, progress=progress,
                         parallel=size >= PARALLEL_MIN_BYTES)
    finally:
        in_engine.drop_scratch(con)
        if progress is not None:
            progress.close()


def _context(reader, operators: Operators, source: str | None, channel: str | None, operator: str | None) -> Context:
    return Context(source=source or reader.source, operators=operators, pseudonymiser=pseudonymiser_for(operators),
                   default_channel=channel or "unknown", default_operator=operator)


def refresh_operators(con: duckdb.DuckDBPyConnection, operators: Operators) -> None:
    """Rewrite the operators table: the config's entries and every brand account seen."""
    seen = [row[0] for row in con.execute(sql.read("load/seen_operators")).fetchall()]
    operators = operators.with_brand_accounts(seen)
    rows = [{"operator_id": op.id, "name": op.name, "color": op.color, "is_configured": op.configured,
             "is_scored": op.scored, "handles": list(op.all_handles)} for op in operators.by_id.values()]
    con.register("operator_rows", pa.Table.from_pylist(rows))
    con.execute(sql.read("load/operators"))
    con.unregister("operator_rows")

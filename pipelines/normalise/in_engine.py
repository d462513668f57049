"""Normalisation in DuckDB: the rows a CSV file's fields (the raw_fields view, from
sources/engine_csv.py) hold, validated, redacted and pseudonymised in SQL into
scratch.incoming, with the same result, row for row, as rows.normalise_batch.

SQL does what it can do exactly: stripping, ids, the two common time layouts, the keyed
hash, @mentions, the language's function words. Python keeps what only it decides, on
the few values that need it, each distinct value once: times in other layouts, texts
that may hold contact or identity data (the field's libraries check the candidates),
keys that are not ASCII (Python's lower() is the reference), and the rejected rows'
redacted copies.
"""
from __future__ import annotations

import hmac
from typing import Callable

import duckdb
import pyarrow as pa

from pipelines import sql
from pipelines.contract.operators import Operators
from pipelines.normalise import language
from pipelines.normalise.privacy import HANDLE
from pipelines.normalise.redact_many import redact_texts
from pipelines.normalise.rows import (FUTURE_SLACK_US, MAX_ID_CHARS, MAX_TEXT_CHARS, MIN_TIME_US, Context, Reject,
                                      clean_id, reject_raw)
from pipelines.normalise.timeparse import parse_timestamp
from pipelines.sources.base import RAW_FIELDS
from pipelines.sources.canonical import FALSE_WORDS, TRUE_WORDS
from pipelines.sources.engine_csv import EngineCsv, drop_raw
from pipelines.sources.twcs import columns as twcs_columns
from pipelines.sources.twcs import twcs_row
from pipelines.warehouse import in_passes, scalar

# What str.strip() removes: the characters str.isspace() accepts (none lies past U+3000).
PY_SPACE = "".join(chr(code) for code in range(0x3001) if chr(code).isspace())
SCRATCH_TABLES = ("parsed_times", "routed", "py_redacted", "mentions", "mention_facts", "redacted", "people",
                  "py_pseudonyms", "pseudonyms", "detected", "op_ids", "op_handles", "lang_words")


def _words(words) -> str:
    return ", ".join("'" + w.replace("'", "''") + "'" for w in sorted(words))


def define_macros(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(sql.read("normalise/macros").format(space="".join(rf"\x{{{ord(ch):x}}}" for ch in PY_SPACE),
                                                    true_words=_words(TRUE_WORDS),
                                                    false_words=_words(FALSE_WORDS),
                                                    unknown_langs=_words(language.UNKNOWN_CODES)))


def read_rows(con: duckdb.DuckDBPyConnection, engine: EngineCsv) -> bool:
    """The view reader_rows over raw_fields, as the file's Python reader would
    yield them; False when the file has rows that reader refuses (they go through it)."""
    define_macros(con)
    if engine.layout == "twcs":
        col = twcs_columns([h.lower() for h in engine.header])
        reply = col.get("in_response_to_tweet_id")
        con.execute(sql.read("normalise/twcs_rows").format(
            in_reply_to=f"care_clean_id(c{reply})" if reply is not None else "null::varchar",
            **{f"c_{name}": f"c{col[name]}" for name in ("tweet_id", "author_id", "inbound", "created_at", "text")}))
        return con.execute(sql.read("normalise/twcs_inbound_unread")).fetchone()[0] == 0
    positions = engine.reader.field_positions(engine.header)
    fields = []
    for name in RAW_FIELDS:
        if name == "is_brand":
            fields.append(f"care_bool(c{positions[name]}) as is_brand" if name in positions else "null::boolean as is_brand")
        elif name in positions:
            fields.append(f"nullif(care_strip(c{positions[name]}), '') as {name}")
        else:
            fields.append(f"null::varchar as {name}")
    con.execute(sql.read("normalise/canonical_rows").format(fields=", ".join(fields)))
    return True


def brand_accounts(con: duckdb.DuckDBPyConnection, engine: EngineCsv) -> set[str]:
    """What the file's reader.brand_accounts() returns, read from reader_rows."""
    if engine.layout == "twcs":
        query = sql.read("normalise/brand_accounts_twcs")
    elif "is_brand" in engine.reader.field_positions(engine.header) and \
            "operator" not in engine.reader.field_positions(engine.header):
        query = sql.read("normalise/brand_accounts_canonical")
    else:
        return set()
    return {row[0] for row in con.execute(query).fetchall()}


def normalise(con: duckdb.DuckDBPyConnection, engine: EngineCsv, ctx: Context,
              salt: bytes, progress=None) -> tuple[int, list[Reject]]:
    """reader_rows into scratch.incoming; returns (rows read, rejects). `progress` (a
    tqdm bar) counts the rows read and names the step under way."""
    _set_key(con, salt)
    _lookups(con, ctx.operators)
    count = scalar(con, sql.read("normalise/count_rows"))
    if progress is not None:
        progress.update(count)
    show_step(progress, "checking ids, times and authors")
    # the times SQL reads are most or all of a file's: checked is built with Python's
    # answers for none, which it lists, and again only if it listed some (the listing
    # before it read every row's time twice: 1 s of a 1 M load)
    limits = {"max_id": MAX_ID_CHARS, "max_text": MAX_TEXT_CHARS, "min_us": MIN_TIME_US,
              "max_us": ctx.now_us + FUTURE_SLACK_US}
    times = [("value", pa.string()), ("us", pa.int64()), ("error", pa.string())]
    _store(con, "parsed_times", _rows_table([], times))
    con.execute(sql.read("normalise/01_checked"), limits)
    if _python_table(con, "parsed_times", sql.read("normalise/times_to_parse"), _parse_times, times):
        con.execute(sql.read("normalise/01_checked"), limits)
    rejects = _rejects(con, engine, ctx)
    # what the file held is in checked now: the raw fields go at once, not after the
    # publish, so that DuckDB never writes them to disk to make room (10 M rows: 2 GB)
    _drop_raw_rows(con)
    show_step(progress, "redacting personal data")
    con.execute(sql.read("normalise/02_routed"))
    _python_table(con, "py_redacted", sql.read("normalise/to_redact"),
                  lambda bodies: redact_texts(ctx.pseudonymiser, bodies),
                  [("body", pa.string()), ("text", pa.string()), ("mentions", pa.list_(pa.string()))])
    con.execute(sql.read("normalise/03_mentions").format(handle=HANDLE))
    con.execute(sql.read("normalise/04_redacted").format(handle=HANDLE))
    con.execute(sql.read("normalise/05_people"))
    _python_table(con, "py_pseudonyms", sql.read("normalise/keys_for_python"),
                  lambda keys: [(key, ctx.pseudonymiser.pseudonym(key)) for key in keys],
                  [("person_key", pa.string()), ("pseudonym", pa.string())])
    con.execute(sql.read("normalise/06_pseudonyms"))
    show_step(progress, "languages and staging")
    con.execute(sql.read("normalise/07_languages"))
    in_passes(con, sql.read("normalise/08_incoming"), count, {
        "source": ctx.source, "default_operator": ctx.default_operator, "default_channel": ctx.default_channel})
    drop_scratch(con)   # the same for checked and the steps' tables: incoming holds every row
    show_step(progress, "threading and merging")
    return count, rejects


def show_step(progress, step: str) -> None:
    if progress is not None:
        progress.set_postfix_str(step)


def drop_scratch(con: duckdb.DuckDBPyConnection) -> None:
    _drop_raw_rows(con)
    con.execute("drop table if exists checked")
    for table in SCRATCH_TABLES:
        con.execute(f"drop table if exists scratch.{table}")


def _drop_raw_rows(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("drop view if exists reader_rows")
    drop_raw(con)


def _set_key(con: duckdb.DuckDBPyConnection, salt: bytes) -> None:
    """The HMAC's padded keys (RFC 2104), for care_pseudonym; the salt itself never
    enters SQL text."""
    key = salt if len(salt) <= 64 else hmac.new(b"", salt, "sha256").digest()
    key = key.ljust(64, b"\0")
    con.execute("set variable care_hmac_inner = ?", [bytes(b ^ 0x36 for b in key)])
    con.execute("set variable care_hmac_outer = ?", [bytes(b ^ 0x5C for b in key)])


def _lookups(con: duckdb.DuckDBPyConnection, operators: Operators) -> None:
    _store(con, "op_ids", pa.table({"op_id": list(operators.by_id)}))
    handles = operators.handle_index()
    _store(con, "op_handles", pa.table({"handle": list(handles), "op_id": list(handles.values())}))
    words = [(w, "it") for w in language.IT_WORDS] + [(w, "en") for w in language.EN_WORDS]
    _store(con, "lang_words", pa.table({"word": [w for w, _ in words], "lang": [lang for _, lang in words]}))


def _store(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> None:
    con.register("care_python_rows", table)
    try:
        con.execute(sql.read("normalise/store_python_rows").format(name=name))
    finally:
        con.unregister("care_python_rows")


def _python_table(con: duckdb.DuckDBPyConnection, name: str, query: str,
                  decide: Callable[[list[str]], list[tuple]], schema: list[tuple[str, pa.DataType]]) -> int:
    """scratch.<name> from Python's answer for each value the query lists; how many it listed."""
    values = [row[0] for row in con.execute(query).fetchall()]
    _store(con, name, _rows_table(decide(values), schema))
    return len(values)


def _rows_table(rows: list[tuple], schema: list[tuple[str, pa.DataType]]) -> pa.Table:
    columns = {field: [row[i] for row in rows] for i, (field, _) in enumerate(schema)}
    return pa.table({f: pa.array(columns[f], type=t) for f, t in schema})


def _parse_times(values: list[str]) -> list[tuple]:
    rows = []
    for value in values:
        try:
            rows.append((value, parse_timestamp(value), None))
        except ValueError as exc:
            rows.append((value, None, str(exc)))
        except OverflowError:
            rows.append((value, None, "created_at is out of range"))
    return rows


def _rejects(con: duckdb.DuckDBPyConnection, engine: EngineCsv, ctx: Context) -> list[Reject]:
    """The rejected rows as normalise_batch reports them: the raw row rebuilt by the
    file's reader, then redacted and pseudonymised by reject_raw."""
    cursor = con.execute(sql.read("normalise/rejected"))
    if engine.layout == "twcs":
        col = twcs_columns([h.lower() for h in engine.header])
        build = lambda fields, line: twcs_row(fields, line, col)  # noqa: E731
    else:
        positions = engine.reader.field_positions(engine.header)
        build = lambda fields, line: engine.reader.row_from_fields(fields, line, positions)  # noqa: E731
    rejects = []
    while chunk := cursor.fetchmany(10_000):
        for ordinal, line, problem, *fields in chunk:
            row = build(list(fields), line)
            row["ordinal"] = ordinal
            message_id = row.get("message_id")
            rejects.append(Reject(line, clean_id(message_id), problem, reject_raw(row, ctx)))
    return rejects

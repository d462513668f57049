"""CSV files that DuckDB reads itself, when it provably reads them as our reader does.

The Python reader (textio.csv_records) keeps every oddity of real exports: a Latin-1
line in a UTF-8 file, NUL bytes, bare carriage returns, an unbalanced quote that costs
one row, a blank line. DuckDB's reader reads a clean file thirty times faster but treats
some of those differently. So it gets a UTF-8 file only when nothing in it would be read
otherwise: NULs and bare CRs are cleaned as the Python reader cleans them (in a copy),
no quote may have spaces between it and its field's edge, DuckDB must read it in strict
mode without an error, and its rows must span exactly the file's lines (a blank line or
a wrong field count fails that). Any other file goes to the Python reader, whole.

The raw fields land in `raw_read` (c0..cN, as the file has them, in file order);
the view `raw_fields` adds each row's first line and ordinal, for normalise/in_engine.
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np

from pipelines import sql
from pipelines.sources.canonical import CanonicalReader
from pipelines.sources.textio import MAX_FIELD_CHARS, sniff_delimiter
from pipelines.sources.twcs import TwcsReader
from pipelines.warehouse import in_insertion_order, new_staging_dir, scalar

SCAN_BYTES = 1 << 24
_QUOTE, _SPACE, _TAB = (ord(ch) for ch in '" \t')
_BARE_CR = re.compile(rb"\r(?!\n)")   # a CR that does not end a line


@dataclass(frozen=True)
class EngineCsv:
    """A CSV file DuckDB may read: its layout, delimiter and header."""
    path: Path
    layout: str            # "canonical" or "twcs"
    delimiter: str
    header: list[str]
    reader: CanonicalReader | TwcsReader
    needs_cleaning: bool   # NUL bytes or bare CRs: DuckDB reads a cleaned copy
    lines: int             # physical lines, the header's included


def plan(reader, path: Path) -> EngineCsv | None:
    """The engine's plan for the file, or None when the Python reader must read it."""
    if isinstance(reader, CanonicalReader) and reader.kind == "csv":
        layout = "canonical"
    elif isinstance(reader, TwcsReader):
        layout = "twcs"
    else:
        return None
    if reader.encoding not in ("utf-8", "utf-8-sig"):
        return None
    with open(path, "rb") as fh:
        first = fh.readline()
    first_line = first.decode("utf-8", errors="replace").lstrip("\ufeff").rstrip("\r\n")
    delimiter = sniff_delimiter(first_line)
    if '"' in first_line or "\r" in first_line or "\x00" in first_line:
        return None
    header = [h.strip() for h in first_line.split(delimiter)]
    if len(set(header)) != len(header):
        return None
    scan = scan_bytes(path, delimiter)
    if scan is None:
        return None
    return EngineCsv(path, layout, delimiter, header, reader, *scan)


def scan_bytes(path: Path, delimiter: str) -> tuple[bool, int] | None:
    """None when the file holds a quote with spaces between it and its field's edge
    (DuckDB drops the spaces; Python keeps them, or refuses the row); else whether it
    holds NUL bytes or bare CRs, which DuckDB must not see (clean_copy), and its lines.

    A quote is judged by the quotes before it: after an even number it opens a field,
    after an odd one it is inside one or closes it (doubled quotes come in pairs)."""
    delim = re.escape(delimiter.encode())
    opening = re.compile(rb"(?:^|" + delim + rb")[ \t]+\"", re.MULTILINE)
    closing = re.compile(rb"\"[ \t]+(?:" + delim + rb"|\r?$)", re.MULTILINE)
    quotes = lines = 0
    needs_cleaning = False
    # The scan reads the whole file before DuckDB does, so its time is the load's: one
    # numpy pass finds the quotes, and only their neighbours are looked at.
    for block in _line_blocks(path):
        lines += block.count(b"\n") + (0 if block.endswith(b"\n") else 1)
        if not needs_cleaning and (b"\x00" in block or (b"\r" in block and _BARE_CR.search(block))):
            needs_cleaning = True
        codes = np.frombuffer(block, dtype=np.uint8)
        quote_at = np.flatnonzero(codes == _QUOTE)
        neighbours = np.concatenate([codes[quote_at[quote_at > 0] - 1], codes[quote_at[quote_at < len(codes) - 1] + 1]])
        if np.any((neighbours == _SPACE) | (neighbours == _TAB)):
            # (position of the quote, whether it must close a field), in file order; the
            # quotes before each are counted once, from the one before
            found = sorted([(m.end() - 1, False) for m in opening.finditer(block)]
                           + [(m.start(), True) for m in closing.finditer(block)])
            seen, counted = quotes, 0
            for position, closes in found:
                seen += block.count(b'"', counted, position)
                counted = position
                if seen % 2 == (1 if closes else 0):
                    return None
        quotes += len(quote_at)
    return needs_cleaning, lines


def _line_blocks(path: Path):
    """The file in blocks of whole lines (the last may lack its newline): SCAN_BYTES, then
    the rest of the line they end in. (Cutting each block at its last newline and carrying
    the tail copied every block twice: 1.4 s against 0.6 s over a 2 GB file.)"""
    with open(path, "rb") as fh:
        while block := fh.read(SCAN_BYTES):
            if not block.endswith(b"\n"):
                block += fh.readline()
            yield block


def clean_copy(path: Path, folder: Path) -> Path:
    """A copy of the file as textio.text_lines reads it: NULs dropped, a CR not ending a
    line a space (a CR LF keeps its CR: DuckDB reads it as the line's end, Python drops it)."""
    copy = folder / "cleaned.csv"
    with open(copy, "wb") as out:
        for block in _line_blocks(path):
            out.write(_BARE_CR.sub(b" ", block.replace(b"\x00", b"")))
    return copy


def read_raw(con: duckdb.DuckDBPyConnection, engine: EngineCsv) -> int | None:
    """Rows read (into raw_read, seen through the raw_fields view), or None when DuckDB refuses the file or reads
    it differently (nothing is left behind then)."""
    width = len(engine.header)
    columns = {f"c{i}": "VARCHAR" for i in range(width)}
    cleaned = [f"replace(coalesce(c{i}, ''), chr(13) || chr(10), chr(10))" for i in range(width)]
    fields = ", ".join(f"{value} as c{i}" for i, value in enumerate(cleaned))
    # a field's bytes bound its characters, and almost none comes near the limit: only
    # those are cleaned and counted (length() of every field was 4.5 s of a 10 M load)
    too_long = " or ".join(f"case when strlen(c{i}) > {MAX_FIELD_CHARS} then length({value}) > {MAX_FIELD_CHARS} "
                           "else false end" for i, value in enumerate(cleaned))
    folder = new_staging_dir(scalar(con, sql.read("load/scratch_path"))) if engine.needs_cleaning else None
    # rowid must be the file's row order while the file is read
    try:
        with in_insertion_order(con):
            path = clean_copy(engine.path, folder) if folder else engine.path
            con.execute(sql.read("load/engine_raw_read"), {"path": str(path), "columns": columns,
                                                           "delim": engine.delimiter})
            rows, any_too_long = con.execute(sql.read("load/engine_raw_count").format(too_long=too_long)).fetchone()
            if rows + 1 == engine.lines:   # no row spans two lines
                con.execute(sql.read("load/engine_raw_one_line").format(fields=fields))
                lines_in_rows = rows
            else:
                con.execute(sql.read("load/engine_raw_fields").format(
                    fields=fields,
                    breaks=" + ".join(f"coalesce(strlen(c{i}) - strlen(replace(c{i}, chr(10), '')), 0)"
                                      for i in range(width))))
                lines_in_rows = scalar(con, sql.read("load/engine_raw_check"))
    except duckdb.Error:
        drop_raw(con)
        return None
    finally:
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
    if any_too_long or rows == 0 or lines_in_rows + 1 != engine.lines:
        drop_raw(con)
        return None
    return rows


def drop_raw(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("drop view if exists raw_fields")
    con.execute("drop table if exists raw_lines")
    con.execute("drop table if exists raw_read")

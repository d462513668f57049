"""The canonical layout (DESIGN.md) as CSV, JSON Lines or Parquet, with a column
mapping for exports whose columns are named differently."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from pipelines.contract.config import BATCH_ROWS
from pipelines.sources.base import RAW_FIELDS, SourceError, person_positions
from pipelines.sources.textio import csv_records, decode_line, json_lines

REQUIRED = ("message_id", "created_at", "text", "author_id")
# Names that common exports use for canonical fields; an explicit --map wins.
ALIASES = {
    "message_id": ("id", "msg_id", "post_id", "tweet_id"),
    "created_at": ("timestamp", "date", "datetime", "time", "sent_at", "posted_at"),
    "text": ("body", "message", "content", "testo"),
    "author_id": ("author", "user_id", "from", "sender", "user"),
    "in_reply_to": ("reply_to", "parent_id", "in_reply_to_id"),
    "conversation_id": ("thread_id", "conversation"),
    "is_brand": ("from_brand", "brand"),
    "operator": ("brand_handle", "operatore"),
}
TRUE_WORDS = {"true", "1", "yes", "y", "t", "si", "sì", "vero"}
FALSE_WORDS = {"false", "0", "no", "n", "f", "falso"}


def parse_bool(value) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def resolve_columns(columns: list[str], mapping: dict[str, str] | None) -> dict[str, str]:
    """canonical field -> source column, from the explicit mapping, exact names, then aliases."""
    present = {c.strip(): c for c in columns}
    lower = {c.strip().lower(): c for c in columns}
    resolved: dict[str, str] = {}
    for canonical, column in (mapping or {}).items():
        if column in present:
            resolved[canonical] = present[column]
    for canonical in RAW_FIELDS:
        if canonical in resolved:
            continue
        for candidate in (canonical, *ALIASES.get(canonical, ())):
            if candidate.lower() in lower:
                resolved[canonical] = lower[candidate.lower()]
                break
    return resolved


def missing_required(resolved: dict[str, str]) -> list[str]:
    return [f for f in REQUIRED if f not in resolved and not (f == "author_id" and "author_handle" in resolved)]


class CanonicalReader:
    format = "canonical"

    def __init__(self, path: Path, kind: str, mapping: dict[str, str] | None = None,
                 encoding: str = "utf-8", source: str | None = None):
        self.path, self.kind, self.mapping, self.encoding = path, kind, mapping or {}, encoding
        # one source whatever the file's format: the same export saved as CSV and as JSON
        # Lines is the same messages (rows with a `source` column keep theirs)
        self.source = source or "canonical"
        self._columns: dict[str, str] | None = None

    def field_positions(self, header: list[str]) -> dict[str, int]:
        """Canonical field -> position in a CSV header; SourceError when the header lacks one."""
        columns = self._check(header)
        return {field: header.index(col) for field, col in columns.items()}

    def row_from_fields(self, fields: list[str], line: int, positions: dict[str, int]) -> dict:
        """One good CSV line's raw row."""
        return self._row(lambda i: fields[i], line, positions)

    def _check(self, columns: list[str]) -> dict[str, str]:
        resolved = resolve_columns(columns, self.mapping)
        bad_map = [f"{k}={v}" for k, v in self.mapping.items() if v not in columns]
        if bad_map:
            raise SourceError(self.path, f"--map names columns the file does not have: {', '.join(bad_map)} (columns: {', '.join(columns[:20])})")
        missing = missing_required(resolved)
        if missing:
            raise SourceError(self.path, f"not the canonical layout: no column for {', '.join(missing)} (columns: {', '.join(columns[:20])}); use --map FIELD=COLUMN")
        return resolved

    def brand_accounts(self) -> set[str]:
        """Authors flagged is_brand whose operator the rows do not name: only then must
        the whole file be read first, to keep their handles readable in every text."""
        if self.kind == "parquet":
            columns = resolve_columns(self._open_parquet().schema_arrow.names, self.mapping)
        else:
            columns = resolve_columns(self._header(), self.mapping)
        if "is_brand" not in columns or "operator" in columns:
            return set()
        brands: set[str] = set()
        for batch in self.batches():
            for row in batch:
                if row.get("is_brand") is True and row.get("operator") is None:
                    handle = row.get("author_handle") or row.get("author_id")
                    if handle:
                        brands.add(str(handle).lstrip("@"))
        return brands

    def _header(self) -> list[str]:
        if self.kind == "csv":
            return csv_records(self.path, self.encoding)[0]
        with open(self.path, "rb") as fh:
            for raw in fh:
                text = decode_line(raw, self.encoding).lstrip("\ufeff").strip()
                if text:
                    try:
                        obj = json.loads(text)
                    except (json.JSONDecodeError, RecursionError):
                        return []
                    return list(obj) if isinstance(obj, dict) else []
        return []

    def batches(self) -> Iterator[list[dict]]:
        if self.kind == "csv":
            yield from self._csv_batches()
        elif self.kind == "jsonl":
            yield from self._jsonl_batches()
        else:
            yield from self._parquet_batches()

    def _row(self, get, line: int, columns: dict[str, str]) -> dict:
        row = {field: get(column) for field, column in columns.items()}
        for field, value in row.items():
            if isinstance(value, str):
                value = value.strip()
                row[field] = value or None
        row["is_brand"] = parse_bool(row.get("is_brand"))
        row["line"] = line
        return row

    def _csv_batches(self) -> Iterator[list[dict]]:
        header, records = csv_records(self.path, self.encoding)
        index = self.field_positions(header)
        width = len(header)
        batch: list[dict] = []
        for line, fields, error in records:
            if error is None and len(fields) != width:
                error = f"expected {width} fields, found {len(fields)}"
            if error:
                batch.append({"line": line, "error": error, "fields": fields or [],
                              "person_at": person_positions(index)})
            else:
                batch.append(self.row_from_fields(fields, line, index))
            if len(batch) >= BATCH_ROWS:
                yield batch
                batch = []
        if batch:
            yield batch

    def _jsonl_batches(self) -> Iterator[list[dict]]:
        batch: list[dict] = []
        columns: dict[str, str] | None = None
        for line_no, obj, error, text in json_lines(self.path, self.encoding):
            if error is None and not isinstance(obj, dict):
                error = "line is not a JSON object"
            if error:
                batch.append({"line": line_no, "error": error, "raw": text[:300]})
                continue
            if columns is None:
                columns = self._check(list(obj))
            batch.append(self._row(lambda c: _scalar(obj.get(c)), line_no, columns))
            if len(batch) >= BATCH_ROWS:
                yield batch
                batch = []
        if columns is None and not batch:
            raise SourceError(self.path, "empty file")
        if batch:
            yield batch

    def _open_parquet(self):
        import pyarrow.parquet as pq
        try:
            return pq.ParquetFile(self.path)
        except Exception as exc:  # pyarrow raises several types for broken files
            raise SourceError(self.path, f"not a readable Parquet file ({str(exc).splitlines()[0]})") from None

    def _parquet_batches(self) -> Iterator[list[dict]]:
        parquet = self._open_parquet()
        columns = self._check(parquet.schema_arrow.names)
        row_no = 0
        try:
            for record_batch in parquet.iter_batches(batch_size=BATCH_ROWS, columns=sorted(set(columns.values()))):
                records = record_batch.to_pylist()
                batch = []
                for record in records:
                    row_no += 1
                    batch.append(self._row(lambda c: _scalar(record.get(c)), row_no, columns))
                yield batch
        except OSError as exc:
            raise SourceError(self.path, f"Parquet data is damaged after row {row_no} ({str(exc).splitlines()[0]})") from None


def _scalar(value):
    """JSON/Parquet values as the normaliser expects them: strings, bools, datetimes or None."""
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)[:1000]
    return value

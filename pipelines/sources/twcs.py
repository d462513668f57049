"""The public "Customer Support on Twitter" (TWCS) CSV layout.

tweet_id, author_id, inbound, created_at, text, response_tweet_id, in_response_to_tweet_id

Real copies differ from the original: pandas adds an unnamed index column and writes
reply ids as floats (3.0); spreadsheets write TRUE/FALSE and regroup the comma lists of
response_tweet_id as if they were numbers ("155,157" -> "1,55,157"). Threads are built
from in_response_to_tweet_id alone, so those mangled lists never invent ids.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from pipelines.contract.config import BATCH_ROWS
from pipelines.sources.base import SourceError, person_positions
from pipelines.sources.canonical import parse_bool
from pipelines.sources.textio import csv_records

COLUMNS = ("tweet_id", "author_id", "inbound", "created_at", "text")


def matches(header: list[str]) -> bool:
    return set(COLUMNS) <= {h.strip().lower() for h in header}


def tweet_id(value: str | None) -> str | None:
    """'3.0' -> '3'; '' -> None. Ids are kept as text: they are keys, not numbers."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if value.endswith(".0") and value[:-2].isdigit():
        return value[:-2]
    return value


def columns(header: list[str]) -> dict[str, int]:
    """Column name (lower case) -> position."""
    return {name: header.index(name) for name in header if name}


def twcs_row(fields: list[str], line: int, col: dict[str, int]) -> dict:
    """One good line's raw row (its inbound already known to be true or false)."""
    reply = col.get("in_response_to_tweet_id")
    return {
        "line": line,
        "message_id": tweet_id(fields[col["tweet_id"]]),
        "in_reply_to": tweet_id(fields[reply]) if reply is not None else None,
        "author_id": fields[col["author_id"]].strip() or None,
        "is_brand": not parse_bool(fields[col["inbound"]]),
        "created_at": fields[col["created_at"]].strip() or None,
        "text": fields[col["text"]],
        "channel": "twitter",
    }


class TwcsReader:
    format = "twcs"
    source = "twcs"

    def __init__(self, path: Path, encoding: str = "utf-8"):
        self.path, self.encoding = path, encoding

    def _records(self):
        header, records = csv_records(self.path, self.encoding)
        lower = [h.strip().lower() for h in header]
        if not matches(lower):
            missing = [c for c in COLUMNS if c not in lower]
            raise SourceError(self.path, f"not the TWCS layout: missing column(s) {', '.join(missing)}")
        return lower, records

    def brand_accounts(self) -> set[str]:
        header, records = self._records()
        author, inbound = header.index("author_id"), header.index("inbound")
        width = len(header)
        return {fields[author].strip() for _, fields, error in records
                if error is None and len(fields) == width and parse_bool(fields[inbound]) is False
                and fields[author].strip()}

    def batches(self) -> Iterator[list[dict]]:
        header, records = self._records()
        col = columns(header)
        width = len(header)
        batch: list[dict] = []
        for line, fields, error in records:
            if error is None and len(fields) != width:
                error = f"expected {width} fields, found {len(fields)}"
            if error is None and parse_bool(fields[col["inbound"]]) is None:
                error = "inbound is not True or False"
            if error:
                batch.append({"line": line, "error": error, "fields": fields or [],
                              "person_at": person_positions({"author_id": col["author_id"]})})
            else:
                batch.append(twcs_row(fields, line, col))
            if len(batch) >= BATCH_ROWS:
                yield batch
                batch = []
        if batch:
            yield batch

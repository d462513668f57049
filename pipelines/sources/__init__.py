"""Readers: each turns a file into raw rows of the canonical record, in batches.

`open_reader(path, "auto")` sniffs the layout from the file's first bytes; a file that
matches no layout raises SourceError with a one-line message.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

from pipelines.contract.operators import Operators
from pipelines.sources import facebook, instagram, twcs, x_v2
from pipelines.sources.base import Reader, SourceError
from pipelines.sources.canonical import CanonicalReader, missing_required, resolve_columns
from pipelines.sources.facebook import FacebookReader
from pipelines.sources.instagram import InstagramReader
from pipelines.sources.textio import looks_binary, read_head, sniff_delimiter, sniff_encoding
from pipelines.sources.twcs import TwcsReader
from pipelines.sources.x_v2 import XV2Reader

FORMATS = ("auto", "canonical", "twcs", "x_v2", "facebook_graph", "instagram_graph")
GRAPH_FORMATS = {"facebook_graph": FacebookReader, "instagram_graph": InstagramReader}

__all__ = ["FORMATS", "Reader", "SourceError", "open_reader"]


def open_reader(path: str | Path, fmt: str = "auto", mapping: dict[str, str] | None = None,
                operators: Operators | None = None, operator: str | None = None) -> Reader:
    """The reader for a file. `operators` lets the Facebook and Instagram readers
    recognise a page or account; `operator` (an operator id) says whose the file is."""
    path = Path(path)
    if fmt not in FORMATS:
        raise SourceError(path, f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    head = read_head(path)
    if not head.strip():
        raise SourceError(path, "empty file")
    if head.startswith(b"PAR1") or path.suffix.lower() == ".parquet":
        if not head.startswith(b"PAR1"):
            raise SourceError(path, "named .parquet but is not a Parquet file")
        if fmt not in ("auto", "canonical"):
            raise SourceError(path, f"is Parquet; only the canonical layout is read from Parquet, not {fmt}")
        return CanonicalReader(path, "parquet", mapping)
    encoding = sniff_encoding(path, head)  # first: a UTF-16 file looks binary but deserves its own message
    if looks_binary(head):
        raise SourceError(path, "binary data: not a CSV, JSON or Parquet file")
    text = head.decode("utf-8" if encoding == "utf-8-sig" else encoding, errors="replace").lstrip("\ufeff \t\r\n")
    if text.startswith(("{", "[")):
        return _json_reader(path, fmt, mapping, encoding, text, operators, operator)
    return _csv_reader(path, fmt, mapping, encoding, text)


def _graph_layout(first, text: str, document: bool) -> str | None:
    """facebook_graph or instagram_graph when the JSON looks like one, else None. A
    pretty-printed document is judged by the field names in its first bytes."""
    if document:
        if '"created_time"' in text:
            return "facebook_graph"
        if '"timestamp"' in text and ('"username"' in text or '"replies"' in text):
            return "instagram_graph"
        return None
    page = first[0] if isinstance(first, list) and first else first
    if facebook.is_feed_page(page) or facebook.is_post(page):
        return "facebook_graph"
    if instagram.is_comments_page(page) or instagram.is_comment(page):
        return "instagram_graph"
    return None


def _json_reader(path, fmt, mapping, encoding, text, operators=None, operator=None) -> Reader:
    first_line = text.split("\n", 1)[0].strip()
    try:
        first = json.loads(first_line)
        document = False
    except (ValueError, RecursionError):   # ValueError: also an integer past Python's 4,300 digits
        first, document = None, True  # pretty-printed single document
    if fmt == "twcs":
        raise SourceError(path, "is JSON; the TWCS layout is CSV")
    graph = _graph_layout(first, text, document)
    if fmt in GRAPH_FORMATS or (fmt == "auto" and graph):
        if fmt != "auto" and graph != fmt:
            raise SourceError(path, f"not {fmt} data: no {'posts with created_time' if fmt == 'facebook_graph' else 'comments with timestamp'} in data[]")
        document = document or isinstance(first, list)
        return GRAPH_FORMATS[graph](path, encoding, document=document, operators=operators, operator=operator)
    if document:
        if fmt == "canonical":
            raise SourceError(path, "canonical JSON must be JSON Lines (one object per line)")
        if '"data"' not in text:
            raise SourceError(path, "unrecognised JSON: expected X API v2 results (data[]) or canonical JSON Lines")
        return XV2Reader(path, encoding, document=True)
    if isinstance(first, dict) and fmt in ("auto", "x_v2") and (x_v2.is_page(first) or x_v2.is_tweet(first)):
        return XV2Reader(path, encoding)
    if isinstance(first, list) and fmt in ("auto", "x_v2") and first and x_v2.is_page(first[0]):
        return XV2Reader(path, encoding, document=True)
    if fmt == "x_v2":
        raise SourceError(path, "not X API v2 results: the first line has no data[] of tweets")
    if not isinstance(first, dict):
        raise SourceError(path, "unrecognised JSON: the first line is not an object")
    missing = missing_required(resolve_columns(list(first), mapping))
    if missing:
        raise SourceError(path, f"unrecognised JSON layout: no field for {', '.join(missing)} (keys: {', '.join(list(first)[:20])})")
    return CanonicalReader(path, "jsonl", mapping, encoding)


def _csv_reader(path, fmt, mapping, encoding, text) -> Reader:
    header_line = text.split("\n", 1)[0]
    try:
        header = [h.strip() for h in next(csv.reader([header_line], delimiter=sniff_delimiter(header_line)))]
    except (csv.Error, StopIteration):
        raise SourceError(path, "unreadable header line") from None
    if fmt in ("x_v2", *GRAPH_FORMATS):
        raise SourceError(path, f"is not JSON; {fmt} data is JSON")
    if fmt == "twcs" or (fmt == "auto" and twcs.matches(header)):
        return TwcsReader(path, encoding)
    missing = missing_required(resolve_columns(header, mapping))
    if missing and fmt == "auto":
        shown = ", ".join(h[:30] for h in header[:12]) or "(none)"
        raise SourceError(path, f"unrecognised layout: header columns [{shown}] match neither the canonical layout "
                                f"(needs {', '.join(missing)}) nor TWCS; use --format and --map")
    return CanonicalReader(path, "csv", mapping, encoding)

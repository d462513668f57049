"""Reading text files as they really arrive: UTF-8 with or without BOM, Windows
Latin-1 from spreadsheets, a few lines of one inside the other, NUL bytes, and bare
carriage returns inside fields (the real TWCS export has one; a reader that treats it
as a line break cuts the row in two)."""
from __future__ import annotations

import csv
import os
import stat
from pathlib import Path
from typing import Iterator

from pipelines.sources.base import SourceError

SNIFF_BYTES = 64 * 1024
MAX_FIELD_CHARS = 1_000_000
csv.field_size_limit(MAX_FIELD_CHARS)


def sniff_encoding(path: Path, head: bytes) -> str:
    """UTF-8 (with or without its BOM). The encoding is decided again for every line
    (`decode_line`): one Windows Latin-1 line in a UTF-8 export must not make the whole
    file be read as Latin-1, and a Latin-1 file reads right line by line too."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(path, "UTF-16 text is not supported: save the file as UTF-8")
    return "utf-8"


def looks_binary(head: bytes) -> bool:
    if not head:
        return False
    controls = sum(1 for b in head if b < 9 or 13 < b < 32) + head.count(0)
    return controls / len(head) > 0.05


def read_head(path: Path) -> bytes:
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise SourceError(path, "file not found") from None
    except OSError as exc:
        raise SourceError(path, f"cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(mode):
        raise SourceError(path, "is a directory, not a file")
    if not stat.S_ISREG(mode):   # a FIFO would block the load forever, a device never ends
        raise SourceError(path, "is not a regular file (a pipe, socket or device): save it to a file first")
    try:
        with open(path, "rb") as fh:
            return fh.read(SNIFF_BYTES)
    except FileNotFoundError:
        raise SourceError(path, "file not found") from None
    except PermissionError:
        raise SourceError(path, "permission denied") from None
    except OSError as exc:
        raise SourceError(path, f"cannot be read ({exc.strerror or exc})") from None


def decode_line(raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        # Mixed files happen: a UTF-8 export with rows pasted from a Windows tool.
        return raw.decode("cp1252", errors="replace")


def text_lines(path: Path, encoding: str) -> Iterator[str]:
    """The file's lines, split on LF only. NULs are dropped, a bare CR becomes a space,
    and a line that is not valid in the file's encoding is read as Windows Latin-1."""
    if encoding == "utf-8-sig":
        encoding, skip_bom = "utf-8", True
    else:
        skip_bom = False
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if skip_bom and number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            line = decode_line(raw, encoding)
            if "\x00" in line:
                line = line.replace("\x00", "")
            if "\r" in line:
                body = line[:-2] if line.endswith("\r\n") else line
                body = body.replace("\r", " ")
                line = body + ("\n" if line.endswith("\n") else "")
            yield line


def sniff_delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


class _Lines:
    """An iterator of lines that remembers the lines of the record being read and can
    take lines back, so that a record a stray quote ran on can be read again."""

    def __init__(self, lines: Iterator[str]):
        self._lines = lines
        self._back: list[tuple[int, str]] = []
        self.taken: list[tuple[int, str]] = []
        self.number = 1   # the header's

    def __iter__(self):
        return self

    def __next__(self) -> str:
        if self._back:
            number, line = self._back.pop()
        else:
            line = next(self._lines)
            self.number += 1
            number = self.number
        self.taken.append((number, line))
        return line

    def give_back(self, lines: list[tuple[int, str]]) -> None:
        self._back.extend(reversed(lines))


def csv_records(path: Path, encoding: str) -> tuple[list[str], Iterator[tuple[int, list[str] | None, str | None]]]:
    """Header and an iterator of (first line number, fields or None, error or None).

    A quote that opens a field and never closes on its line makes a CSV reader run on
    into the next lines. When such a record is not a whole row (its field count is wrong,
    or the quote never closes), its first line is one bad row and the lines after it are
    read again: an unbalanced quote costs one row, and the line numbers stay true."""
    raw_lines = text_lines(path, encoding)
    first = next(raw_lines, None)
    if first is None or not first.strip():
        raise SourceError(path, "empty file")
    delimiter = sniff_delimiter(first)
    header = next(csv.reader([first], delimiter=delimiter))
    header = [h.strip() for h in header]
    width = len(header)

    def records():
        lines = _Lines(raw_lines)
        reader = csv.reader(lines, delimiter=delimiter, strict=True)
        while True:
            lines.taken = []
            try:
                fields, error = next(reader), None
            except StopIteration:
                return
            except csv.Error as exc:
                fields, error = None, str(exc)
            taken = lines.taken
            if not taken:
                return
            start = taken[0][0]
            if len(taken) > 1 and (error or len(fields) != width):
                lines.give_back(taken[1:])
                reader = csv.reader(lines, delimiter=delimiter, strict=True)
                # the line split plainly, so that the reject keeps it (and its author can be found)
                plain = taken[0][1].rstrip("\r\n").split(delimiter)
                yield start, plain, "unbalanced quote: a quoted field does not close on its line"
                continue
            if error and "unexpected end of data" in error:
                raise SourceError(path, f"file is truncated: a quoted field opened at line {start} never closes")
            if error:
                yield start, None, f"malformed CSV row ({error})"
                continue
            if not fields or (len(fields) == 1 and not fields[0].strip()):
                continue  # blank line
            yield start, fields, None

    return header, records()


def json_document(path: Path, encoding: str):
    """A whole file as one JSON value (a pretty-printed API response); any problem is a
    SourceError naming it."""
    import json

    try:
        with open(path, "rb") as fh:
            return json.loads(decode_line(fh.read(), encoding).lstrip("\ufeff"))
    except RecursionError:
        raise SourceError(path, "JSON nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise SourceError(path, f"invalid or truncated JSON at line {exc.lineno} ({exc.msg})") from None
    except ValueError:   # Python refuses integers of more than 4,300 digits
        raise SourceError(path, "a number in the JSON is too long to read") from None


def json_lines(path: Path, encoding: str) -> Iterator[tuple[int, object, str | None, str]]:
    """(line number, parsed value or None, error or None, the line's text) for each
    non-blank line. A last line cut short (no newline, invalid JSON) means the file was
    truncated: that is a SourceError, not a bad row."""
    import json

    with open(path, "rb") as fh:
        for line_no, raw in enumerate(fh, start=1):
            text = decode_line(raw, encoding).lstrip("\ufeff").strip()
            if not text:
                continue
            try:
                yield line_no, json.loads(text), None, text
            except RecursionError:
                yield line_no, None, "JSON nested too deeply", text
            except json.JSONDecodeError as exc:
                if not raw.endswith(b"\n") and fh.read(1) == b"":
                    raise SourceError(path, f"file is truncated: line {line_no} is cut short ({exc.msg})") from None
                yield line_no, None, f"invalid JSON ({exc.msg})", text
            except ValueError:   # Python refuses integers of more than 4,300 digits
                yield line_no, None, "a number in the line is too long to read", text

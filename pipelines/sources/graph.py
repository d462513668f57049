"""What the Facebook and Instagram readers share: Graph API responses as they are saved
(one JSON document, a list of pages, or JSON Lines with one page per line), the
`{"data": [...], "paging": {...}}` page shape, and the edges nested in an object
(`comments`, `replies`), which Graph returns as pages of their own."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Iterator

from pipelines.sources.base import SourceError
from pipelines.sources.textio import json_document, json_lines


def is_page_of(obj, is_item: Callable[[dict], bool]) -> bool:
    """A Graph page whose first item (if any) is one of the reader's objects."""
    return isinstance(obj, dict) and isinstance(obj.get("data"), list) and (
        not obj["data"] or is_item(obj["data"][0]))


class GraphFile:
    """A saved Graph response, read page by page as often as a reader needs (a first
    pass finds the page or the account, the second yields the rows). A whole document
    is parsed once and kept; JSON Lines are streamed again, so memory stays flat."""

    def __init__(self, path: Path, encoding: str, document: bool, is_item: Callable[[dict], bool], layout: str):
        self.path, self.encoding, self.document = path, encoding, document
        self.is_item, self.layout = is_item, layout
        self._value = None

    def pages(self) -> Iterator[tuple[int, dict | None, dict | None]]:
        """(position, page, None) for each page, or (position, None, reject row) for a
        line that is not one. The position is the line in JSON Lines, the page's number
        in a document."""
        if self.document:
            if self._value is None:
                self._value = json_document(self.path, self.encoding)
            found = self._value if isinstance(self._value, list) else [self._value]
            for number, page in enumerate(found, start=1):
                if not is_page_of(page, self.is_item):
                    raise SourceError(self.path, f"not {self.layout}: no data[] of its objects")
                yield number, page, None
            return
        for line_no, obj, error, text in json_lines(self.path, self.encoding):
            if error:
                yield line_no, None, {"line": line_no, "error": error, "raw": text[:300]}
            elif is_page_of(obj, self.is_item):
                yield line_no, obj, None
            elif isinstance(obj, dict) and self.is_item(obj):
                yield line_no, {"data": [obj]}, None
            else:
                yield line_no, None, {"line": line_no, "error": f"line is not a {self.layout} page",
                                      "raw": text[:300]}


def edge(obj: dict, name: str) -> list:
    """The items of a nested edge (`comments`, `replies`): Graph gives {"data": [...]},
    some exports a bare list."""
    value = obj.get(name)
    if isinstance(value, dict):
        value = value.get("data")
    return value if isinstance(value, list) else []


def id_of(value) -> str | None:
    """A Graph id as text (ids are strings, some exports write numbers); None when blank."""
    return str(value) if value is not None and str(value).strip() else None


def text_of(value) -> str | None:
    return value if isinstance(value, str) else None


def without_names(text: str | None, names: dict[str, str]) -> str | None:
    """The text with each participant's full name (as Graph gives it in `from.name`)
    replaced by an @mention of their id, which redaction turns into their pseudonym: a
    page's reply that greets the customer by name keeps no name."""
    if not text or not names:
        return text
    for name, key in sorted(names.items(), key=lambda item: -len(item[0])):
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", "@" + key, text, flags=re.IGNORECASE)
    return text

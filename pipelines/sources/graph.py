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


def pages(path: Path, encoding: str, document: bool, is_item: Callable[[dict], bool],
          layout: str) -> Iterator[tuple[int, dict | None, dict | None]]:
    """(position, page, None) for each page, or (position, None, reject row) for a line
    that is not one. The position is the line in JSON Lines, the page's number in a
    document."""
    if document:
        value = json_document(path, encoding)
        found = value if isinstance(value, list) else [value]
        for number, page in enumerate(found, start=1):
            if not is_page_of(page, is_item):
                raise SourceError(path, f"not {layout}: no data[] of its objects")
            yield number, page, None
        return
    for line_no, obj, error, text in json_lines(path, encoding):
        if error:
            yield line_no, None, {"line": line_no, "error": error, "raw": text[:300]}
        elif is_page_of(obj, is_item):
            yield line_no, obj, None
        elif isinstance(obj, dict) and is_item(obj):
            yield line_no, {"data": [obj]}, None
        else:
            yield line_no, None, {"line": line_no, "error": f"line is not a {layout} page", "raw": text[:300]}


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

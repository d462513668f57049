"""What every reader shares: the raw row it yields and the error it raises."""
from __future__ import annotations

from typing import Iterable, Iterator, Protocol

from pipelines.contract.config import BATCH_ROWS

# Keys a reader may fill in a raw row; anything missing is None. `line` is the row's
# first line in the file (1-based), `error` marks a row the reader itself could not parse.
RAW_FIELDS = ("message_id", "source", "conversation_id", "in_reply_to", "operator", "channel",
              "author_id", "author_handle", "is_brand", "created_at", "text", "lang",
              "customer_id")
# A row the reader could not parse carries `raw` (its text) or, when the reader could
# split it, `fields` and `person_at` (the positions of the fields that name a person), so
# that the rejects table can keep the line with those fields pseudonymised.
PERSON_FIELDS = ("author_id", "author_handle", "customer_id", "reply_to_handle")


def person_positions(index: dict[str, int]) -> list[int]:
    """The positions of the person fields of a layout (field name -> position)."""
    return sorted(i for name, i in index.items() if name in PERSON_FIELDS)


def batched(rows: Iterable[dict]) -> Iterator[list[dict]]:
    """Rows in lists of at most config.BATCH_ROWS, as loaders take them."""
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH_ROWS:
            yield batch
            batch = []
    if batch:
        yield batch


class SourceError(Exception):
    """A whole file cannot be read. str() is one line naming the file and the problem."""

    def __init__(self, path, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class Reader(Protocol):
    source: str        # value of messages.source, e.g. "twcs"
    format: str        # layout name, e.g. "twcs"

    def brand_accounts(self) -> set[str]:
        """Brand handles the file itself declares (e.g. TWCS inbound=False authors)."""
        ...

    def batches(self) -> Iterator[list[dict]]:
        """Raw rows in batches of at most config.BATCH_ROWS."""
        ...

"""Reading one conversation's messages without scanning them all.

The build keeps, for every conversation in conversation_facts, the rowids of its messages
(`message_rows`) and of their labels in thread_labels (`label_rows`). A thread query that
takes $conversation_id, $rows and $label_rows then reads those rows alone: on 10 M
messages, about 10 ms instead of about 100-150 ms. DuckDB may move rows when it compacts a
table, so the answer is trusted only when it holds every message (and label) the build
counted; otherwise the same query runs again over every row.
"""
from __future__ import annotations

from collections.abc import Callable, Sized
from typing import TypeVar

from pipelines import sql

Result = TypeVar("Result", bound=Sized)


def message_rows(con, conversation_id: str) -> tuple[list[int], list[int]] | None:
    """The rowids of the conversation's messages and of their labels, as the last build
    recorded them, or None (the conversation is not in the facts)."""
    found = con.execute(sql.read("marts/conversation_rows"), {"conversation_id": conversation_id}).fetchall()
    if not found or found[0][0] is None:
        return None
    return list(found[0][0]), list(found[0][1] or [])


def read_conversation(con, conversation_id: str, run: Callable[[dict], Result], limit: int | None = None,
                      labelled: Callable[[Result], int] | None = None) -> Result:
    """`run(params)` on the conversation's own rows when they still hold all its messages
    (or its first `limit`) and, if `labelled` counts the labels found, all their labels;
    else on every row (params' $rows and $label_rows are then null)."""
    recorded = message_rows(con, conversation_id)
    if recorded:
        rows, label_rows = recorded
        found = run({"conversation_id": conversation_id, "rows": rows, "label_rows": label_rows})
        if len(found) == min(len(rows), limit or len(rows)) and (labelled is None or labelled(found) == len(label_rows)):
            return found
    return run({"conversation_id": conversation_id, "rows": None, "label_rows": None})

"""What the Label review page does, without Streamlit: the tasks a message has, what the
model said about each, and the corrections one review makes. A label the analyst keeps is
stored too: a person has now checked it, and the model learns from checked labels."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from models import corrections
from models.corrections import Correction
from pipelines.contract.labels import BRAND_TASKS, CUSTOMER_TASKS


def tasks_of(is_brand: bool) -> tuple[str, ...]:
    return BRAND_TASKS if is_brand else CUSTOMER_TASKS


def model_says(row: dict) -> dict[str, tuple[str | None, float | None]]:
    """task -> (the model's label, its confidence) for the message's tasks."""
    return {task: (row.get(task), row.get(f"{task}_confidence")) for task in tasks_of(bool(row["is_brand"]))}


def review(row: dict, chosen: dict[str, str], user: str, now: datetime | None = None) -> list[Correction]:
    """The corrections an analyst's review of one message makes: one per task of the
    message, whether the label was kept or changed. A label that is not one of the task's
    ids is refused, not stored."""
    when = (now or datetime.now(timezone.utc)).isoformat(timespec="seconds")
    role = "brand" if row["is_brand"] else "customer"
    made = []
    for task in tasks_of(bool(row["is_brand"])):
        label = chosen.get(task) or row.get(task)
        trouble = corrections.problem(task, label)
        if trouble:
            raise ValueError(trouble)
        made.append(Correction(row["source"], row["message_id"], task, label, user, when, row.get("model_version"),
                               "dashboard", role, row.get("lang"), row.get("text")))
    return made


def changed(row: dict, made: list[Correction]) -> list[str]:
    """The tasks where the person disagreed with the model."""
    return [c.task for c in made if c.label != row.get(c.task)]


def save(made: list[Correction], role: str, path: Path | None = None) -> int:
    """Store a review; only an analyst may (the page is not offered to viewers either)."""
    if role != "analyst":
        raise PermissionError("only analysts correct labels")
    return corrections.record(made, path)


def already_reviewed(path: Path | None = None) -> set[tuple[str, str]]:
    """Messages with a correction in the store, applied or waiting for the next build."""
    return {(c.source, c.message_id) for c in corrections.in_force(path)}

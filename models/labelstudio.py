"""Label Studio interop: tasks to annotate, with the model's labels as pre-annotations and
a labelling config whose choices are our label ids; and the reading of Label Studio's JSON
export into corrections. Unknown tasks, labels and messages are reported, never guessed."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from xml.sax.saxutils import quoteattr

from models.corrections import Correction, problem
from pipelines.contract.labels import TASKS

TEXT = "text"   # the name of the text the choices annotate, in the config and the results


def label_config() -> str:
    """The labelling config: one single-choice question per task, its choices our ids; a
    customer message answers the customer tasks, an operator reply `act`."""
    blocks = [f'  <Text name="{TEXT}" value="$text"/>']
    for task, (role, labels) in TASKS.items():
        choices = "".join(f"\n      <Choice value={quoteattr(label)}/>" for label in labels)
        blocks.append(f"  <Header value={quoteattr(f'{task} ({role} messages)')}/>")
        blocks.append(f'  <Choices name="{task}" toName="{TEXT}" choice="single" showInline="true">{choices}\n  </Choices>')
    return "<View>\n" + "\n".join(blocks) + "\n</View>\n"


def task_for(row: dict) -> dict:
    """One Label Studio task: the message, and the model's labels as a prediction."""
    role = "brand" if row["is_brand"] else "customer"
    result = []
    for task, (task_role, _) in TASKS.items():
        if task_role != role or row.get(task) is None:
            continue
        result.append({"from_name": task, "to_name": TEXT, "type": "choices",
                       "value": {"choices": [row[task]]}, "score": row.get(f"{task}_confidence")})
    return {"data": {"message_id": row["message_id"], "source": row["source"], "role": role, "text": row["text"]},
            "predictions": [{"model_version": row["model_version"], "result": result,
                             "score": row.get("least_sure")}]}


@dataclass
class ExportReading:
    corrections: list[Correction] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _who(completed_by) -> str:
    if isinstance(completed_by, dict):
        return str(completed_by.get("email") or completed_by.get("id") or "label-studio")
    return str(completed_by) if completed_by not in (None, "") else "label-studio"


def _when(created_at) -> str:
    try:
        moment = datetime.fromisoformat(str(created_at).replace("Z", "+00:00"))
    except ValueError:
        moment = datetime.now(timezone.utc)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def read_export(path: Path) -> ExportReading:
    """Corrections from a Label Studio JSON export (a list of tasks), and a line per thing
    that could not be read: a task without message_id, an unknown task or label."""
    out = ExportReading()
    try:
        tasks = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: not a Label Studio JSON export ({exc})") from None
    if not isinstance(tasks, list):
        raise ValueError(f"{path}: not a Label Studio JSON export (a list of tasks expected)")
    for number, item in enumerate(tasks, start=1):
        data = item.get("data", {}) if isinstance(item, dict) else {}
        message_id, source = data.get("message_id"), data.get("source")
        if not message_id or not source:
            out.problems.append(f"task {number}: no data.message_id / data.source")
            continue
        for annotation in item.get("annotations") or []:
            if annotation.get("was_cancelled"):
                continue
            for result in annotation.get("result") or []:
                task = result.get("from_name")
                chosen = (result.get("value") or {}).get("choices") or []
                if result.get("type") != "choices" or len(chosen) != 1:
                    out.problems.append(f"task {number} ({source}:{message_id}): {task!r} is not one choice")
                    continue
                why = problem(str(task), str(chosen[0]))
                if why:
                    out.problems.append(f"task {number} ({source}:{message_id}): {why}")
                    continue
                out.corrections.append(Correction(str(source), str(message_id), str(task), str(chosen[0]),
                                                  _who(annotation.get("completed_by")),
                                                  _when(annotation.get("created_at"))))
    return out

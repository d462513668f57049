"""Raw rows to canonical records: validate, resolve the operator, pseudonymise and
redact. Pure: rows in, an Arrow table and a list of rejects out."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

import pyarrow as pa

from pipelines.contract.operators import Operators
from pipelines.normalise import language
from pipelines.normalise.privacy import Pseudonymiser
from pipelines.normalise.timeparse import parse_timestamp
from pipelines.sources.base import PERSON_FIELDS

MAX_TEXT_CHARS = 50_000
MAX_ID_CHARS = 200
# Social care in this form starts in 2006; a date before is a clock or parsing error.
MIN_TIME_US = 1_136_073_600_000_000  # 2006-01-01
FUTURE_SLACK_US = 2 * 86_400_000_000
REJECT_RAW_CHARS = 300

STAGED_SCHEMA = pa.schema([
    ("message_id", pa.string()),
    ("source", pa.string()),
    ("conversation_src", pa.string()),
    ("in_reply_to", pa.string()),
    ("operator_hint", pa.string()),
    ("channel", pa.string()),
    ("author_id", pa.string()),
    ("is_brand", pa.bool_()),
    ("created_at", pa.timestamp("us", tz="UTC")),
    ("text", pa.string()),
    ("lang", pa.string()),
    ("customer_id", pa.string()),
    ("mention_operators", pa.list_(pa.string())),
    ("line", pa.int64()),
    ("ordinal", pa.int64()),
])


@dataclass
class Reject:
    line: int | None
    message_id: str | None
    reason: str
    raw: str


@dataclass
class Context:
    source: str
    operators: Operators
    pseudonymiser: Pseudonymiser
    default_channel: str = "unknown"
    default_operator: str | None = None   # whose the file is (--operator): rows naming none get it
    now_us: int = field(default_factory=lambda: int(time.time() * 1_000_000))


def clean_id(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if text.endswith(".0") and text[:-2].isdigit():  # ids that went through a float column
        text = text[:-2]
    return text or None


def reject_raw(row: dict, ctx: Context) -> str:
    """A rejected row as the rejects table keeps it: redacted and pseudonymised like a
    message. A row the reader could split is kept as JSON of its fields (people as
    pseudonyms, operator accounts readable, texts redacted, the text last so the short
    fields survive the cut); a line it split but could not use (a wrong field count, an
    unbalanced quote) as its fields joined, the person fields as pseudonyms, redacted; a
    line it could not split at all, redacted."""
    pseudo = ctx.pseudonymiser
    if row.get("error"):
        if "fields" in row:
            person_at = set(row.get("person_at") or ())
            raw = ",".join(_person(value, ctx) if i in person_at else value for i, value in enumerate(row["fields"]))
        else:
            raw = str(row.get("raw") or "")
        return pseudo.redact(raw[:2000])[0][:REJECT_RAW_CHARS]
    fields = {}
    for key, value in row.items():
        if key in ("line", "ordinal", "text") or value is None:
            continue
        value = str(value)
        if key in PERSON_FIELDS:
            value = _person(value, ctx)
        else:
            value = pseudo.redact(value[:500])[0]
        fields[key] = value
    if isinstance(row.get("text"), str):
        fields["text"] = pseudo.redact(row["text"][:2000])[0]
    return json.dumps(fields, ensure_ascii=False)[:REJECT_RAW_CHARS]


def _person(value: str, ctx: Context) -> str:
    """A person field as stored: an operator account as it is, anyone else's pseudonym."""
    if not value.strip() or ctx.operators.resolve(value.strip().lstrip("@")):
        return value
    return ctx.pseudonymiser.pseudonym(value)


def normalise_batch(rows: list[dict], ctx: Context) -> tuple[pa.Table, list[Reject]]:
    cols: dict[str, list] = {name: [] for name in STAGED_SCHEMA.names}
    rejects: list[Reject] = []
    ops, pseudo = ctx.operators, ctx.pseudonymiser
    max_us = ctx.now_us + FUTURE_SLACK_US
    for row in rows:
        line = row.get("line")
        if row.get("error"):
            rejects.append(Reject(line, None, row["error"], reject_raw(row, ctx)))
            continue
        message_id = clean_id(row.get("message_id"))
        text = row.get("text")
        text = text.strip() if isinstance(text, str) else None
        problem = None
        if not message_id:
            problem = "missing message_id"
        elif len(message_id) > MAX_ID_CHARS:
            problem = f"message_id longer than {MAX_ID_CHARS} characters"
        elif not text:
            problem = "missing text"
        elif len(text) > MAX_TEXT_CHARS:
            problem = f"text longer than {MAX_TEXT_CHARS} characters"
        created_us = None
        if problem is None:
            try:
                created_us = parse_timestamp(row.get("created_at"))
                if not MIN_TIME_US <= created_us <= max_us:
                    problem = "created_at is outside 2006 .. today"
            except ValueError as exc:
                problem = str(exc)
            except OverflowError:
                problem = "created_at is out of range"
        author_raw = row.get("author_handle") or row.get("author_id")
        author_raw = str(author_raw).strip().lstrip("@") if author_raw is not None else ""
        if problem is None and not author_raw:
            problem = "missing author_id"
        if problem:
            rejects.append(Reject(line, message_id, problem, reject_raw(row, ctx)))
            continue

        explicit_operator = ops.resolve(row.get("operator"))
        author_operator = ops.resolve(author_raw)
        is_brand = row.get("is_brand")
        if is_brand is None:
            is_brand = author_operator is not None
        text, mentions = pseudo.redact(text)
        mention_ops = [op for op in (ops.resolve(m) for m in mentions) if op]
        if is_brand:
            author_id = author_raw
            operator_hint = explicit_operator or author_operator or ctx.default_operator or author_raw
            customer_key = row.get("customer_id") or row.get("reply_to_handle")
            if not customer_key:
                customer_key = next((m for m in mentions if not ops.resolve(m)), None)
            customer_id = pseudo.pseudonym(str(customer_key)) if customer_key else None
        else:
            author_id = pseudo.pseudonym(author_raw)
            operator_hint = explicit_operator or ctx.default_operator
            customer_id = author_id
        lang = language.normalise_code(row.get("lang")) or language.detect(text)

        cols["message_id"].append(message_id)
        cols["source"].append(str(row.get("source") or ctx.source))
        cols["conversation_src"].append(clean_id(row.get("conversation_id")))
        cols["in_reply_to"].append(clean_id(row.get("in_reply_to")))
        cols["operator_hint"].append(operator_hint)
        cols["channel"].append(str(row.get("channel") or ctx.default_channel).lower())
        cols["author_id"].append(author_id)
        cols["is_brand"].append(bool(is_brand))
        cols["created_at"].append(created_us)
        cols["text"].append(text)
        cols["lang"].append(lang)
        cols["customer_id"].append(customer_id)
        cols["mention_operators"].append(mention_ops)
        cols["line"].append(line)
        cols["ordinal"].append(row.get("ordinal"))
    arrays = [pa.array(cols[name], type=STAGED_SCHEMA.field(name).type) for name in STAGED_SCHEMA.names]
    return pa.Table.from_arrays(arrays, schema=STAGED_SCHEMA), rejects

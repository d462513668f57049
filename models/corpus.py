"""The labelled corpus (data/labels/*.jsonl, plus the real subtitles of XED) and its
train / test split.

The split is made once, deterministically, by a hash of each example's id, and then
made honest: a test text that is a near-copy of a training text (cosine similarity of
character 3-5-grams at or above NEAR_DUPLICATE) moves to training, so the test split
measures generalisation, not memory.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from pipelines.contract.labels import TASKS

LABELS_DIR = Path(__file__).resolve().parent.parent / "data" / "labels"
TEST_SHARE = 0.2
NEAR_DUPLICATE = 0.8
# XED (Helsinki-NLP, CC BY 4.0): real Italian film subtitles with Plutchik emotions, 1-8 in
# alphabetical order. A line is positive when all its emotions are joy (5) or trust (8),
# negative when all are anger (1), disgust (3), fear (4) or sadness (6); anticipation (2)
# and surprise (7) go either way, so lines holding them are left out.
XED_FILE = Path("xed") / "it-projections.tsv"
XED_PREFIX = "xed-"   # the ids of XED's lines: real text, scored apart from the texts written here
XED_POSITIVE = frozenset({5, 8})
XED_NEGATIVE = frozenset({1, 3, 4, 6})
_XED_LINE = re.compile(r"^(.*)\t\s*([1-8](?:\s*,\s*[1-8])*)\s*$")


class CorpusError(ValueError):
    pass


@dataclass(frozen=True)
class Example:
    id: str
    role: str          # customer / brand
    lang: str
    text: str
    labels: dict       # task -> label id; a task missing was not labelled (sentiment-only texts)
    competitor: str    # customers only; "" when none


def load_corpus(folder: Path = LABELS_DIR) -> list[Example]:
    examples: list[Example] = []
    seen: set[str] = set()
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        raise CorpusError(f"{folder}: no labelled files (*.jsonl)")
    for path in files:
        role = "brand" if path.name.startswith("brand") else "customer"
        for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path}:{line_no}: invalid JSON ({exc.msg})") from None
            labels = {}
            for task, (task_role, ids) in TASKS.items():
                if task_role != role:
                    continue
                value = record.get(task)
                if value is None and task != "sentiment" and role == "customer":
                    continue   # a sentiment-only text: the other heads do not read it
                if value not in ids:
                    raise CorpusError(f"{path}:{line_no}: {task} = {value!r} is not one of {', '.join(ids)}")
                labels[task] = value
            if record["id"] in seen:
                raise CorpusError(f"{path}:{line_no}: id {record['id']!r} is used twice")
            seen.add(record["id"])
            examples.append(Example(record["id"], role, record.get("lang", "it"), record["text"], labels,
                                    record.get("competitor", "") if role == "customer" else ""))
    if (folder / XED_FILE).exists():
        examples += xed_examples(folder / XED_FILE)
    return examples


def xed_sentiment(emotions: frozenset[int]) -> str | None:
    """The sentiment of an XED line from its emotions, or None when they go both ways."""
    if emotions <= XED_POSITIVE:
        return "positive"
    if emotions <= XED_NEGATIVE:
        return "negative"
    return None


def xed_examples(path: Path) -> list[Example]:
    """Sentiment-only customer examples from XED's Italian file (`text<TAB>1, 6`). Lines
    without emotions (the upstream file holds a stretch of alignment records) are skipped."""
    examples = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _XED_LINE.match(line)
        if not match:
            continue
        sentiment = xed_sentiment(frozenset(int(n) for n in match.group(2).split(",")))
        # subtitles mark a change of speaker with a leading dash
        text = match.group(1).strip().lstrip("-").strip()
        if sentiment and text:
            examples.append(Example(f"{XED_PREFIX}it-{line_no}", "customer", "it", text, {"sentiment": sentiment}, ""))
    return examples


def is_real(e: Example) -> bool:
    """Real text from outside (XED's subtitles), scored apart from the texts written here."""
    return e.id.startswith(XED_PREFIX)


def labelled(examples: list[Example], task: str) -> list[Example]:
    """The examples that carry a label for `task` (of its role)."""
    role = TASKS[task][0]
    return [e for e in examples if e.role == role and task in e.labels]


def _in_test(example_id: str) -> bool:
    digest = hashlib.sha256(example_id.encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < TEST_SHARE


def max_similarity(test_texts: list[str], train_texts: list[str]):
    """For each test text, its highest cosine similarity to any training text."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=True, sublinear_tf=True)
    vec.fit(train_texts + test_texts)
    sims = vec.transform(test_texts) @ vec.transform(train_texts).T
    return sims.max(axis=1).toarray().ravel()


def split(examples: list[Example]) -> tuple[list[Example], list[Example], dict]:
    """(train, test, report). The report says how many near-copies moved and the
    highest similarity left between a test text and the training texts."""
    train = [e for e in examples if not _in_test(e.id)]
    test = [e for e in examples if _in_test(e.id)]
    moved = 0
    # The similarity's weights are fitted on the texts compared, so a move can lift another
    # pair over the threshold: repeat until a pass moves nothing; that pass's highest
    # similarity is the one left.
    for _ in range(5):
        moved_now, highest = 0, 0.0
        for role in ("customer", "brand"):
            role_test = [e for e in test if e.role == role]
            role_train = [e for e in train if e.role == role]
            if not role_test or not role_train:
                continue
            sims = max_similarity([e.text for e in role_test], [e.text for e in role_train])
            near = {e.id for e, sim in zip(role_test, sims) if sim >= NEAR_DUPLICATE}
            train += [e for e in role_test if e.id in near]
            test = [e for e in test if e.id not in near]
            moved_now += len(near)
            highest = max(highest, float(sims.max()))
        moved += moved_now
        if not moved_now:
            break
    return train, test, {"moved_to_train": moved, "highest_test_train_similarity": round(highest, 4),
                         "threshold": NEAR_DUPLICATE}

"""What a labelling process does with texts: the model's labels of each distinct text, with
the competitors a threat or a switch names. pipelines.labels.classify runs it in this
process or in the labelling workers, whose side (the model each loads as it starts, the
Parquet parts it reads and writes) is here too.
"""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from models.competitors import CompetitorFinder
from pipelines.workers import end_with_parent

LABEL_COLUMNS = ("sentiment", "category", "churn", "followup", "act")
# the churn labels whose texts are read for a competitor
CHURN_LABELS = ("threat", "switched")
# the model a worker process loaded
_worker: dict = {}


def init_worker(model_file: str, parent_pid: int) -> None:
    """A labelling worker's start: it ends with its parent and loads the model once."""
    from models.classifier import load
    from models.lexicon import look_up
    end_with_parent(parent_pid)
    _worker["model"] = load(Path(model_file))
    # reads Sentix and simplemma's dictionary (about 0.4 s) before the first texts come,
    # not while they wait (a helper in models/lexicon.py would change the model's version,
    # which fingerprints that file)
    look_up("prova")


def loaded_version() -> str:
    """The version of the model this worker loaded."""
    return _worker["model"].version


def label_part(texts: str, labels: str, operators) -> int:
    """One Parquet part of (n, is_brand, text) rows -> a Parquet part of their labels.
    The operators come with each part: workers started before the load do not know the
    brand accounts it meets."""
    import pyarrow.parquet as pq

    part = pq.read_table(texts)
    rows = list(zip(*(part.column(name).to_pylist() for name in ("n", "is_brand", "text"))))
    pq.write_table(label_texts(rows, _worker["model"], CompetitorFinder(operators)), labels)
    return len(rows)


def label_texts(rows: list[tuple], model, finder) -> pa.Table:
    """(n, is_brand, text) rows -> a table of n and the labels of the text's role, with,
    for a customer's threat or switch, the operators it names as destinations (`finder`'s
    candidates: sql/labels/03_store_labels.sql picks each message's competitor from them,
    which differs with the customer's operator, so that the text is read once)."""
    columns: dict[str, list] = {"n": []}
    for name in LABEL_COLUMNS:
        columns[name], columns[f"{name}_confidence"] = [], []
    columns["cued_competitors"], columns["named_competitors"] = [], []
    for role, is_brand in (("customer", False), ("brand", True)):
        part = [r for r in rows if r[1] == is_brand]
        if not part:
            continue
        predicted = model.predict([r[2] for r in part], role)
        columns["n"] += [r[0] for r in part]
        for name in LABEL_COLUMNS:
            labels, confidence = predicted.get(name, ([None] * len(part), [None] * len(part)))
            columns[name] += list(labels)
            columns[f"{name}_confidence"] += [None if c is None else float(c) for c in confidence]
        churn = predicted["churn"][0] if "churn" in predicted else [None] * len(part)
        found = [finder.candidates(r[2]) if label in CHURN_LABELS else (None, None) for r, label in zip(part, churn)]
        columns["cued_competitors"] += [cued for cued, _ in found]
        columns["named_competitors"] += [named for _, named in found]
    label_fields = [(name, pa.float64() if name.endswith("_confidence") else pa.string())
                    for name in list(columns)[1:-2]]
    schema = pa.schema([("n", pa.int64()), *label_fields, ("cued_competitors", pa.list_(pa.string())),
                        ("named_competitors", pa.list_(pa.string()))])
    return pa.table(columns, schema=schema)

"""Classification inside the pipeline: label every message the current model has not
labelled yet, in batches. A new model version relabels everything; an unchanged one
only what is new since the last run."""
from __future__ import annotations

import pyarrow as pa

from pipelines.warehouse import scalar

BATCH = 100_000
LABEL_COLUMNS = ("sentiment", "category", "churn", "followup", "act")


def classify_messages(con, model=None, log=print) -> int:
    """Label what is missing; returns how many messages were classified."""
    from models.competitors import CompetitorFinder
    from pipelines.load import known_operators

    model = model or _default_model(log)
    finder = CompetitorFinder(known_operators(con))
    con.execute("delete from main.message_labels where model_version <> ?", [model.version])
    con.execute("""
        create or replace table scratch.to_classify as
        select row_number() over () as n, m.source, m.message_id, m.is_brand, m.text, m.operator
        from main.messages as m
        anti join main.message_labels as l using (source, message_id)""")
    total = scalar(con, "select count(*) from scratch.to_classify")
    for start in range(0, total, BATCH):
        rows = con.execute("""select source, message_id, is_brand, text, operator from scratch.to_classify
                              where n > ? and n <= ? order by n""", [start, start + BATCH]).fetchall()
        con.register("labelled", _label(rows, model, finder))
        con.execute("insert into main.message_labels by name select * from labelled")
        con.unregister("labelled")
    con.execute("drop table scratch.to_classify")
    return total


def _default_model(log):
    from models.classifier import ensure_model
    return ensure_model(log=log)


def _label(rows: list[tuple], model, finder) -> pa.Table:
    columns: dict[str, list] = {"source": [], "message_id": [], "model_version": []}
    for name in LABEL_COLUMNS:
        columns[name], columns[f"{name}_confidence"] = [], []
    columns["competitor"] = []
    for role, is_brand in (("customer", False), ("brand", True)):
        part = [r for r in rows if r[2] == is_brand]
        if not part:
            continue
        predicted = model.predict([r[3] for r in part], role)
        columns["source"] += [r[0] for r in part]
        columns["message_id"] += [r[1] for r in part]
        columns["model_version"] += [model.version] * len(part)
        for name in LABEL_COLUMNS:
            labels, confidence = predicted.get(name, ([None] * len(part), [None] * len(part)))
            columns[name] += list(labels)
            columns[f"{name}_confidence"] += [None if c is None else float(c) for c in confidence]
        if role == "customer":
            churn = predicted["churn"][0]
            columns["competitor"] += [finder.find(r[3], r[4]) if c in ("threat", "switched") else ""
                                      for r, c in zip(part, churn)]
        else:
            columns["competitor"] += [None] * len(part)
    return pa.table(columns)

"""Classification inside the pipeline: label every message the current model has not
labelled yet, in batches. A new model version relabels everything; an unchanged one
only what is new since the last run. Large backlogs are labelled by two processes
(the work is pure Python tokenising, one core each)."""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import pyarrow as pa

from pipelines.warehouse import scalar

BATCH = 100_000
PARALLEL_MIN_ROWS = 150_000
WORKERS = 2
LABEL_COLUMNS = ("sentiment", "category", "churn", "followup", "act")
_worker: dict = {}


def classify_messages(con, model=None, log=print) -> int:
    """Label what is missing; returns how many messages were classified."""
    from models.competitors import CompetitorFinder
    from pipelines.load import known_operators

    model = model or _default_model(log)
    operators = known_operators(con)
    finder = CompetitorFinder(operators)
    con.execute("delete from main.message_labels where model_version <> ?", [model.version])
    con.execute("""
        create or replace table scratch.to_classify as
        select row_number() over () as n, m.source, m.message_id, m.is_brand, m.text, m.operator
        from main.messages as m
        anti join main.message_labels as l using (source, message_id)""")
    total = scalar(con, "select count(*) from scratch.to_classify")
    model_file = getattr(model, "path", None)
    pool = None
    if total >= PARALLEL_MIN_ROWS and model_file is not None:
        # spawn, not fork: this process has DuckDB's threads running.
        pool = ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_init_worker, initargs=(str(model_file), operators))
    try:
        for start in range(0, total, BATCH):
            rows = con.execute("""select source, message_id, is_brand, text, operator from scratch.to_classify
                                  where n > ? and n <= ? order by n""", [start, start + BATCH]).fetchall()
            if pool is None:
                tables = [label_rows(rows, model, finder)]
            else:
                step = len(rows) // WORKERS + 1
                tables = list(pool.map(_label_in_worker, [rows[i:i + step] for i in range(0, len(rows), step)]))
            for table in tables:
                con.register("labelled", table)
                con.execute("insert into main.message_labels by name select * from labelled")
                con.unregister("labelled")
    finally:
        if pool is not None:
            pool.shutdown()
    con.execute("drop table scratch.to_classify")
    return total


def _default_model(log):
    from models.classifier import ensure_model
    return ensure_model(log=log)


def _init_worker(model_file: str, operators) -> None:
    from pathlib import Path

    from models.classifier import load
    from models.competitors import CompetitorFinder
    _worker["model"] = load(Path(model_file))
    _worker["finder"] = CompetitorFinder(operators)


def _label_in_worker(rows: list[tuple]) -> pa.Table:
    return label_rows(rows, _worker["model"], _worker["finder"])


def label_rows(rows: list[tuple], model, finder) -> pa.Table:
    """(source, message_id, is_brand, text, operator) rows -> a message_labels table."""
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
    schema = pa.schema([(name, pa.float64() if name.endswith("_confidence") else pa.string()) for name in columns])
    return pa.table(columns, schema=schema)

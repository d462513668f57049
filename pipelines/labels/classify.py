"""Classification inside the pipeline: label every message the current model has not
labelled yet. A new model version relabels everything; an unchanged one only what is
new since the last run.

Each distinct text is classified once (operator replies repeat their templates and
customers repeat each other: on 10 M demo messages only 62 % of the texts are
distinct), then the labels are joined back to the messages in SQL. Large backlogs are
labelled by two processes (the work is pure Python tokenising, one core each), which
read the texts from Parquet parts and write their labels to others: this process
neither loads the model nor touches a row meanwhile.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa

from models.competitors import CompetitorFinder
from models.saved import ModelChanged
from pipelines import sql
from pipelines.warehouse import memory_limited, new_staging_dir, scalar, uncompressed_writes
from pipelines.workers import end_with_parent, worker_pool

BATCH = 50_000
PARALLEL_MIN_ROWS = 150_000
WORKERS = 2
LABELLING_MEMORY = "256MB"
# `run` starts the workers with the load up to this many rows: they load the model's
# predictor on the core the load leaves idle (1 M demo: classification 12.0-15.2 s to
# 8.9-11.2 s), but hold some 210 MB each meanwhile (310 MB with scikit-learn: 1 M then
# peaked at 1.84 GB, now 1.60-1.62 GB), and a load alone grows to 1.43 GB at 10 M
EARLY_MAX_ROWS = 1_200_000
TYPICAL_ROW_BYTES = 200
# while the workers start and load the model, this process gathers the distinct texts under
# this limit: with the 1 GB the load left it, the two peaked together at 1.96 GB on 10 M
GATHERING_MEMORY = "640MB"
LABEL_COLUMNS = ("sentiment", "category", "churn", "followup", "act")
# the churn labels whose texts are read for a competitor
CHURN_LABELS = ("threat", "switched")
_worker: dict = {}


def classify_messages(con, model=None, log=print, progress_factory=None,
                      workers: LabellingWorkers | None = None) -> int:
    """Label what is missing; returns how many messages were classified. `model` is a
    CareModel, or by default the saved model (models.saved.SavedModel), which this
    process loads only when it labels by itself. `progress_factory(name)` makes a
    progress bar that counts the distinct texts labelled. `workers`, started earlier by
    `start_early`, label if they hold the same model and the work is big enough; they are
    shut down either way."""
    from pipelines.load.ingest import known_operators

    model = model or _saved_model(log)
    operators = known_operators(con)
    con.execute(sql.read("labels/00_other_versions"), {"model_version": model.version})
    with uncompressed_writes(con):
        con.execute(sql.read("labels/01_to_classify"))
        total = scalar(con, sql.read("labels/count_to_classify"))
        if total:
            _label_distinct_texts(con, model, total, operators, progress_factory, workers)
        elif workers is not None:
            workers.close()   # nothing to label: the marts after this take their memory
    if total:
        con.execute(sql.read("labels/03_store_labels"), {"model_version": model.version})
    for table in ("to_classify", "distinct_texts", "message_texts", "text_labels"):
        con.execute(f"drop table if exists scratch.{table}")
    store_confusion(con, model)
    return total


def _label_distinct_texts(con, model, total: int, operators, progress_factory, early=None) -> None:
    """scratch.text_labels and scratch.message_texts: the labels of each distinct text of
    scratch.to_classify (by the workers or by this process), with the competitors a
    threat or switch names, and each message's text number."""
    # the workers start now (unless `run` started them with the load) and load the model
    # while the texts are gathered (in less memory)
    parallel = total >= PARALLEL_MIN_ROWS and model.path is not None
    if early is not None and not parallel:
        early.close()
        early = None
    with memory_limited(con, GATHERING_MEMORY if parallel else None):
        if early is not None:
            early.used = True
        workers = early if early is not None else LabellingWorkers(model.path) if parallel else None
        progress = progress_factory("labelling distinct texts") if progress_factory else None
        try:
            con.execute(sql.read("labels/02_distinct_texts"))
            con.execute(f"create or replace table scratch.text_labels (n bigint, {_label_columns_sql()}, "
                        "cued_competitors varchar[], named_competitors varchar[])")
            distinct = scalar(con, sql.read("labels/count_distinct_texts"))
            if progress is not None:
                progress.total = distinct
                progress.refresh()
            if workers is None:
                _label_here(con, _loaded(model), CompetitorFinder(operators), distinct, progress)
            else:
                if not workers.hold(model):   # another file, or this one trained again since they loaded it
                    workers.close()
                    workers = LabellingWorkers(model.path)
                    if not workers.hold(model):
                        raise ModelChanged(f"{model.path}: the model file changed while the labelling workers "
                                           "loaded it; run the build again")
                _label_in_workers(con, workers.pool, distinct, operators, progress)
        finally:
            if workers is not None:
                # waited for: their memory goes before this process's grows again (2 GB at 10 M)
                workers.close()
            if progress is not None:
                progress.close()
    con.execute(sql.read("labels/message_texts"))


def store_confusion(con, model) -> None:
    """main.label_confusion from the model's held-out confusion (none for a model trained
    without one: its figures then carry no classification interval)."""
    import pyarrow as pa

    rows = [{"model_version": model.version, "task": task, "true_label": truth, "predicted_label": guess,
             "n": int(found["counts"][i][j]), "held_out_corrections": int(found.get("corrections", 0))}
            for task, found in (getattr(model, "meta", {}) or {}).get("confusion", {}).items()
            for i, truth in enumerate(found["labels"]) for j, guess in enumerate(found["labels"])]
    schema = pa.schema([("model_version", pa.string()), ("task", pa.string()), ("true_label", pa.string()),
                        ("predicted_label", pa.string()), ("n", pa.int64()), ("held_out_corrections", pa.int64())])
    con.register("confusion_rows", pa.Table.from_pylist(rows, schema=schema))
    try:
        con.execute(sql.read("labels/store_confusion"))
    finally:
        con.unregister("confusion_rows")


def _label_here(con, model, finder, distinct: int, progress=None) -> None:
    for start in range(0, distinct, BATCH):
        rows = con.execute(sql.read("labels/text_batch"), {"after": start, "until": start + BATCH}).fetchall()
        _insert_labels(con, label_texts(rows, model, finder))
        if progress is not None:
            progress.update(len(rows))


def _label_in_workers(con, pool, distinct: int, operators, progress=None) -> None:
    """The distinct texts go to the workers as Parquet parts, and their labels come back
    the same way, read in one insert: this process only writes the parts, so the two
    cores are the workers' while they label."""
    parts = new_staging_dir(scalar(con, sql.read("load/scratch_path")))
    # The workers hold a model and its memory each; this process waits meanwhile, so
    # DuckDB gives back the cache the load left it.
    try:
        with memory_limited(con, LABELLING_MEMORY):
            labelled = []
            for number, start in enumerate(range(0, distinct, BATCH)):
                texts = parts / f"texts-{number:06d}.parquet"
                con.execute(sql.read("labels/texts_to_part"), {"after": start, "until": start + BATCH,
                                                                "path": str(texts)})
                labelled.append(pool.submit(_label_part, str(texts), str(parts / f"labels-{number:06d}.parquet"),
                                            operators))
            for future in labelled:
                done = future.result()
                if progress is not None:
                    progress.update(done)
            if labelled:
                con.execute(sql.read("labels/insert_label_parts"), {"parts": str(parts / "labels-*.parquet")})
    finally:
        shutil.rmtree(parts, ignore_errors=True)


def _insert_labels(con, table: pa.Table) -> None:
    con.register("labelled", table)
    con.execute(sql.read("labels/insert_labels"))
    con.unregister("labelled")


def _label_columns_sql() -> str:
    return ", ".join(f"{name} varchar, {name}_confidence double" for name in LABEL_COLUMNS)


def _saved_model(log):
    from models.saved import model_path, read_saved

    if not model_path().exists():
        from models.classifier import ensure_model
        ensure_model(log=log)
    return read_saved(model_path())


def _loaded(model):
    """A CareModel as it is, or what predicts for the saved model (its predictor, when saved)."""
    if hasattr(model, "predict"):
        return model
    from models.predicting import for_model_file
    return for_model_file(model.path)


def _init_worker(model_file: str, parent_pid: int) -> None:
    from models.lexicon import look_up
    from models.predicting import for_model_file

    end_with_parent(parent_pid)
    # the predictor saved beside the model: NumPy arrays, neither scikit-learn nor skops
    # imported (1.5 CPU-seconds and 190 MB less per worker)
    _worker["model"] = for_model_file(Path(model_file))
    # reads Sentix and simplemma's dictionary (about 0.4 s) before the first texts come,
    # not while they wait (a helper in models/lexicon.py would change the model's version,
    # which fingerprints that file)
    look_up("prova")


class LabellingWorkers:
    """The labelling processes, each loading the model file as it starts. `start_early`
    starts them ahead of the classification, so that they load the model's predictor (about
    1 s each) while the load leaves a core idle."""

    def __init__(self, model_file):
        self.model_file = model_file
        self.pool = worker_pool(WORKERS, _init_worker, str(model_file))
        # a pool starts its processes as work arrives; each answers with the version it loaded
        self._loaded = [self.pool.submit(_loaded_version) for _ in range(WORKERS)]
        self.used = False   # whether a classification took them

    def hold(self, model) -> bool:
        """Whether the workers loaded `model`: the file may have been trained again since
        they started (during the load, for those started with it)."""
        return self.model_file == model.path and {found.result() for found in self._loaded} == {model.version}

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


def start_early(files: list[Path]) -> LabellingWorkers | None:
    """Labelling workers for a load of `files` and the classification after it, started
    now, when the saved model exists and the files hold enough rows for the workers to
    label (PARALLEL_MIN_ROWS) but few enough that two idle workers (some 210 MB each) fit
    beside the load's memory (EARLY_MAX_ROWS); None otherwise."""
    from models.saved import model_path

    rows = sum(_estimated_rows(path) for path in files)
    if not (PARALLEL_MIN_ROWS <= rows <= EARLY_MAX_ROWS) or not model_path().exists():
        return None
    return LabellingWorkers(model_path())


def _estimated_rows(path: Path) -> int:
    """A file's rows, roughly: a Parquet file's own count, else its size over the bytes of
    a typical row (a 1 M-row demo CSV is 216 MB)."""
    try:
        if path.suffix.lower() == ".parquet":
            import pyarrow.parquet as pq
            return pq.read_metadata(path).num_rows
        return path.stat().st_size // TYPICAL_ROW_BYTES
    except (OSError, ValueError):   # pyarrow's errors derive from these
        return 0


def _loaded_version() -> str:
    return _worker["model"].version


def _label_part(texts: str, labels: str, operators) -> int:
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

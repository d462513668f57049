"""Held-out evaluation: the scores, on the held-out split, on real text (SENTIPOLC, XED),
off the corpus's home ground (genres left out) and by cross-validation. card.py writes
them into models/MODEL_CARD.md."""
from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support
from sklearn.model_selection import KFold

from models.classifier import PARAMS, CareModel, make_head, make_vectorizer, real_repeats, task_params, train
from models.competitors import CompetitorFinder
from models.corpus import NEAR_DUPLICATE, Example, is_real, labelled, max_similarity
from pipelines.contract.labels import SENTIMENT, TASKS
from pipelines.contract.operators import Operators

TARGET_MACRO_F1 = 0.85
TARGET_SENTIPOLC = 0.60
TARGET_GENRE_DROP = 0.10
TUNING = Path(__file__).resolve().parent / "TUNING.md"   # written by `python -m models tune`
LONG_POST = 240   # characters: a tweet's worth and more is a long post or a review
MIN_GENRE_TEST = 20
# ids of the sentiment-only tweets in the corpus (data/labels/SOURCES.md)
TWEET_PREFIXES = ("it-ev-", "it-po-", "it-sp-", "it-lf-", "it-cb-", "it-pa-", "it-cu-", "it-md-", "it-nw-")


@dataclass(frozen=True)
class Genre:
    """A slice of the corpus that the cross-genre check trains without and scores on."""
    key: str
    title: str
    member: Callable[[Example], bool]
    tasks: tuple[str, ...]


def _is_customer(e: Example) -> bool:
    return e.role == "customer"


GENRES = (
    Genre("long", f"long posts and reviews (over {LONG_POST} characters)",
          lambda e: _is_customer(e) and len(e.text) > LONG_POST, ("sentiment", "category", "churn", "followup")),
    # a confirmed fix is praise by its nature: without praise, `fixed` is barely seen, so
    # followup is not scored here
    Genre("praise", "praise and thanks (positive customer messages)",
          lambda e: _is_customer(e) and e.labels["sentiment"] == "positive", ("category", "churn")),
    Genre("english", "English (customers and operators)",
          lambda e: e.lang == "en", tuple(TASKS)),
    # a source rather than a genre: the only real text in the corpus, so its drop is how far
    # the written texts alone are from real Italian
    Genre("xed", "real film subtitles (XED, the corpus's only real text)",
          lambda e: is_real(e), ("sentiment",)),
)


def xed_report(model: CareModel, test: list[Example]) -> dict:
    """Sentiment on XED's held-out lines. They are positive or negative only, so macro-F1 is
    over those two; a line read as neutral counts as a miss."""
    lines = [e for e in test if is_real(e)]
    truth = [e.labels["sentiment"] for e in lines]
    predicted = model.predict([e.text for e in lines], "customer")["sentiment"][0]
    report = {"task": "sentiment", **score_labels(truth, predicted, SENTIMENT)}
    report["macro_f1"] = float(f1_score(truth, predicted, labels=["negative", "positive"], average="macro",
                                        zero_division=0))
    return report


def task_report(model: CareModel, test: list[Example], task: str) -> dict:
    role, ids = TASKS[task]
    subset = labelled(test, task)
    truth = [e.labels[task] for e in subset]
    predicted = model.predict([e.text for e in subset], role)[task][0]
    return {"task": task, **score_labels(truth, predicted, ids)}


def score_labels(truth: list[str], predicted: list[str], ids) -> dict:
    """Per-class precision/recall/F1, macro-F1 and the confusion matrix of one labelling."""
    ids = list(ids)
    p, r, f, n = precision_recall_fscore_support(truth, predicted, labels=ids, zero_division=0)
    return {
        "n": len(truth), "labels": ids,
        "per_class": [{"label": lab, "precision": p[i], "recall": r[i], "f1": f[i], "support": int(n[i])}
                      for i, lab in enumerate(ids)],
        "macro_f1": float(f1_score(truth, predicted, labels=ids, average="macro", zero_division=0)),
        "confusion": confusion_matrix(truth, predicted, labels=ids).tolist(),
    }


def sentipolc_report(model: CareModel, train_set: list[Example] | None = None) -> dict | None:
    """Sentiment on SENTIPOLC 2016's test tweets, or None when the file is not beside
    the repository (it is never shipped: non-commercial licence). With the training split,
    also how close its texts come to a tweet: none may be a near-copy."""
    from models.realtext import load_sentipolc, sentipolc_path

    if not sentipolc_path().exists():
        return None
    texts, truth, counts = load_sentipolc()
    predicted = model.predict(texts, "customer")["sentiment"][0]
    report = {"task": "sentiment", **score_labels(truth, predicted, SENTIMENT), "counts": counts}
    if train_set:
        sims = max_similarity([e.text for e in train_set if e.role == "customer"], texts)
        report["closest_training_text"] = float(sims.max())
        report["near_copies"] = int((sims >= NEAR_DUPLICATE).sum())
    return report


def genre_report(model: CareModel, train_set: list[Example], test: list[Example], genre: Genre,
                 params: dict = PARAMS) -> list[dict]:
    """How far a score falls off its home ground: a model trained without the genre,
    scored on the held-out examples it knows the kind of (home) and on the genre's (away).
    The shipped model's score on the genre is given beside. Macro-F1 over the classes the
    genre's held-out examples hold, for both sides."""
    away_model = train([e for e in train_set if not genre.member(e)], params)
    rows = []
    for task in genre.tasks:
        role, _ = TASKS[task]
        members = [e for e in labelled(test, task) if genre.member(e)]
        # home is the texts written here: real text would lower it for a reason of its own
        others = [e for e in labelled(test, task) if not genre.member(e) and not is_real(e)]
        if len(members) < MIN_GENRE_TEST:
            continue
        present = sorted({e.labels[task] for e in members})

        def score(m: CareModel, examples: list[Example]) -> float:
            predicted = m.predict([e.text for e in examples], role)[task][0]
            return float(f1_score([e.labels[task] for e in examples], predicted, labels=present, average="macro",
                                  zero_division=0))

        home, away = score(away_model, others), score(away_model, members)
        rows.append({"genre": genre.key, "title": genre.title, "task": task, "n": len(members),
                     "home": home, "away": away, "drop": home - away, "shipped": score(model, members)})
    return rows


def demo_overlap_report(train_set: list[Example], messages: int = 20_000) -> list[dict]:
    """How much of the demo generator's text is a near-copy of a training example: the
    demo's truth report (`pipelines truth`) is an honest check only if the model has not
    read the demo's sentences. Distinct texts of a 20 000-message demo, per role."""
    from pipelines.demo.generator import DemoParams, generate

    rows = [r for batch, _, _ in generate(DemoParams(messages=messages, seed=3), Operators.load()) for r in batch]
    out = []
    for role, is_brand in (("customer", False), ("brand", True)):
        demo = list(dict.fromkeys(r["text"] for r in rows if r["is_brand"] == is_brand))
        sims = max_similarity(demo, [e.text for e in train_set if e.role == role])
        top = int(sims.argmax())
        out.append({"role": role, "distinct": len(demo), "near": int((sims >= NEAR_DUPLICATE).sum()),
                    "highest": float(sims[top]), "closest": demo[top], "median": float(np.median(sims))})
    return out


def competitor_report(test: list[Example]) -> dict:
    """The lexicon rule on the test split's threats and switches (true churn given)."""
    operators = Operators.load()
    finder = CompetitorFinder(operators)
    tp = fp = fn = 0
    for e in test:
        if e.role != "customer" or e.labels.get("churn") not in ("threat", "switched"):
            continue
        own = next((operators.resolve(h) for h in re.findall(r"@(\w+)", e.text) if operators.resolve(h)), None)
        found = finder.find(e.text, own)
        if found and found == e.competitor:
            tp += 1
        else:
            fp += bool(found)
            fn += bool(e.competitor)
    return {"precision": tp / max(1, tp + fp), "recall": tp / max(1, tp + fn), "n": tp + fn}


def cross_validate(train_set: list[Example], params: dict, folds: int = 5) -> dict[str, float]:
    """Macro-F1 per task by k-fold cross-validation on the training split only; each
    fold is vectorised once per role, and every task of the role reads it."""
    scores: dict[str, list[float]] = {t: [] for t in TASKS}
    for role in ("customer", "brand"):
        examples = [e for e in train_set if e.role == role]
        texts = [e.text for e in examples]
        for fit_idx, val_idx in KFold(folds, shuffle=True, random_state=0).split(texts):
            vec = make_vectorizer(params)
            x_fit = vec.fit_transform([texts[i] for i in fit_idx])
            x_val = vec.transform([texts[i] for i in val_idx])
            for task, (task_role, _) in TASKS.items():
                if task_role != role:
                    continue
                fit = [i for i, j in enumerate(fit_idx) if task in examples[j].labels]
                fit += real_repeats([examples[fit_idx[i]] for i in fit], fit, params, task)
                val = [i for i, j in enumerate(val_idx) if task in examples[j].labels]
                head = make_head(task_params(params, task))
                head.fit(x_fit[fit], [examples[fit_idx[i]].labels[task] for i in fit])
                truth = [examples[val_idx[i]].labels[task] for i in val]
                scores[task].append(f1_score(truth, head.predict(x_val[val]), average="macro"))
    return {t: float(np.mean(s)) for t, s in scores.items()}


def throughput(model: CareModel, texts: list[str], repeat: int = 5) -> float:
    """Messages per second for prediction on distinct texts, one process."""
    batch = [f"{t} {i}" for i in range(repeat) for t in texts]  # distinct: no dedup help
    started = time.perf_counter()
    model.predict(batch, "customer")
    return len(batch) / (time.perf_counter() - started)


def tuning_table(rows: list[dict]) -> str:
    """The options `tune` compared, as the markdown the model card includes."""
    tasks = list(TASKS)
    lines = [f"Measured by `python -m models tune` on {date.today().isoformat()}: 5-fold cross-validation on the "
             "training split (macro-F1 per task), and SENTIPOLC sentiment of a model trained on the whole "
             "training split with the option.", "",
             "| option | " + " | ".join(tasks) + " | SENTIPOLC sentiment |",
             "|" + " --- |" * (len(tasks) + 2)]
    for row in rows:
        real = "not measured" if row["sentipolc"] is None else f"{row['sentipolc']:.3f}"
        lines.append(f"| {row['option']} | " + " | ".join(f"{row['cv'][t]:.3f}" for t in tasks) + f" | {real} |")
    return "\n".join(lines) + "\n"

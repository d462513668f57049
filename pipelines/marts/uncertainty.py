"""How sure a label-derived figure is, given the classifier that made its labels.

A share of messages with label X (net sentiment counts positive minus negative customer
messages) is observed through the classifier: it finds a true X with probability tpr and
a false one with probability fpr, measured on held-out labelled data (the corpus's split,
its real lines and the analysts' held-out corrections: `label_confusion`). The observed
share p estimates tpr·π + fpr·(1 − π), not the true share π. The adjusted classify-and-
count estimate (Rogan & Gladen 1978; Forman 2008, "Quantifying counts and costs via
classification") inverts that, π = (p − fpr) / (tpr − fpr), and for three classes the
whole confusion matrix (Buonaccorsi 2010, "Measurement error", ch. 3): net sentiment gets
a corrected value, `net_sentiment_corrected`.

Conversation figures (escalations and their success, deflections, repeated data requests,
churn signals, sentiment recovery) come from several messages through the thread rules,
so a message's error rates do not carry over to them: on the demo, whose truth is known,
correcting them with the messages' rates moved them away from the truth (`pipelines
truth`; README). They keep the classifier's value, and their interval carries its
uncertainty instead: the spread that the correction's own uncertainty gives, around the
value shown.

Every interval is a 95 % parametric bootstrap over both uncertainties at once: in each of
2 000 draws the observed share comes from its Beta posterior given k of n (the sample),
and tpr and fpr (or each row of the confusion matrix) from theirs given the held-out
counts (the classifier); the interval is the 2.5th and 97.5th percentiles. The draws are
seeded by the counts: the same figures always give the same interval.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipelines import sql

DRAWS = 2_000
LEVEL = 0.95


@dataclass(frozen=True)
class Figure:
    rate: str                  # the rate's key (pipelines/contract/kpis.py RATES)
    task: str                  # the label task that decides it
    positive: tuple[str, ...]  # the task's labels that make the figure count a conversation
    counts: tuple[str, ...]    # the count keys of `metrics --json` that are this rate × its denominator


FIGURES = (
    Figure("escalation_rate", "act", ("escalate",), ("escalated",)),
    Figure("escalation_success_rate", "followup", ("fixed",), ("escalation_success",)),
    Figure("deflection_rate", "act", ("deflect",), ("deflected",)),
    Figure("repeated_data_request_rate", "act", ("request_data",), ("repeated_data_request",)),
    Figure("churn_signal_rate", "churn", ("threat", "switched", "cancel"), ("churn_signals",)),
    Figure("sentiment_recovery_rate", "sentiment", ("neutral", "positive"), ()),
)
BY_RATE = {figure.rate: figure for figure in FIGURES}
NET_SENTIMENT = {"positive": 1.0, "neutral": 0.0, "negative": -1.0}


@dataclass(frozen=True)
class Confusion:
    labels: tuple[str, ...]
    counts: np.ndarray          # rows: the true label, columns: the predicted one
    corrections: int = 0        # how many of the held-out examples are analysts' corrections

    def binary(self, positive: tuple[str, ...]) -> tuple[int, int, int, int]:
        """(true positives, false negatives, false positives, true negatives) for one
        group of labels against the rest."""
        inside = np.array([label in positive for label in self.labels])
        tp = int(self.counts[np.ix_(inside, inside)].sum())
        fn = int(self.counts[np.ix_(inside, ~inside)].sum())
        fp = int(self.counts[np.ix_(~inside, inside)].sum())
        tn = int(self.counts[np.ix_(~inside, ~inside)].sum())
        return tp, fn, fp, tn

    def rates(self, positive: tuple[str, ...]) -> tuple[float, float]:
        """(true positive rate, false positive rate) of one group of labels against the rest."""
        tp, fn, fp, tn = self.binary(positive)
        return (tp / (tp + fn) if tp + fn else 1.0), (fp / (fp + tn) if fp + tn else 0.0)


def load_confusion(con) -> dict[str, Confusion]:
    """task -> the held-out confusion of the model that labelled the warehouse (empty for a
    warehouse labelled by a model trained without one)."""
    import duckdb

    try:
        rows = con.execute(sql.read("labels/confusion")).fetchall()
    except duckdb.CatalogException:   # a warehouse built before the confusion was kept
        return {}
    by_task: dict[str, dict] = {}
    for task, truth, guess, n, held in rows:
        found = by_task.setdefault(task, {"cells": {}, "labels": [], "held": held})
        found["cells"][(truth, guess)] = n
        for label in (truth, guess):
            if label not in found["labels"]:
                found["labels"].append(label)
    out = {}
    for task, found in by_task.items():
        labels = tuple(found["labels"])
        counts = np.array([[found["cells"].get((a, b), 0) for b in labels] for a in labels])
        out[task] = Confusion(labels, counts, found["held"])
    return out


def rogan_gladen(p: float, tpr: float, fpr: float) -> float:
    """The true share behind an observed share p, for a classifier with this tpr and fpr."""
    if tpr - fpr <= 1e-9:   # a classifier no better than chance tells nothing: keep p
        return p
    return float(min(1.0, max(0.0, (p - fpr) / (tpr - fpr))))


def share_draws(k: int, n: int, confusion: Confusion, positive: tuple[str, ...], draws: int = DRAWS,
                clip: bool = True) -> np.ndarray:
    """Bootstrap draws of the true share behind k of n, both uncertainties at once."""
    tp, fn, fp, tn = confusion.binary(positive)
    rng = np.random.default_rng([k, n, tp, fn, fp, tn])
    observed = rng.beta(k + 0.5, n - k + 0.5, draws)     # Jeffreys: the sample
    tpr = rng.beta(tp + 1, fn + 1, draws)                # the classifier
    fpr = rng.beta(fp + 1, tn + 1, draws)
    gap = tpr - fpr
    corrected = np.where(gap > 1e-9, (observed - fpr) / np.where(gap > 1e-9, gap, 1.0), observed)
    return np.clip(corrected, 0.0, 1.0) if clip else corrected


def adjusted_share(k: int, n: int, confusion: Confusion, positive: tuple[str, ...]) -> dict | None:
    """{"corrected", "interval": [low, high]} of the true share behind k of n; None for n = 0."""
    if not n:
        return None
    tpr, fpr = confusion.rates(positive)
    return {"corrected": rogan_gladen(k / n, tpr, fpr), "interval": _percentiles(share_draws(k, n, confusion, positive))}


def classified_share_interval(k: int, n: int, confusion: Confusion, positive: tuple[str, ...]) -> list[float] | None:
    """The 95 % interval of a conversation figure k of n: its sample's and the classifier's
    uncertainty (the bootstrap's spread around its own point, before either is kept in
    [0, 1]), around the value shown, k / n."""
    if not n:
        return None
    tpr, fpr = confusion.rates(positive)
    point = (k / n - fpr) / (tpr - fpr) if tpr - fpr > 1e-9 else k / n
    low, high = _percentiles(share_draws(k, n, confusion, positive, clip=False) - point + k / n)
    return [max(0.0, low), min(1.0, high)]


def _percentiles(draws: np.ndarray, scale: float = 1.0) -> list[float]:
    low, high = np.quantile(draws, [(1 - LEVEL) / 2, (1 + LEVEL) / 2])
    return [float(low) * scale, float(high) * scale]


def _invert(observed: np.ndarray, given_truth: np.ndarray) -> np.ndarray:
    """The true class shares π with given_truth @ π = observed, where given_truth[..., i, j] =
    P(predicted i | true j); kept non-negative and summing to one. Batched over leading axes."""
    try:
        solved = np.linalg.solve(given_truth, observed[..., None])[..., 0]
    except np.linalg.LinAlgError:   # a singular draw: least squares, one at a time
        solved = np.stack([np.linalg.lstsq(g, o, rcond=None)[0]
                           for g, o in zip(given_truth.reshape(-1, *given_truth.shape[-2:]),
                                           observed.reshape(-1, observed.shape[-1]))]).reshape(observed.shape)
    solved = np.clip(solved, 0.0, None)
    total = solved.sum(axis=-1, keepdims=True)
    return np.where(total > 0, solved / np.where(total > 0, total, 1.0), observed)


def _share_draws(counts: dict[str, int], confusion: Confusion, draws: int = DRAWS):
    """(point, draws) of the true class shares behind predicted label counts: the point by
    inverting the smoothed confusion matrix, the draws (draws × classes) from the bootstrap
    over the sample and the confusion's rows. None without observations."""
    labels = confusion.labels
    observed = np.array([counts.get(label, 0) for label in labels], dtype=float)
    n = observed.sum()
    if not n:
        return None
    by_truth = confusion.counts.astype(float)                 # row j: how the true label j was predicted
    smoothed = (by_truth + 0.5) / (by_truth.sum(axis=1, keepdims=True) + 0.5 * len(labels))
    point = _invert(observed / n, smoothed.T)
    rng = np.random.default_rng([int(x) for x in observed] + [int(x) for x in confusion.counts.ravel()])
    # each true label's row of predictions from its Dirichlet posterior, then transposed:
    # given_truth[d, i, j] = P(predicted i | true j) in draw d
    rows = np.stack([rng.dirichlet(by_truth[j] + 0.5, size=draws) for j in range(len(labels))], axis=1)
    shares = rng.dirichlet(observed + 0.5, size=draws)
    return point, _invert(shares, np.swapaxes(rows, 1, 2))


def adjusted_index(counts: dict[str, int], confusion: Confusion, weights: dict[str, float] = NET_SENTIMENT,
                   draws: int = DRAWS) -> dict | None:
    """{"corrected", "interval"} of Σ weight × true share (net sentiment: positive minus
    negative) behind the predicted label counts; None without messages."""
    found = _share_draws(counts, confusion, draws)
    if found is None:
        return None
    point, values = found
    w = np.array([weights.get(label, 0.0) for label in confusion.labels])
    return {"corrected": float(w @ point), "interval": _percentiles(values @ w)}


def adjusted_shares(counts: dict[str, int], confusion: Confusion, draws: int = DRAWS) -> dict | None:
    """label -> {"corrected", "interval"}: each class's true share behind the predicted
    label counts (category mix); None without observations."""
    found = _share_draws(counts, confusion, draws)
    if found is None:
        return None
    point, values = found
    return {label: {"corrected": float(point[i]), "interval": _percentiles(values[:, i])}
            for i, label in enumerate(confusion.labels)}


def _counts(row: dict, figure: Figure) -> tuple[int, int]:
    from pipelines.contract.kpis import RATES

    numerator, denominator = RATES[figure.rate]
    return int(row.get(numerator) or 0), int(row.get(denominator) or 0)


def rate_interval(row: dict, rate: str, confusion: dict[str, Confusion]) -> tuple[float, float] | None:
    """One rate's 95 % interval in one row of the metrics mart: the classifier's uncertainty
    included for a label-derived rate, the sample's alone (Wilson) for the others. For a
    chart that shows one rate: only that one is computed."""
    from pipelines.contract.kpis import interval

    figure = BY_RATE.get(rate)
    if figure is None or figure.task not in confusion:
        return interval(row, rate)
    found = classified_share_interval(*_counts(row, figure), confusion[figure.task], figure.positive)
    return tuple(found) if found else None


def figure_uncertainty(row: dict, confusion: dict[str, Confusion], flows: dict[str, int] | None = None) -> dict:
    """For one row of the metrics mart: `<key>_interval` beside every label-derived figure
    it has (rates as shares, counts as conversations, net sentiment as an index, and
    `competitor_flows_interval` per destination), and `net_sentiment_corrected`. Empty
    without a confusion (a model trained without one)."""
    out: dict = {}
    for figure in FIGURES:
        if figure.task not in confusion:
            continue
        k, n = _counts(row, figure)
        interval = classified_share_interval(k, n, confusion[figure.task], figure.positive)
        out[f"{figure.rate}_interval"] = interval
        for count in figure.counts:   # a count is its rate times the rate's denominator
            out[f"{count}_interval"] = None if interval is None else [interval[0] * n, interval[1] * n]
        if figure.rate == "churn_signal_rate" and flows is not None:
            # each destination moves with the whole: the same relative interval
            out["competitor_flows_interval"] = {
                to: [v * interval[0] * n / k, v * interval[1] * n / k] if interval and k else None
                for to, v in flows.items()}
    if "sentiment" in confusion and row.get("customer_messages") is not None:
        counts = {"positive": row.get("positive_messages") or 0, "negative": row.get("negative_messages") or 0}
        counts["neutral"] = (row["customer_messages"] or 0) - counts["positive"] - counts["negative"]
        found = adjusted_index(counts, confusion["sentiment"])
        out["net_sentiment_corrected"] = found["corrected"] if found else None
        out["net_sentiment_interval"] = found["interval"] if found else None
    return out


def with_intervals(rows: dict, confusion: dict[str, Confusion]) -> dict:
    """Each metrics row with figure_uncertainty's keys added. Comparisons read them through
    pipelines/contract/kpis.py `interval`, which gives a rate without one its Wilson interval."""
    return {key: {**row, **figure_uncertainty(row, confusion)} for key, row in rows.items()}


def category_intervals(counts: dict[str, dict[str, int]], confusion: dict[str, Confusion]) -> dict[tuple, list]:
    """(operator, category) -> the 95 % interval of the category's true share of the
    operator's conversations (the opening post's category: adjusted_shares)."""
    if "category" not in confusion:
        return {}
    out = {}
    for op, mix in counts.items():
        for category, found in (adjusted_shares(mix, confusion["category"]) or {}).items():
            out[(op, category)] = found["interval"]
    return out

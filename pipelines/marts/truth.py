"""On a demo warehouse, whose true labels are known: the metrics from the classifier's
labels beside the truth's, and how often the classification-uncertainty interval
(pipelines/marts/uncertainty.py) holds the truth, per operator and per operator-week."""
from __future__ import annotations

from pipelines.marts.metrics import Choices, operator_rows, period_metrics
from pipelines.marts.uncertainty import figure_uncertainty, load_confusion

COMPARED = ("response_rate", "frt_median_min", "escalation_success_rate", "churn_signals", "churn_signal_rate",
            "net_sentiment", "sentiment_recovery_rate")
# issue 14's test of the figures an executive quotes: per operator, within 2 points of the truth
WITHIN_2_POINTS = ("escalation_success_rate", "churn_signal_rate")
# the label-derived figures whose interval is checked week by week
WEEKLY = ("churn_signal_rate", "escalation_success_rate", "escalation_rate", "deflection_rate",
          "repeated_data_request_rate", "sentiment_recovery_rate", "net_sentiment")


def both_periods(con, choices: Choices | None = None) -> tuple[dict, dict]:
    """The period's metrics per operator from the classifier's labels and from the truth."""
    choices = choices or Choices()
    return period_metrics(con, choices, "main"), period_metrics(con, choices, "truth")


def truth_comparison(con, choices: Choices | None = None, periods: tuple[dict, dict] | None = None) -> list[dict]:
    """Per operator and metric: the value from the classifier's labels, its corrected value
    and interval (label-derived metrics), the value from the true labels, and the
    difference (relative for counts). `periods`: both_periods's, when already at hand."""
    model, truth = periods or both_periods(con, choices)
    rows = []
    for op in sorted(set(model) & set(truth)):
        for name in COMPARED:
            a, b = model[op][name], truth[op][name]
            if a is None or b is None:
                continue
            diff = a - b
            rows.append({"operator": op, "metric": name, "classifier": a, "truth": b, "difference": diff,
                         "relative": diff / b if name == "churn_signals" and b else None,
                         "corrected": model[op].get(f"{name}_corrected"),
                         "interval": model[op].get(f"{name}_interval")})
    return rows


def within_two_points(rows: list[dict]) -> dict[str, tuple[int, int]]:
    """metric -> (operators within 0.02 of the truth, operators) for WITHIN_2_POINTS, from
    truth_comparison's rows (the value shown: corrected where a correction applies)."""
    out = {}
    for name in WITHIN_2_POINTS:
        gaps = [abs((r["corrected"] if r["corrected"] is not None else r["classifier"]) - r["truth"])
                for r in rows if r["metric"] == name]
        out[name] = (sum(gap <= 0.02 + 1e-12 for gap in gaps), len(gaps))
    return out


def _weekly_rows(con, choices: Choices, target: str) -> dict[tuple, dict]:
    rows = operator_rows(con, choices, target, grain=("operator", "opened_week_start"))
    return {(r["operator"], r["opened_week_start"]): r for r in rows}


def weekly_coverage(con, choices: Choices | None = None) -> dict[str, dict]:
    """figure -> {"weeks": operator-weeks with a value, "inside": how many intervals hold the
    truth, "raw_error" and "corrected_error": the mean absolute gap to the truth of the
    classifier's value and of the value shown (corrected where a correction applies)}."""
    choices = choices or Choices()
    confusion = load_confusion(con)
    model = _weekly_rows(con, choices, "main")
    truth = _weekly_rows(con, choices, "truth")
    out = {name: {"weeks": 0, "inside": 0, "raw_error": 0.0, "corrected_error": 0.0} for name in WEEKLY}
    for key, row in model.items():
        if key not in truth:
            continue
        found = figure_uncertainty(row, confusion)
        for name in WEEKLY:
            interval, true, raw = found.get(f"{name}_interval"), truth[key].get(name), row.get(name)
            if interval is None or true is None or raw is None:
                continue
            tally = out[name]
            tally["weeks"] += 1
            tally["inside"] += interval[0] - 1e-12 <= true <= interval[1] + 1e-12
            tally["raw_error"] += abs(raw - true)
            tally["corrected_error"] += abs(found.get(f"{name}_corrected", raw) - true)
    for tally in out.values():
        if tally["weeks"]:
            tally["raw_error"] /= tally["weeks"]
            tally["corrected_error"] /= tally["weeks"]
    return out


def category_check(periods: tuple[dict, dict]) -> dict:
    """Category mix per operator over the period (both_periods's): how often the corrected
    share's interval holds the true share, and the mean absolute gap of the raw and the
    corrected shares."""
    model, truth = periods
    tally = {"shares": 0, "inside": 0, "raw_error": 0.0, "corrected_error": 0.0}
    for op, figures in model.items():
        if op not in truth or "category_shares_interval" not in figures:
            continue
        for category, (low, high) in figures["category_shares_interval"].items():
            true = truth[op]["category_shares"].get(category, 0.0)
            tally["shares"] += 1
            tally["inside"] += low <= true <= high
            tally["raw_error"] += abs(figures["category_shares"].get(category, 0.0) - true)
            tally["corrected_error"] += abs(figures["category_shares_corrected"][category] - true)
    if tally["shares"]:
        tally["raw_error"] /= tally["shares"]
        tally["corrected_error"] /= tally["shares"]
    return tally

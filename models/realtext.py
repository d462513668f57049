"""Real text nobody on the team wrote, read in place to measure the classifier.

SENTIPOLC 2016's gold test set (real Italian tweets, CC BY-NC-SA 3.0 IT) sits in the shared
folder beside the repository. Its licence is non-commercial, so it is only ever read from
there to score the shipped model: never trained on, never copied into the repository.
"""
from __future__ import annotations

import csv
import os
from pathlib import Path

SENTIPOLC = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "sentipolc" / \
    "sentipolc16_test_gold2000.csv"


def sentipolc_path() -> Path:
    return Path(os.environ.get("CARE_SENTIPOLC") or SENTIPOLC)


def polarity(opos: str, oneg: str) -> str | None:
    """The product's sentiment for SENTIPOLC's overall polarity flags; None for the mixed
    rows (both flags set), which have no single label here."""
    return {("1", "0"): "positive", ("0", "1"): "negative", ("0", "0"): "neutral"}.get((opos, oneg))


def load_sentipolc(path: Path | None = None) -> tuple[list[str], list[str], dict]:
    """(texts, sentiments, counts) from the gold file; counts says how many rows were read,
    left out as mixed, or unreadable (the original has two malformed lines)."""
    path = path or sentipolc_path()
    texts, labels = [], []
    counts = {"rows": 0, "mixed": 0, "malformed": 0}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            counts["rows"] += 1
            if len(row) < 9 or row[2] not in ("0", "1") or row[3] not in ("0", "1"):
                counts["malformed"] += 1
                continue
            label = polarity(row[2], row[3])
            if label is None:
                counts["mixed"] += 1
                continue
            texts.append(",".join(row[8:]))   # some texts hold an unquoted comma
            labels.append(label)
    return texts, labels, counts

"""What predicts for a saved model file in a process that labels: the predictor saved
beside it (models.predictor: NumPy arrays, scikit-learn never imported), else the model."""
from __future__ import annotations

import zipfile
from pathlib import Path

from models import predictor
from models.saved import read_saved


def for_model_file(model_file: Path):
    """The predictor saved beside `model_file` when it is of the model's version, else the
    model itself (loaded with scikit-learn: a model saved by older code has no predictor,
    and one saved again by it leaves a stale one). Each tells its version, which the
    labelling workers report before they are used."""
    arrays = predictor.path_for(model_file)
    if arrays.exists():
        try:
            fast = predictor.load(arrays)
        except (OSError, KeyError, ValueError, zipfile.BadZipFile):   # half-written, or not ours
            fast = None
        if fast is not None and fast.version == read_saved(model_file).version:
            return fast
    from models.classifier import load
    return load(model_file)

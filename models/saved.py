"""Where the saved model lives, and what a pipeline reads of it without loading it.

Loading a model (models.classifier.load) means importing scikit-learn and reading its
arrays: about two seconds. A pipeline whose worker processes do the labelling needs
only the model's version and meta in its own process: read_saved takes them from the
file's schema.
"""
from __future__ import annotations

import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parent / "artifacts"


def model_dir() -> Path:
    return Path(os.environ.get("CARE_MODEL_DIR") or MODEL_DIR)


def model_path() -> Path:
    return model_dir() / "care_model.skops"


class ModelChanged(RuntimeError):
    """The saved model was trained again while a run was labelling with it."""


@dataclass
class SavedModel:
    """A saved model's version and meta, and the file to load it from
    (models.classifier.load)."""
    version: str
    meta: dict
    path: Path


def read_saved(path: Path | None = None) -> SavedModel:
    """The version and meta of the model file at `path`, from the skops file's schema
    (plain JSON: nothing in it is run). ValueError for a file that save() did not write."""
    path = path or model_path()
    try:
        with zipfile.ZipFile(path) as archive:
            content = json.loads(archive.read("schema.json"))["content"]
        version, meta = (json.loads(content[key]["content"]) for key in ("version", "meta"))
        if isinstance(version, str) and isinstance(meta, str):
            return SavedModel(version, json.loads(meta), path)
    except (KeyError, TypeError, ValueError, zipfile.BadZipFile):
        pass
    raise ValueError(f"{path}: not a model file as `python -m models train` writes it")

"""The model's predictions as numbers: what a labelling worker loads instead of the model.

A labelling worker used to import scikit-learn and skops and unpickle the model (about
1.5 CPU-seconds and 190 MB of memory each) to do what is, once trained, arithmetic: hash
the features (models.feature_matrix), weigh them by TF-IDF, one matrix product per role
for its logistic heads. A `Predictor` holds those arrays, is saved beside the model as
plain NumPy arrays (`care_model.predict.npz`: no pickle, loaded with
allow_pickle=False), and predicts with NumPy and SciPy alone, with the same arithmetic as
sklearn on the same memory layout, so that labels and probabilities are equal to the
last bit (tests/test_fast_features.py). models.classifier builds it from a trained model
(`CareModel.predictor`) and predicts through it too.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy.special import expit

from models.feature_matrix import FeatureMatrix

SUFFIX = ".predict.npz"


@dataclass(frozen=True)
class Heads:
    """A role's logistic heads side by side: one (n_features, columns) coefficient matrix,
    the intercepts, each task's number of columns and its classes."""
    tasks: tuple[str, ...]
    coef: np.ndarray
    intercept: np.ndarray
    widths: tuple[int, ...]
    classes: tuple[np.ndarray, ...]


@dataclass
class Predictor:
    version: str
    features: FeatureMatrix
    sublinear_tf: bool
    idf: np.ndarray
    l2: bool                 # whether TF-IDF normalises each row to unit length
    roles: dict[str, Heads]

    def predict(self, texts: list[str], role: str) -> dict[str, tuple[list[str], np.ndarray]]:
        """task -> (labels, confidences) for the tasks of `role`, as CareModel.predict."""
        heads = self.roles[role]
        return labelled(texts, heads.tasks, lambda unique: self.probabilities(self.transform(unique), heads),
                        dict(zip(heads.tasks, heads.classes)))

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        """The vectoriser's matrix: counts, then TfidfTransformer.transform's arithmetic in place."""
        matrix = self.features.transform(texts)
        if self.sublinear_tf:
            np.log(matrix.data, matrix.data)
            matrix.data += 1.0
        matrix.data *= self.idf[matrix.indices]
        if self.l2:
            _normalise_rows(matrix)
        return matrix

    @staticmethod
    def probabilities(matrix, heads: Heads) -> dict[str, np.ndarray]:
        """task -> OneVsRestClassifier.predict_proba of its logistic regressions, by one
        matrix product for all of the role's tasks."""
        scores = matrix @ heads.coef
        scores += heads.intercept
        expit(scores, out=scores)
        out, start = {}, 0
        for task, width in zip(heads.tasks, heads.widths):
            # OneVsRestClassifier.predict_proba's arithmetic on the same memory layout, so
            # that the probabilities are equal to the last bit
            proba = np.asfortranarray(scores[:, start:start + width])
            row_sums = np.sum(proba, axis=1)[:, np.newaxis]
            np.divide(proba, row_sums, out=proba, where=row_sums != 0)
            out[task], start = proba, start + width
        return out

    def save(self, path: Path) -> Path:
        arrays = {"version": np.array(self.version), "n_features": np.array(self.features.n_features),
                  "dtype": np.array(self.features.dtype.str), "sublinear_tf": np.array(self.sublinear_tf),
                  "l2": np.array(self.l2), "idf": self.idf}
        for role, heads in self.roles.items():
            # most hashed columns never occur in training and weigh nothing: only the rest is kept
            rows = np.flatnonzero(np.any(heads.coef != 0, axis=1))
            arrays |= {f"{role}/tasks": np.array(heads.tasks), f"{role}/rows": rows,
                       f"{role}/coef": heads.coef[rows], f"{role}/intercept": heads.intercept,
                       f"{role}/widths": np.array(heads.widths)}
            arrays |= {f"{role}/classes/{task}": np.asarray(classes).astype(str)
                       for task, classes in zip(heads.tasks, heads.classes)}
        tmp = path.with_name(path.name + ".tmp")
        with open(tmp, "wb") as fh:
            np.savez(fh, **arrays)
        os.replace(tmp, path)
        return path


def load(path: Path) -> Predictor:
    with np.load(path, allow_pickle=False) as found:
        n_features = int(found["n_features"])
        roles = {}
        for role in sorted({key.split("/")[0] for key in found.files if "/" in key}):
            tasks = tuple(str(task) for task in found[f"{role}/tasks"])
            kept = found[f"{role}/coef"]
            coef = np.zeros((n_features, kept.shape[1]), dtype=kept.dtype)
            coef[found[f"{role}/rows"]] = kept
            roles[role] = Heads(tasks, coef, found[f"{role}/intercept"],
                                tuple(int(w) for w in found[f"{role}/widths"]),
                                tuple(found[f"{role}/classes/{task}"].astype(object) for task in tasks))
        return Predictor(str(found["version"]), FeatureMatrix(n_features, np.dtype(str(found["dtype"]))),
                         bool(found["sublinear_tf"]), found["idf"], bool(found["l2"]), roles)


def path_for(model_file: Path) -> Path:
    """Where the predictor of the model saved in `model_file` lives."""
    return model_file.with_name(model_file.stem + SUFFIX)


def labelled(texts: list[str], tasks: tuple[str, ...], probabilities, classes: dict[str, np.ndarray]
             ) -> dict[str, tuple[list[str], np.ndarray]]:
    """task -> (labels, confidences) of `texts`, each distinct text scored once by
    `probabilities(distinct texts)` (task -> one row of probabilities per text)."""
    if not texts:
        return {t: ([], np.zeros(0)) for t in tasks}
    unique = list(dict.fromkeys(texts))
    if len(unique) == len(texts):
        back = np.arange(len(texts))
    else:
        position = {text: i for i, text in enumerate(unique)}
        back = np.fromiter((position[t] for t in texts), dtype=np.int64, count=len(texts))
    out = {}
    for task, proba in probabilities(unique).items():
        best = proba.argmax(axis=1)
        labels = classes[task][best]
        out[task] = (labels[back].tolist(), proba[np.arange(len(unique)), best][back])
    return out


def _normalise_rows(matrix: sp.csr_matrix) -> None:
    """sklearn's inplace_csr_row_normalize_l2: each row divided by the square root of its
    sum of squares, summed in the row's order (a CSR product with ones sums that way)."""
    squares = sp.csr_matrix((matrix.data * matrix.data, matrix.indices, matrix.indptr), shape=matrix.shape)
    norms = np.sqrt(squares @ np.ones(matrix.shape[1]))
    norms[norms == 0.0] = 1.0   # an empty row stays as it is
    matrix.data /= np.repeat(norms, np.diff(matrix.indptr))

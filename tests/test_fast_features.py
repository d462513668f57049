"""The fast prediction path (models.feature_matrix, the side-by-side heads) against the
reference it replaces: sklearn's HashingVectorizer over features.analyze, and each head's
own predict_proba. Equal matrices, equal labels, equal probabilities, on the corpus, on
demo messages, on texts made to be awkward and on seeded random ones."""
from __future__ import annotations

import dataclasses
import pickle
import random
import subprocess
import sys

import numpy as np
import pytest

from models import feature_matrix, features, predictor
from models.classifier import load, save
from models.corpus import load_corpus
from models.feature_matrix import FeatureMatrix
from models.int_table import IntTable
from models.predicting import for_model_file
from models.saved import MODEL_DIR
from pipelines.contract.labels import BRAND_TASKS, CUSTOMER_TASKS
from pipelines.contract.operators import Operators
from pipelines.demo.generator import DemoParams, generate

EDGE_TEXTS = [
    "", " ", "\n\t ", "a", "!", "!!!", "???", "?!?!", "!?", "a!b?c", "ciao!!! davvero???",
    "😡", "😡😡😡 ma dai", "👍🏻👍", "☀️ sole", "perché è così? già", "ÀÈÌÒÙ PERCHÉ", "Ça va, naïve café",
    "http://tim.it/offerta?x=1:)", "www.vodafone.it/fibra!!", "vedi https://t.co/abc e http://x.y",
    "@TIM_Official non va", "@tim: @wind3 @iliad!!", "mail a info@tim.it", ":)", ":-(", ";)", ":D", "xD",
    "XD", "xd", "Xd", "ciao xD", "ciao xD :)", "lol xD;", "<3", "<333 ti amo", "^_^", "=)", "D:", ":'(",
    "x:)", "xd:)", ":):(:D", "grazie:)", "no:(", "ok :-) ok :-/ ok :|", "nooooo", "siiii grazieeee",
    "no no no no no", "non non non", "1234 12345 123 0000 2024", "non mi piace per niente",
    "non è male, anzi ottimo", "mai più, nessun problema, senza rete", "ΟΔΟΣ Σ σς", "İstanbul İ",
    "tab\tseparated\vvertical\fform", "nbsp\u00a0separated\u2003em", "nel\x85next\x1cfile", "zero\u200bwidth",
    "riga uno\r\nriga due", "a_b_c __init__ _url _smile", "questo è un testo " * 400,
    " ".join(f"parola{i} rete" for i in range(300)),
]


def random_texts(n: int, seed: int) -> list[str]:
    """Texts glued from pieces that the analyzer treats specially, with all kinds of space."""
    pieces = ["ciao", "Rete", "NON", "non", "mai", "fibra", "funziona", "funzionava", "perché", "è", "xD", "XD",
              "xd", "Xd", "d", "D", ":", ";", "=", "<", "3", "^", "_", "-", "'", ")", "(", "/", "\\", "|", "]",
              "[", "p", "P", "!", "?", "!!", "?!", "@", "@tim", "http://", "https://x.it/", "www.", ".it",
              "😡", "👍", "☀", "à", "É", "1234", "99", "\x85", "\u00a0", "nooo", "ottimo", "pessimo",
              "senza", "grazie", "disdetta", "#"]
    spaces = ["", "", "", " ", " ", "  ", "\n", "\t", "\u2003"]
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) + rng.choice(spaces) for _ in range(rng.randint(0, 30))) for _ in range(n)]


def demo_texts(n: int) -> list[str]:
    rows = [r for batch, _, _ in generate(DemoParams(messages=n, seed=5), Operators.load()) for r in batch]
    return list(dict.fromkeys(r["text"] for r in rows))


@pytest.fixture(scope="module")
def texts() -> dict[str, list[str]]:
    corpus = [e.text for e in load_corpus()]
    return {"corpus": corpus[:3000], "demo": demo_texts(3000), "edge": EDGE_TEXTS,
            "random": random_texts(3000, seed=7)}


@pytest.fixture(scope="module")
def models(trained_model) -> list:
    """The model trained for this run and, when there is one, the shipped artefact."""
    shipped = MODEL_DIR / "care_model.skops"
    return [trained_model] + ([load(shipped)] if shipped.exists() else [])


def assert_same_matrix(fast, reference) -> None:
    assert fast.shape == reference.shape
    assert fast.has_sorted_indices and fast.indices.dtype == reference.indices.dtype
    assert np.array_equal(fast.indptr, reference.indptr)
    assert np.array_equal(fast.indices, reference.indices)
    assert np.array_equal(fast.data, reference.data) and fast.data.dtype == reference.data.dtype


@pytest.mark.parametrize("source", ["corpus", "demo", "edge", "random"])
def test_fast_matrix_equals_the_vectorizers(trained_model, texts, source):
    hashing = trained_model.vectorizer.steps[0][1]
    assert_same_matrix(FeatureMatrix(hashing.n_features, hashing.dtype).transform(texts[source]), hashing.transform(texts[source]))


def test_what_it_remembers_does_not_change_the_matrix(trained_model, texts, monkeypatch):
    """Batch by batch, one text at a time, a batch in slices, and with a memory so small
    that it is emptied between slices: the same matrix as the vectoriser's."""
    hashing = trained_model.vectorizer.steps[0][1]
    fast = FeatureMatrix(hashing.n_features, hashing.dtype)
    for source in ("edge", "random", "demo", "corpus", "edge"):
        assert_same_matrix(fast.transform(texts[source]), hashing.transform(texts[source]))
    for text in EDGE_TEXTS[:20]:
        assert_same_matrix(fast.transform([text]), hashing.transform([text]))
    monkeypatch.setattr(feature_matrix, "_SLICE", 700)
    assert_same_matrix(fast.transform(texts["corpus"]), hashing.transform(texts["corpus"]))
    monkeypatch.setattr(feature_matrix, "_MAX_CHUNKS", 10)
    monkeypatch.setattr(feature_matrix, "_MAX_PAIRS", 10)
    for source in ("random", "edge"):
        assert_same_matrix(fast.transform(texts[source]), hashing.transform(texts[source]))


def test_a_model_that_has_predicted_still_pickles(trained_model):
    trained_model.predict(EDGE_TEXTS, "customer")
    copy = pickle.loads(pickle.dumps(trained_model))
    assert copy.predict(EDGE_TEXTS, "customer")["category"][0] == trained_model.predict(EDGE_TEXTS, "customer")["category"][0]


def test_a_text_holding_the_end_mark_takes_the_vectorizers_way(trained_model):
    hashing = trained_model.vectorizer.steps[0][1]
    batch = ["prima\x00seconda", "http://x.it\x00non va", "ciao"]
    assert_same_matrix(FeatureMatrix(hashing.n_features, hashing.dtype).transform(batch), hashing.transform(batch))


def test_switching_word_knowledge_is_followed(trained_model, texts):
    hashing = trained_model.vectorizer.steps[0][1]
    fast = FeatureMatrix(hashing.n_features, hashing.dtype)
    fast.transform(texts["edge"])
    try:
        features.configure(lemma_features=True, polarity=False)
        assert_same_matrix(fast.transform(texts["edge"] + texts["corpus"][:500]),
                           hashing.transform(texts["edge"] + texts["corpus"][:500]))
    finally:
        features.configure()
    assert_same_matrix(fast.transform(texts["edge"]), hashing.transform(texts["edge"]))


@pytest.mark.parametrize("role, tasks", [("customer", CUSTOMER_TASKS), ("brand", BRAND_TASKS)])
def test_predict_equals_the_reference_path(models, texts, role, tasks):
    batch = texts["demo"] + texts["edge"] + texts["random"][:500] + texts["demo"][:200]   # with repeats
    for model in models:
        reference = dataclasses.replace(model, fast=False)
        fast_path = model.predictor()
        fast_matrix, reference_matrix = fast_path.transform(batch), reference.transform(batch)
        assert_same_matrix(fast_matrix, reference_matrix)   # TF-IDF's arithmetic, to the last bit
        fast_proba = fast_path.probabilities(fast_matrix, fast_path.roles[role])
        for task in tasks:
            assert np.abs(fast_proba[task] - model.heads[task].predict_proba(reference_matrix)).max() < 1e-12
        fast, slow = model.predict(batch, role), reference.predict(batch, role)
        assert set(fast) == set(slow) == set(tasks)
        for task in tasks:
            assert fast[task][0] == slow[task][0], task
            assert np.abs(fast[task][1] - slow[task][1]).max() < 1e-9, task


def test_the_int_table_finds_what_it_was_given_and_nothing_else():
    rng = np.random.default_rng(3)
    keys = np.unique(rng.integers(0, 2**62, 50_000))
    table = IntTable(bits=4)   # grows many times on the way
    for part in np.array_split(np.arange(len(keys)), 7):
        table.add(keys[part], (part % 1000).astype(np.int32))
    assert len(table) == len(keys)
    assert np.array_equal(table.get(keys), (np.arange(len(keys)) % 1000).astype(np.int32))
    assert (table.get(np.setdiff1d(rng.integers(0, 2**62, 1000), keys)) == -1).all()


def test_the_saved_predictor_predicts_as_the_model(trained_model, texts, tmp_path):
    """The arrays a labelling worker loads (models.predictor) give the model's labels and
    confidences, equal to the last bit, for both roles."""
    saved = predictor.load(trained_model.predictor().save(tmp_path / "m.predict.npz"))
    assert saved.version == trained_model.version
    batch = texts["demo"] + texts["edge"] + texts["random"][:300]
    for role in ("customer", "brand"):
        loaded, model = saved.predict(batch, role), trained_model.predict(batch, role)
        assert set(loaded) == set(model)
        for task in model:
            assert loaded[task][0] == model[task][0], task
            assert np.array_equal(loaded[task][1], model[task][1]), task


def test_a_labelling_worker_never_imports_scikit_learn(trained_model, tmp_path):
    model_file = tmp_path / "care_model.skops"
    save(trained_model, model_file)
    assert predictor.path_for(model_file).exists()
    script = (f"import sys; from pipelines.labels import classify as c; c._init_worker({str(model_file)!r}, "
              "__import__('os').getppid()); labels = c._worker['model'].predict(['la fibra non va'], 'customer'); "
              "print(c._loaded_version(), labels['category'][0][0], 'sklearn' in sys.modules, 'skops' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    assert out == [trained_model.version, trained_model.predict(["la fibra non va"], "customer")["category"][0][0],
                   "False", "False"]


def test_a_predictor_of_another_version_is_not_used(trained_model, tmp_path):
    """A model file saved again without its predictor (by older code, say) leaves the old
    arrays beside it: they are of another version, so the model itself is loaded."""
    model_file = tmp_path / "care_model.skops"
    save(trained_model, model_file)
    assert isinstance(for_model_file(model_file), predictor.Predictor)
    stale = dataclasses.replace(trained_model.predictor(), version="care-0000000000")
    stale.save(predictor.path_for(model_file))
    loaded = for_model_file(model_file)
    assert not isinstance(loaded, predictor.Predictor) and loaded.version == trained_model.version
    predictor.path_for(model_file).write_bytes(b"not an archive")
    assert not isinstance(for_model_file(model_file), predictor.Predictor)

"""The care classifier: label ids, corpus and split, predictions, persistence, and an
evaluation that can fail."""
from __future__ import annotations

import json
import random
import re

import pytest
from sklearn.metrics import f1_score

from models.classifier import TRUSTED_TYPES, load, save, train
from models.competitors import CompetitorFinder
from models.corpus import NEAR_DUPLICATE, labelled, load_corpus, max_similarity, split
from pipelines.contract import labels
from pipelines.contract.operators import Operators


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


@pytest.fixture(scope="module")
def split_corpus(corpus):
    return split(corpus)


def test_label_ids_are_exactly_the_contract():
    assert labels.SENTIMENT == ("negative", "neutral", "positive")
    assert labels.CATEGORY == ("billing", "network", "activation_porting", "offers_devices",
                               "telemarketing_privacy", "cancellation_contract", "customer_service", "other")
    assert labels.CHURN == ("none", "threat", "switched", "cancel")
    assert labels.ACT == ("acknowledge", "request_data", "escalate", "resolve", "deflect", "other")
    assert labels.FOLLOWUP == ("none", "fixed", "still_broken")


def test_corpus_is_big_enough_and_every_class_is_present(corpus):
    customers = [e for e in corpus if e.role == "customer"]
    brands = [e for e in corpus if e.role == "brand"]
    assert len(customers) >= 3000 and len(brands) >= 1000
    assert sum(e.lang == "it" for e in customers) >= 3000
    for task, (role, ids) in labels.TASKS.items():
        counts = {i: sum(e.labels.get(task) == i for e in corpus if e.role == role) for i in ids}
        assert min(counts.values()) >= 100, (task, counts)


def test_split_is_deterministic_and_has_no_near_duplicates(corpus, split_corpus):
    train_set, test, report = split_corpus
    assert [e.id for e in split(corpus)[1]] == [e.id for e in test]
    assert not {e.id for e in train_set} & {e.id for e in test}
    assert 0.15 < len(test) / len(corpus) < 0.25
    for role in ("customer", "brand"):
        sims = max_similarity([e.text for e in test if e.role == role], [e.text for e in train_set if e.role == role])
        assert sims.max() < NEAR_DUPLICATE
    assert report["highest_test_train_similarity"] < NEAR_DUPLICATE


@pytest.mark.parametrize("text, expected", [
    ("@TIM_Official senza internet da tre giorni, la fibra non va e nessuno viene a ripararla", {"category": "network", "sentiment": "negative"}),
    ("@VodafoneIT mi avete addebitato 30 euro in più in bolletta senza motivo, rimborsatemi", {"category": "billing", "sentiment": "negative"}),
    ("@WINDTRE basta, se entro domani non risolvete passo a Iliad", {"churn": "threat"}),
    ("sono passato a Fastweb la settimana scorsa, addio @TIM_Official", {"churn": "switched"}),
    ("voglio disdire il contratto, come faccio a inviare la disdetta?", {"churn": "cancel", "category": "cancellation_contract"}),
    ("ora funziona tutto, grazie mille per l'aiuto!", {"sentiment": "positive", "followup": "fixed"}),
    ("ancora nulla, stesso problema di ieri", {"followup": "still_broken", "sentiment": "negative"}),
])
def test_clear_italian_customer_examples(trained_model, text, expected):
    predicted = trained_model.predict([text], "customer")
    assert {task: predicted[task][0][0] for task in expected} == expected


@pytest.mark.parametrize("text, act", [
    ("Ciao Marco, ci scrivi in DM il numero della linea e il codice cliente? Così verifichiamo", "request_data"),
    ("Abbiamo aperto una segnalazione al team tecnico, ti aggiorniamo appena possibile", "escalate"),
    ("Per questa richiesta devi chiamare il 187 oppure usare l'app MyTIM", "deflect"),
    ("Il rimborso è stato disposto, lo troverai nella prossima fattura", "resolve"),
])
def test_clear_italian_operator_replies(trained_model, text, act):
    labels_, confidence = trained_model.predict([text], "brand")["act"]
    assert labels_ == [act] and 0 < confidence[0] <= 1


def test_repeated_texts_get_the_same_labels(trained_model):
    texts = ["ancora nulla", "la linea è morta", "ancora nulla"]
    out = trained_model.predict(texts, "customer")
    assert out["sentiment"][0][0] == out["sentiment"][0][2] and len(out["sentiment"][0]) == 3


def test_skops_round_trip_and_untrusted_files_refused(trained_model, tmp_path, split_corpus):
    path = save(trained_model, tmp_path / "m.skops")
    again = load(path)
    texts = [e.text for e in split_corpus[1] if e.role == "customer"][:50]
    assert again.version == trained_model.version
    assert again.predict(texts, "customer")["category"][0] == trained_model.predict(texts, "customer")["category"][0]
    import skops.io as sio
    import skops.io.exceptions as sx
    assert set(sio.get_untrusted_types(file=path)) <= set(TRUSTED_TYPES)
    evil = tmp_path / "evil.skops"
    sio.dump({"version": "x", "vectorizer": random.Random, "heads": {}, "meta": "{}"}, evil)
    with pytest.raises(sx.UntrustedTypesFoundException):
        load(evil)


def test_a_saved_models_version_and_meta_are_read_from_its_schema(trained_model, tmp_path):
    """What the pipeline's own process reads when workers label: the same version and
    meta (the held-out confusion included) as loading the model gives; a file laid out
    otherwise is refused, not misread."""
    import subprocess
    import sys

    from models.saved import read_saved
    path = save(trained_model, tmp_path / "m.skops")
    saved = read_saved(path)
    assert (saved.version, saved.meta) == (trained_model.version, trained_model.meta)
    assert saved.meta["confusion"]["sentiment"]["counts"]
    # read without importing scikit-learn: the seconds this saves are the point
    probe = f"import sys; from models.saved import read_saved; read_saved({str(path)!r}); print('sklearn' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True).stdout.strip() == "False"
    import skops.io as sio
    odd = tmp_path / "odd.skops"
    sio.dump({"version": trained_model.version, "vectorizer": trained_model.vectorizer,
              "heads": trained_model.heads, "meta": {"not": "a json string"}}, odd)
    with pytest.raises(ValueError, match="not a model file"):
        read_saved(odd)

def test_a_model_trained_on_shuffled_labels_scores_near_chance(split_corpus):
    train_set, test, _ = split_corpus
    rng = random.Random(0)
    customers = labelled(train_set, "category")
    shuffled_categories = [e.labels["category"] for e in customers]
    rng.shuffle(shuffled_categories)
    noisy = [type(e)(e.id, e.role, e.lang, e.text, {**e.labels, "category": c}, e.competitor)
             for e, c in zip(customers, shuffled_categories)] + [e for e in train_set if e.role == "brand"]
    model = train(noisy)
    test_customers = labelled(test, "category")
    predicted = model.predict([e.text for e in test_customers], "customer")["category"][0]
    score = f1_score([e.labels["category"] for e in test_customers], predicted, average="macro")
    assert score < 0.25  # chance is 1/8; the real model scores about 0.8


@pytest.mark.parametrize("text, own, expected", [
    ("se entro domani non risolvete passo a Iliad", "tim", "iliad"),
    ("ho chiesto la portabilità verso ho. Mobile", "vodafone", "ho"),
    ("da lunedì sono cliente Fastweb, addio", "tim", "fastweb"),
    ("torno con @VodafoneIT, lì almeno funzionava", "iliad", "vodafone"),
    ("anche con Vodafone era uguale, vado via", "vodafone", ""),
    ("tre tecnici, tre appuntamenti, zero soluzioni", "tim", ""),
    ("non ho. basta, me ne vado", "tim", ""),
])
def test_competitor_rule(text, own, expected):
    assert CompetitorFinder(Operators.load()).find(text, own) == expected


def test_predict_command_prints_one_json_object_per_line(tmp_path, capsys):
    from models.__main__ import main
    source = tmp_path / "in.txt"
    source.write_text("se non risolvete passo a Iliad\n\nancora nulla\n", encoding="utf-8")
    assert main(["predict", str(source)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 2 and lines[0]["competitor"] == "iliad" and lines[0]["churn"] == "threat"
    assert {"sentiment", "sentiment_confidence", "category", "churn", "followup", "model_version"} <= set(lines[1])
    assert main(["predict", str(source), "--role", "brand"]) == 0
    assert "act" in json.loads(capsys.readouterr().out.splitlines()[0])


@pytest.mark.parametrize("text, own, expected", [
    ("vengo da TIM e con voi è anche peggio, se continua così cambio operatore", "fastweb", ""),   # origin only
    ("vengo da TIM ma se la linea non torna passo a Iliad", "fastweb", "iliad"),
    ("TIM dice che non sono più loro cliente e il vostro 192 dice che non sono ancora vostro", "windtre", ""),
    ("passo da TIM a Fastweb", "vodafone", "fastweb"),                                     # from-to: the second
    # a move is read before a bare "con" that opens a sentence about the past
    ("Con TIM e Vodafone ho chiuso, vado con Iliad", "vodafone", "iliad"),
    ("Con TIM e Vodafone ho chiuso, vado con Iliad", "tim", "iliad"),
])
def test_competitor_is_only_a_destination(text, own, expected):
    assert CompetitorFinder(Operators.load()).find(text, own) == expected


def test_every_labelled_file_has_its_source_and_licence():
    from models.corpus import LABELS_DIR
    rows = [line for line in (LABELS_DIR / "SOURCES.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("| `")]
    listed = {name for line in rows for name in re.findall(r"`([\w./-]+\.(?:jsonl|tsv))`", line.split("|")[1])}
    files = {p.relative_to(LABELS_DIR).as_posix() for pattern in ("*.jsonl", "*/*.tsv") for p in LABELS_DIR.glob(pattern)}
    assert "xed/it-projections.tsv" in files and files <= listed
    assert all(line.rstrip(" |").split("|")[-1].strip() for line in rows)   # a licence on every row
    assert "CC BY 4.0" in (LABELS_DIR / "xed" / "README.md").read_text(encoding="utf-8")   # its attribution


def test_xed_lines_become_sentiment_only_texts_by_their_emotions(tmp_path):
    (tmp_path / "xed").mkdir()
    (tmp_path / "xed" / "it-projections.tsv").write_text(
        "Che bella sorpresa, grazie!\t5, 8\r\n"        # joy + trust: positive
        "- Mi hai rovinato la vita.\t1, 6\r\n"         # anger + sadness: negative, speaker dash dropped
        "Chi vuole offrire un giro?\t2, 5\r\n"         # anticipation goes either way: left out
        "Cosa ti è successo?\t4, 7\r\n"                # fear + surprise: left out
        "da/1954/1.xml.gz\tit/1954/2.xml.gz\t113\t121\tNu jeg\tComincio\r\n",   # an alignment record: skipped
        encoding="utf-8")
    (tmp_path / "customer_x.jsonl").write_text(json.dumps(
        {"id": "a", "lang": "it", "text": "fibra ko", "sentiment": "negative", "category": "network",
         "churn": "none", "competitor": "", "followup": "none"}), encoding="utf-8")
    xed = [e for e in load_corpus(tmp_path) if e.id.startswith("xed-")]
    assert [(e.id, e.text, e.labels) for e in xed] == [
        ("xed-it-1", "Che bella sorpresa, grazie!", {"sentiment": "positive"}),
        ("xed-it-2", "Mi hai rovinato la vita.", {"sentiment": "negative"})]
    assert all(e.role == "customer" and not labelled([e], "category") for e in xed)


def test_sentiment_only_texts_train_only_the_sentiment_head(tmp_path):
    lines = [{"id": "a", "lang": "it", "text": "che bella giornata", "sentiment": "positive", "category": None,
              "churn": None, "competitor": "", "followup": None},
             {"id": "b", "lang": "it", "text": "fibra ko", "sentiment": "negative", "category": "network",
              "churn": "none", "competitor": "", "followup": "none"}]
    (tmp_path / "customer_x.jsonl").write_text("\n".join(json.dumps(r) for r in lines), encoding="utf-8")
    examples = load_corpus(tmp_path)
    assert [e.id for e in labelled(examples, "sentiment")] == ["a", "b"]
    assert [e.id for e in labelled(examples, "category")] == ["b"]


def test_sentipolc_reader_maps_polarity_and_counts_what_it_leaves_out(tmp_path, monkeypatch):
    from models.evaluate import sentipolc_report
    from models.realtext import load_sentipolc
    gold = tmp_path / "gold.csv"
    gold.write_text('1,1,1,0,0,1,0,0,"bel tweet"\n'
                    '2,1,0,1,0,0,1,1,"brutto tweet"\n'
                    '3,0,0,0,0,0,0,0,notizia, con una virgola\n'     # unquoted comma: 10 fields
                    '4,1,1,1,0,1,1,0,"misto"\n'                      # both polarities: left out
                    '5,1,x\n', encoding="utf-8")
    texts, labels_, counts = load_sentipolc(gold)
    assert labels_ == ["positive", "negative", "neutral"] and texts[2] == "notizia, con una virgola"
    assert counts == {"rows": 5, "mixed": 1, "malformed": 1}
    monkeypatch.setenv("CARE_SENTIPOLC", str(tmp_path / "absent.csv"))
    assert sentipolc_report(None) is None          # not beside the repository: not measured


def test_lexicon_lemmas_polarity_and_negation():
    from models.features import analyze, tokens
    from models.lexicon import look_up
    assert look_up("vergognose") == ("vergognoso", -1)
    assert look_up("non") == (None, 0)               # negators carry no polarity of their own
    plain = analyze("il servizio è orribile")
    negated = analyze("il servizio non è orribile")
    assert "lex:-" in plain and "lex:~-" not in plain
    assert "lex:~-" in negated and "lex:-" not in negated
    assert "lex:-" in analyze("risposte vergognose")   # Sentix has the lemma only: found through it
    assert tokens("bello :) ma :( xD") == ["bello", "_smile", "ma", "_frown", "_smile"]
    assert tokens("ore 10:30 su http://t.co/x") == ["ore", "10", "30", "su", "_url"]


def test_cross_genre_scores_home_and_away_with_one_model_trained_without_the_genre(split_corpus):
    from models.evaluate import GENRES, MIN_GENRE_TEST, genre_report
    train_set, test, _ = split_corpus
    english = next(g for g in GENRES if g.key == "english")
    small_train = [e for e in train_set if e.lang == "en" or e.id.endswith(("0", "1", "2"))]
    shipped = train(small_train)
    rows = genre_report(shipped, small_train, test, english)
    assert {r["task"] for r in rows} == set(english.tasks)
    for r in rows:
        assert r["n"] == sum(e.lang == "en" and r["task"] in e.labels for e in test) >= MIN_GENRE_TEST
        assert r["drop"] == pytest.approx(r["home"] - r["away"])
        assert r["away"] < 0.5 < r["home"]          # an Italian-only model cannot read English
        assert r["shipped"] > r["away"]


def test_demo_overlap_counts_near_copies_of_training_texts(split_corpus):
    from models.corpus import Example
    from models.evaluate import demo_overlap_report
    train_set = split_corpus[0]
    clean = demo_overlap_report(train_set, messages=1_000)
    assert {r["role"] for r in clean} == {"customer", "brand"}
    customer = next(r for r in clean if r["role"] == "customer")
    assert customer["near"] < 0.01 * customer["distinct"]
    from pipelines.contract.operators import Operators
    from pipelines.demo.generator import DemoParams, generate
    demo = [r["text"] for b, _, _ in generate(DemoParams(messages=1_000, seed=3), Operators.load())
            for r in b if not r["is_brand"]]
    leaked = train_set + [Example(f"copy-{i}", "customer", "it", text, {"sentiment": "neutral"}, "")
               for i, text in enumerate(demo[:200])]
    after = next(r for r in demo_overlap_report(leaked, messages=1_000) if r["role"] == "customer")
    assert after["near"] >= customer["near"] + 150   # copied demo sentences are found

"""python -m models {train,evaluate,predict,tune,corrections}: the care classifier's command line."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def cmd_train(args) -> int:
    from models import corrections
    from models.classifier import fit, save
    from models.corpus import load_corpus
    from models.saved import model_path

    started = time.time()
    corrected = corrections.examples()
    model, train_set, test = fit(load_corpus() + corrected)
    path = save(model, Path(args.out) if args.out else model_path())
    held = sum(corrections.is_correction(e) for e in test)
    print(f"trained {model.version} on {len(train_set)} examples ({len(test)} held out), "
          f"{len(corrected)} of them analysts' corrections ({held} held out), "
          f"in {time.time() - started:.1f} s -> {path}")
    return 0


def cmd_evaluate(args) -> int:
    from models import corrections
    from models.card import corrections_section, model_card, real_text_section
    from models.classifier import ensure_model
    from models.corpus import is_real, load_corpus, split
    from models.evaluate import (GENRES, TARGET_GENRE_DROP, TARGET_MACRO_F1, TARGET_SENTIPOLC, competitor_report,
                                 demo_overlap_report, genre_report, sentipolc_report, task_report, throughput,
                                 xed_report)
    from pipelines.contract.labels import TASKS

    model = ensure_model()
    train_set, test, split_report = split(load_corpus() + corrections.examples())
    corpus_test = [e for e in test if not is_real(e) and not corrections.is_correction(e)]
    reports = [task_report(model, corpus_test, task) for task in TASKS]
    own = [e for e in test if corrections.is_correction(e)]
    own_reports = [task_report(model, own, task) for task in TASKS if any(task in e.labels for e in own)]
    xed = xed_report(model, test)
    competitor = competitor_report(test)
    speed = throughput(model, [e.text for e in test if e.role == "customer"])
    sentipolc = sentipolc_report(model, train_set)
    genres = []
    for genre in GENRES:
        print(f"cross-genre: training without {genre.title}", file=sys.stderr, flush=True)
        genres += genre_report(model, train_set, test, genre)
    print("demo text against the training split", file=sys.stderr, flush=True)
    overlap = demo_overlap_report(train_set)
    card = model_card(model, train_set, test, split_report, reports, competitor, speed,
                      real_text_section(sentipolc, xed, genres, overlap) + corrections_section(own_reports, len(own)))
    out = Path(args.card)
    out.write_text(card, encoding="utf-8")
    for r in reports:
        flag = "" if r["macro_f1"] >= TARGET_MACRO_F1 else f"  (below target {TARGET_MACRO_F1})"
        print(f"{r['task']:<10} macro-F1 {r['macro_f1']:.3f} on {r['n']} held-out examples{flag}")
    print(f"XED        sentiment macro-F1 {xed['macro_f1']:.3f} on {xed['n']} held-out real subtitle lines")
    if sentipolc is None:
        print("SENTIPOLC: not found, real-tweet sentiment not measured")
    else:
        flag = "" if sentipolc["macro_f1"] >= TARGET_SENTIPOLC else f"  (below target {TARGET_SENTIPOLC})"
        print(f"SENTIPOLC  sentiment macro-F1 {sentipolc['macro_f1']:.3f} on {sentipolc['n']} real tweets{flag}")
    for g in genres:
        flag = "" if g["drop"] <= TARGET_GENRE_DROP else f"  (over {TARGET_GENRE_DROP})"
        print(f"without {g['genre']:<8} {g['task']:<10} home {g['home']:.3f}, away {g['away']:.3f} "
              f"(drop {g['drop']:+.3f}, n {g['n']}; shipped model {g['shipped']:.3f}){flag}")
    for o in overlap:
        print(f"demo {o['role']} texts: {o['near']} of {o['distinct']:,} near-copies of a training text "
              f"(highest similarity {o['highest']:.2f})")
    print(f"competitor precision {competitor['precision']:.3f} recall {competitor['recall']:.3f}")
    print(f"split: highest test/train similarity {split_report['highest_test_train_similarity']}")
    print(f"wrote {out}")
    return 0


def cmd_predict(args) -> int:
    from models.classifier import ensure_model
    from models.competitors import CompetitorFinder
    from pipelines.contract.operators import Operators

    source = sys.stdin if args.file == "-" else None
    try:
        if source is None:
            source = open(args.file, encoding="utf-8", errors="replace")
    except OSError as exc:
        print(f"error: {args.file}: {exc.strerror}", file=sys.stderr)
        return 1
    with source:
        texts = [line.rstrip("\n") for line in source if line.strip()]
    model = ensure_model(log=lambda m: print(m, file=sys.stderr))
    predicted = model.predict(texts, args.role)
    finder = CompetitorFinder(Operators.load()) if args.role == "customer" else None
    for i, text in enumerate(texts):
        record = {"text": text, "role": args.role, "model_version": model.version}
        for task, (labels, confidence) in predicted.items():
            record[task] = labels[i]
            record[f"{task}_confidence"] = round(float(confidence[i]), 3)
        if finder is not None:
            record["competitor"] = finder.find(text) if record["churn"] in ("threat", "switched") else ""
        print(json.dumps(record, ensure_ascii=False))
    return 0


def cmd_tune(args) -> int:
    from models import features
    from models.classifier import PARAMS, train
    from models.corpus import is_real, load_corpus, split
    from models.evaluate import TUNING, cross_validate, sentipolc_report, tuning_table
    from pipelines.contract.labels import TASKS

    train_set, _, _ = split(load_corpus())
    everything = lambda e: True  # noqa: E731
    options = [
        ("shipped: logistic regression C=10, Sentix polarity", PARAMS, {}, everything),
        ("without XED's real subtitles (CV on the other texts)", PARAMS, {}, lambda e: not is_real(e)),
        ("without the polarity lexicon", PARAMS, {"polarity": False}, everything),
        ("with lemmas as features too", PARAMS, {"lemma_features": True}, everything),
        ("logistic regression C=3", {**PARAMS, "C": 3.0}, {}, everything),
        ("logistic regression C=30", {**PARAMS, "C": 30.0}, {}, everything),
        ("sentiment head C=1, others C=10", {**PARAMS, "task_C": {"sentiment": 1.0}}, {}, everything),
        ("calibrated linear SVM C=0.3", {**PARAMS, "head": "svm", "C": 0.3}, {}, everything),
        ("XED's real lines read twice by the sentiment head", {**PARAMS, "real_repeat": 2}, {}, everything),
    ]
    rows = []
    print("5-fold cross-validation on the training split (macro-F1), and SENTIPOLC sentiment of a model "
          "trained on the whole training split:", flush=True)
    try:
        for name, params, knowledge, keep in options:
            features.configure(**knowledge)
            examples = [e for e in train_set if keep(e)]
            scores = cross_validate(examples, params)
            real = sentipolc_report(train(examples, params))
            rows.append({"option": name, "cv": scores, "sentipolc": real["macro_f1"] if real else None})
            print(f"  {name:<58} " + "  ".join(f"{t} {scores[t]:.3f}" for t in TASKS)
                  + (f"  SENTIPOLC {real['macro_f1']:.3f}" if real else ""), flush=True)
    finally:
        features.configure()
    TUNING.write_text(tuning_table(rows), encoding="utf-8")
    print(f"wrote {TUNING} (the model card's comparison of options)")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m models", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("train", help="train on the labelled corpus's training split and save the model",
                       description="Train the classifier on data/labels/ (training split) and save it with skops "
                                   "to models/artifacts/care_model.skops (or $CARE_MODEL_DIR).")
    p.add_argument("--out", help="save to this file instead")
    p.set_defaults(func=cmd_train)
    p = sub.add_parser("evaluate", help="score the held-out split and write the model card",
                       description="Evaluate the saved model (trained first if missing) on the held-out split and "
                                   "write per-class precision/recall/F1, macro-F1 and confusion matrices to the model card, "
                                   "with its real-text section: sentiment on the SENTIPOLC 2016 test tweets when "
                                   "../shared/data/sentipolc is present (or $CARE_SENTIPOLC), and the cross-genre check "
                                   "(a model trained without one genre, scored on it). Takes a few minutes.")
    p.add_argument("--card", default=str(Path(__file__).resolve().parent / "MODEL_CARD.md"),
                   help="where to write the model card (default models/MODEL_CARD.md)")
    p.set_defaults(func=cmd_evaluate)
    p = sub.add_parser("predict", help="classify one text per line, print one JSON object per line",
                       description="Read one text per line from FILE (- for standard input) and print one JSON "
                                   "object per line with every label of the role and its confidence.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--role", choices=("customer", "brand"), default="customer",
                   help="customer messages (sentiment, category, churn, competitor, followup) or operator replies (act)")
    p.set_defaults(func=cmd_predict)
    p = sub.add_parser("tune", help="compare model settings by cross-validation and on real tweets",
                       description="Compare the shipped settings with the options tried (no lexicon, lemma features, "
                                   "other C, a calibrated SVM) by 5-fold cross-validation on the training split, "
                                   "and by SENTIPOLC sentiment when the file is present; writes models/TUNING.md, "
                                   "which `evaluate` puts in the model card. Takes several minutes.")
    p.set_defaults(func=cmd_tune)
    from models import corrections_cli
    corrections_cli.add_parser(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

"""python -m models {train,evaluate,predict,tune}: the care classifier's command line."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def cmd_train(args) -> int:
    from models.classifier import model_path, save, train
    from models.corpus import load_corpus, split

    started = time.time()
    train_set, test, report = split(load_corpus())
    model = train(train_set)
    path = save(model, Path(args.out) if args.out else model_path())
    print(f"trained {model.version} on {len(train_set)} examples ({len(test)} held out) "
          f"in {time.time() - started:.1f} s -> {path}")
    return 0


def cmd_evaluate(args) -> int:
    from models.classifier import ensure_model
    from models.corpus import load_corpus, split
    from models.evaluate import TARGET_MACRO_F1, competitor_report, model_card, task_report, throughput
    from models.labels import TASKS

    model = ensure_model()
    train_set, test, split_report = split(load_corpus())
    reports = [task_report(model, test, task) for task in TASKS]
    competitor = competitor_report(test)
    speed = throughput(model, [e.text for e in test if e.role == "customer"])
    card = model_card(model, train_set, test, split_report, reports, competitor, speed)
    out = Path(args.card)
    out.write_text(card, encoding="utf-8")
    for r in reports:
        flag = "" if r["macro_f1"] >= TARGET_MACRO_F1 else f"  (below target {TARGET_MACRO_F1})"
        print(f"{r['task']:<10} macro-F1 {r['macro_f1']:.3f} on {r['n']} held-out examples{flag}")
    print(f"competitor precision {competitor['precision']:.3f} recall {competitor['recall']:.3f}")
    print(f"split: highest test/train similarity {split_report['highest_test_train_similarity']}")
    print(f"wrote {out}")
    return 0


def cmd_predict(args) -> int:
    from models.classifier import ensure_model
    from models.competitors import CompetitorFinder
    from pipelines.operators import Operators

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
    from models.classifier import PARAMS
    from models.corpus import load_corpus, split
    from models.evaluate import cross_validate

    train_set, _, _ = split(load_corpus())
    grid = [{**PARAMS, "head": "svm", "C": c} for c in (0.3, 1.0)] + \
           [{**PARAMS, "head": "logreg", "C": c} for c in (10.0, 30.0)]
    print("5-fold cross-validation on the training split (macro-F1):")
    for params in grid:
        scores = cross_validate(train_set, params)
        print(f"  {params['head']:<6} C={params['C']:<5} " + "  ".join(f"{t} {s:.3f}" for t, s in scores.items())
              + f"  mean {sum(scores.values()) / len(scores):.3f}", flush=True)
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
                                   "write per-class precision/recall/F1, macro-F1 and confusion matrices to the model card.")
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
    p = sub.add_parser("tune", help="compare model settings by cross-validation on the training split",
                       description="Cross-validate a small grid of settings on the training split only.")
    p.set_defaults(func=cmd_tune)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

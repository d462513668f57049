"""`python -m models corrections {export,import}`: Label Studio in and out of the
corrections store."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

import duckdb

from models import corrections
from models.labelstudio import label_config, read_export, task_for
from pipelines.contract import config


def _warehouse(db: str | None) -> duckdb.DuckDBPyConnection | None:
    path = config.db_path(db)
    if not path.exists():
        print(f"error: {path}: no warehouse yet; run `python -m pipelines demo` or `make run`", file=sys.stderr)
        return None
    return duckdb.connect(str(path), read_only=True)


def cmd_export(args) -> int:
    try:
        date_from = date.fromisoformat(args.date_from) if args.date_from else None
        date_to = date.fromisoformat(args.date_to) if args.date_to else None
    except ValueError as exc:
        print(f"error: --from/--to want YYYY-MM-DD ({exc})", file=sys.stderr)
        return 2
    con = _warehouse(args.db)
    if con is None:
        return 1
    try:
        cursor = con.execute(corrections.sql("review_messages"), {
            "operator": args.operator, "date_from": date_from, "date_to": date_to, "limit": args.limit})
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    finally:
        con.close()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps([task_for(r) for r in rows], ensure_ascii=False, indent=1), encoding="utf-8")
    config_file = out.with_suffix(".xml")
    config_file.write_text(label_config(), encoding="utf-8")
    print(f"wrote {out} ({len(rows):,} tasks, the least sure first) and its labelling config {config_file}")
    return 0


def cmd_import(args) -> int:
    try:
        reading = read_export(Path(args.file))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    con = _warehouse(args.db)
    if con is None:
        return 1
    try:
        known = corrections.known_messages(con, {(c.source, c.message_id) for c in reading.corrections})
    finally:
        con.close()
    kept, problems = [], list(reading.problems)
    for c in reading.corrections:
        if (c.source, c.message_id) not in known:
            problems.append(f"{c.source}:{c.message_id}: not a message of this warehouse (another installation?)")
            continue
        is_brand, model_version, lang, text = known[(c.source, c.message_id)]
        if ("brand" if is_brand else "customer") != corrections.TASKS[c.task][0]:
            problems.append(f"{c.source}:{c.message_id}: {c.task} is not a task of "
                            f"{'an operator reply' if is_brand else 'a customer message'}")
            continue
        kept.append(corrections.Correction(c.source, c.message_id, c.task, c.label, c.corrected_by,
                                           c.corrected_at, model_version, "label-studio",
                                           "brand" if is_brand else "customer", lang, text))
    for line in problems:
        print(f"skipped: {line}", file=sys.stderr)
    new = corrections.record(kept) if kept else 0
    print(f"{args.file}: {len(kept):,} corrections read, {new:,} new, {len(problems):,} skipped "
          f"-> {corrections.store_path()}")
    return 0 if kept or not problems else 1


def add_parser(sub) -> None:
    top = sub.add_parser("corrections", help="Label Studio tasks out, analysts' corrections in",
                         description="Export messages to annotate in Label Studio (the least sure first, the model's "
                                     "labels as pre-annotations) and import Label Studio's JSON export as corrections, "
                                     "kept in a SQLite file beside the warehouse ($CARE_CORRECTIONS_DB).")
    commands = top.add_subparsers(dest="corrections_command", required=True, metavar="ACTION")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="warehouse file (default: $CARE_DB or data/warehouse/care.duckdb)")
    p = commands.add_parser("export", parents=[common], help="write Label Studio tasks and the labelling config",
                            description="Write OUT.json (Label Studio tasks) and OUT.xml (its labelling config, whose "
                                        "choices are the label ids).")
    p.add_argument("out", metavar="OUT.json")
    p.add_argument("--operator", metavar="ID", help="only this operator's conversations")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="first local opening date, YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="last local opening date, YYYY-MM-DD")
    p.add_argument("--limit", type=int, default=500, help="at most this many messages (default 500)")
    p.set_defaults(func=cmd_export)
    p = commands.add_parser("import", parents=[common], help="read a Label Studio JSON export as corrections",
                            description="Read a Label Studio JSON export (a list of tasks with annotations). Each "
                                        "choice becomes a correction with who and when; unknown tasks, labels and "
                                        "messages of another warehouse are reported on stderr, not applied.")
    p.add_argument("file", metavar="FILE.json")
    p.set_defaults(func=cmd_import)

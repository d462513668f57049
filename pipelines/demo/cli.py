"""`python -m pipelines demo`: generate the corpus and load it (or write it to a file)."""
from __future__ import annotations

import csv
import json
import sys
import time
from contextlib import nullcontext
from datetime import date
from pathlib import Path

import pyarrow as pa

from pipelines.contract import config
from pipelines.contract.operators import Operators
from pipelines.demo.generator import DemoParams, generate
from pipelines.demo.world import SOURCE

CANONICAL_COLUMNS = ("message_id", "source", "conversation_id", "in_reply_to", "operator", "channel",
                     "author_id", "is_brand", "created_at", "text", "lang")
MESSAGE_TRUTH = pa.schema([
    ("message_id", pa.string()), ("conversation_id", pa.string()), ("role", pa.string()),
    ("sentiment", pa.string()), ("category", pa.string()), ("churn", pa.string()),
    ("competitor", pa.string()), ("followup", pa.string()), ("act", pa.string()),
])
CONVERSATION_TRUTH = pa.schema([
    ("conversation_id", pa.string()), ("operator", pa.string()), ("channel", pa.string()),
    ("category", pa.string()), ("opened_at", pa.timestamp("us", tz="UTC")),
    ("is_answered", pa.bool_()), ("first_reply_at", pa.timestamp("us", tz="UTC")),
    ("escalated", pa.bool_()), ("escalation_outcome", pa.string()), ("resolved_at", pa.timestamp("us", tz="UTC")),
    ("deflected", pa.bool_()), ("repeated_data_request", pa.bool_()), ("first_sentiment", pa.string()),
    ("last_sentiment", pa.string()), ("churn", pa.string()), ("competitor", pa.string()),
    ("count_messages", pa.int64()),
])


def params_from(args) -> DemoParams:
    try:
        end = date.fromisoformat(args.end)
    except ValueError:
        raise SystemExit(f"--end wants YYYY-MM-DD, got {args.end!r}") from None
    if args.messages < 1 or args.weeks < 1:
        raise SystemExit("--messages and --weeks must be positive")
    return DemoParams(messages=args.messages, seed=args.seed, weeks=args.weeks, end=end)


def _progress(total: int | None, quiet: bool, name: str = "demo", unit: str = " msgs"):
    from tqdm import tqdm
    return tqdm(total=total, desc=name, unit=unit, unit_scale=True, file=sys.stderr,
                disable=True if quiet else None, leave=False)


def run(args) -> int:
    params = params_from(args)
    operators = Operators.load()
    if args.out:
        return write_file(Path(args.out), params, operators, args.quiet)
    db = config.db_path(args.db)
    if args.if_missing and db.exists():
        print(f"warehouse exists: {db} (use `make demo` to rebuild it)")
        return 0
    load_demo(db, params, operators, fresh=args.replace, quiet=args.quiet)
    print(f"warehouse: {db}")
    return 0


def load_demo(db: Path, params: DemoParams, operators: Operators, fresh: bool = False, quiet: bool = True):
    from pipelines import sql
    from pipelines.load.ingest import load_rows, pseudonymiser_for
    from pipelines.marts.build import build_all
    from pipelines.normalise.rows import Context
    from pipelines.warehouse import building

    started = time.time()
    with building(db, fresh=fresh) as con:
        con.register("m_empty", MESSAGE_TRUTH.empty_table())
        con.register("c_empty", CONVERSATION_TRUTH.empty_table())
        con.execute(sql.read("demo/01_truth_staging"))
        progress = _progress(params.messages, quiet)

        def batches():
            for rows, msg_truth, conv_truth in generate(params, operators):
                con.register("m_batch", pa.Table.from_pylist(msg_truth, schema=MESSAGE_TRUTH))
                con.register("c_batch", pa.Table.from_pylist(conv_truth, schema=CONVERSATION_TRUTH))
                con.execute(sql.read("demo/02_truth_batch"))
                yield rows

        ops = operators
        ctx = Context(source=SOURCE, operators=ops, pseudonymiser=pseudonymiser_for(ops))
        result = load_rows(con, batches(), ctx, source_file=f"demo(seed={params.seed}, messages={params.messages})",
                           file_format="demo", progress=progress, parallel=params.messages >= 100_000)
        progress.close()
        con.execute("begin transaction")
        con.execute(sql.read("demo/03_truth_publish"))
        con.execute("commit")
        con.execute("drop table scratch.truth_messages")
        con.execute("drop table scratch.truth_conversations")
        build_all(con, log=(lambda m: None) if quiet else print,
                  progress_factory=lambda name: _progress(None, quiet, name, " texts"))
    print(result.summary().replace(result.source_file, "demo", 1) + f"; total {time.time() - started:.1f} s")
    return result


def write_file(path: Path, params: DemoParams, operators: Operators, quiet: bool) -> int:
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".jsonl", ".parquet"):
        raise SystemExit(f"--out must end in .csv, .jsonl or .parquet, not {suffix or '(none)'}")
    path.parent.mkdir(parents=True, exist_ok=True)
    started, count = time.time(), 0
    progress = _progress(params.messages, quiet)
    writer = None
    with open(path, "w", encoding="utf-8", newline="") if suffix != ".parquet" else nullcontext() as fh:
        if suffix == ".csv":
            out = csv.writer(fh)
            out.writerow(CANONICAL_COLUMNS)
        for rows, _, _ in generate(params, operators):
            for row in rows:
                row["created_at"] = row["created_at"].isoformat()
            if suffix == ".csv":
                out.writerows([[_csv_value(r[c]) for c in CANONICAL_COLUMNS] for r in rows])
            elif suffix == ".jsonl":
                fh.writelines(json.dumps({c: r[c] for c in CANONICAL_COLUMNS}, ensure_ascii=False) + "\n" for r in rows)
            else:
                import pyarrow.parquet as pq
                table = pa.Table.from_pylist([{c: r[c] for c in CANONICAL_COLUMNS} for r in rows])
                if writer is None:
                    writer = pq.ParquetWriter(path, table.schema)
                writer.write_table(table)
            count += len(rows)
            progress.update(len(rows))
    if writer is not None:
        writer.close()
    progress.close()
    print(f"wrote {count:,} messages to {path} in {time.time() - started:.1f} s")
    return 0


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value

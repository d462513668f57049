"""python -m pipelines {demo,ingest,build,run}: the command line. It only wires stages."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines import config


def _progress_factory(enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm

    def make(name: str):
        return tqdm(desc=name, unit=" rows", unit_scale=True, file=sys.stderr, disable=None, leave=False)
    return make


def _parse_mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs or []:
        field, sep, column = pair.partition("=")
        if not sep or not field or not column:
            raise SystemExit(f"--map wants FIELD=COLUMN, got {pair!r}")
        mapping[field.strip()] = column.strip()
    return mapping


def _ingest_files(con, args) -> int:
    from pipelines.load import ingest_file
    from pipelines.sources import SourceError
    failures = 0
    for name in args.files:
        try:
            result = ingest_file(con, Path(name), args.format, _parse_mapping(args.map), args.channel,
                                 _progress_factory(not args.quiet), operator=args.file_operator,
                                 source=args.source)
            print(result.summary())
        except SourceError as exc:
            failures += 1
            print(f"error: {exc}", file=sys.stderr)
    return failures


def cmd_ingest(args, build_after: bool = False, retention: int | None = None) -> int:
    from pipelines.build import build_all
    from pipelines.load import rebuild_conversations
    from pipelines.warehouse import building

    db = config.db_path(args.db)
    if getattr(args, "file_operator", None):
        from pipelines.operators import Operators
        known = Operators.load().by_id
        if args.file_operator not in known:
            print(f"error: --operator {args.file_operator!r} is not an operator id of {config.operators_path()} "
                  f"(known: {', '.join(sorted(known))})", file=sys.stderr)
            return 2

    class NothingLoaded(Exception):
        pass

    failures = 0
    try:
        with building(db) as con:
            failures = _ingest_files(con, args) if args.files else 0
            if failures == len(args.files) and args.files:
                raise NothingLoaded  # leave the serving file untouched
            if build_after:
                build_all(con, log=lambda m: print(m) if not args.quiet else None, retention=retention)
            else:
                rebuild_conversations(con)
    except NothingLoaded:
        pass
    if failures:
        if failures < len(args.files):
            print(f"{failures} file(s) could not be read; the others were loaded", file=sys.stderr)
        return 1
    print(f"warehouse: {db}")
    return 0


def cmd_build(args) -> int:
    args.files = []
    return cmd_ingest(args, build_after=True)


def cmd_run(args) -> int:
    return cmd_ingest(args, build_after=True)


def _open_warehouse(args):
    """A read-only connection to the serving warehouse, or None (the error printed)."""
    from pipelines.warehouse import read_only

    try:
        return read_only(config.db_path(args.db))
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def cmd_metrics(args) -> int:
    import json
    from datetime import date

    from pipelines.metrics import Choices, period_metrics

    choices = Choices(questions_only=args.questions_only, business_hours=args.business_hours,
                      exclude_outages=args.exclude_outages, exclude_partial=args.exclude_partial,
                      sla_minutes=args.sla_minutes,
                      operators=args.operator or None)
    try:
        if args.date_from:
            choices.date_from = date.fromisoformat(args.date_from)
        if args.date_to:
            choices.date_to = date.fromisoformat(args.date_to)
    except ValueError as exc:
        print(f"error: --from/--to want YYYY-MM-DD ({exc})", file=sys.stderr)
        return 2
    con = _open_warehouse(args)
    if con is None:
        return 1
    try:
        figures = period_metrics(con, choices)
    finally:
        con.close()
    if args.json:
        print(json.dumps(figures, indent=2, default=str))
        return 0
    for op, m in figures.items():
        rate = lambda v: "-" if v is None else f"{100 * v:.1f}%"  # noqa: E731
        minutes = lambda v: "-" if v is None else f"{v:.0f} min"  # noqa: E731
        print(f"{op:<12} {m['conversations']:>7,} conversations  response {rate(m['response_rate'])}  "
              f"FRT median {minutes(m['frt_median_min'])} p90 {minutes(m['frt_p90_min'])}  "
              f"SLA {rate(m['sla_hit_rate'])}  escalation success {rate(m['escalation_success_rate'])}  "
              f"churn signals {m['churn_signals']:,}")
    return 0


def cmd_truth(args) -> int:
    from pipelines.metrics import truth_comparison
    from pipelines.warehouse import scalar

    con = _open_warehouse(args)
    if con is None:
        return 1
    try:
        if not scalar(con, "select count(*) from duckdb_tables() where schema_name = 'truth'"):
            print(f"error: {config.db_path(args.db)} has no demo truth; build it with `python -m pipelines demo`",
                  file=sys.stderr)
            return 1
        rows = truth_comparison(con)
    finally:
        con.close()
    print(f"{'operator':<10} {'metric':<25} {'classifier':>11} {'truth':>9} {'difference':>11}")
    for r in rows:
        rel = f" ({100 * r['relative']:+.1f}%)" if r["relative"] is not None else ""
        print(f"{r['operator']:<10} {r['metric']:<25} {r['classifier']:>11.3f} {r['truth']:>9.3f} {r['difference']:>+11.3f}{rel}")
    worst = {}
    for r in rows:
        worst[r["metric"]] = max(worst.get(r["metric"], 0), abs(r["relative"] if r["relative"] is not None else r["difference"]))
    print("largest gap per metric: " + ", ".join(f"{m} {v:.3f}" for m, v in worst.items()))
    return 0


def cmd_report(args) -> int:
    from pipelines.report import NoData, weekly_review
    from pipelines.report_html import print_pdf, render_html

    out = Path(args.out)
    if out.suffix.lower() not in (".html", ".pdf"):
        print(f"error: --out must end in .html or .pdf, not {out.suffix or '(none)'}", file=sys.stderr)
        return 1
    con = _open_warehouse(args)
    if con is None:
        return 1
    try:
        from datetime import datetime
        from zoneinfo import ZoneInfo

        from pipelines.report import default_week, latest_week
        week = args.week or default_week(latest_week(con), datetime.now(ZoneInfo("Europe/Rome")).date())
        review = weekly_review(con, week)
    except (NoData, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        con.close()
    page = render_html(review, args.lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        if out.suffix.lower() == ".pdf":
            print_pdf(page, out)
        else:
            out.write_text(page, encoding="utf-8")
    except (OSError, RuntimeError) as exc:
        print(f"error: {out}: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {out} ({review.week}, {args.lang}, {out.stat().st_size:,} bytes)")
    return 0


def cmd_retention(args) -> int:
    if args.days < 1:
        print("error: --days must be at least 1", file=sys.stderr)
        return 2
    args.files = []
    return cmd_ingest(args, build_after=True, retention=args.days)


def cmd_demo(args) -> int:
    from pipelines.demo import cli as demo_cli
    return demo_cli.run(args)


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="warehouse file (default: $CARE_DB or data/warehouse/care.duckdb)")
    common.add_argument("-q", "--quiet", action="store_true", help="no progress bars or step logs")

    files = argparse.ArgumentParser(add_help=False)
    files.add_argument("--format", default="auto",
                       choices=("auto", "canonical", "twcs", "x_v2", "facebook_graph", "instagram_graph"),
                       help="input layout; auto sniffs it from the file (default)")
    files.add_argument("--map", action="append", metavar="FIELD=COLUMN",
                       help="read canonical FIELD from the file's COLUMN (repeatable), e.g. --map text=body")
    files.add_argument("--channel", help="channel for rows that do not name one (default: unknown; twitter for TWCS and X)")
    files.add_argument("--operator", dest="file_operator", metavar="ID",
                       help="whose the file is (an operator id of data/operators.toml): rows that name no operator "
                            "get it; for a Facebook page or Instagram account the config does not list")
    files.add_argument("--source", metavar="NAME",
                       help="source name for rows that do not give one (default: the layout: canonical, twcs, x_v2, "
                            "facebook, instagram); message ids are unique within a source, so two unrelated exports "
                            "whose ids collide each need their own")

    top = argparse.ArgumentParser(prog="python -m pipelines", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", parents=[common, files], help="load files into the warehouse",
                       description="Load care logs (canonical CSV/JSONL/Parquet, TWCS CSV, X API v2 JSON, Facebook and "
                                   "Instagram Graph API JSON) "
                                   "into the warehouse. Bad rows go to the rejects table; a file that "
                                   "cannot be read is reported in one line and loads nothing. "
                                   "Loading the same file twice adds nothing.")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("build", parents=[common], help="recompute derived tables",
                       description="Recompute everything derived from messages (conversations, and the "
                                   "later stages) and publish.")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("run", parents=[common, files], help="ingest files, then build, in one publish",
                       description="The whole pipeline: ingest the files (if any), rebuild every derived "
                                   "table, and publish the warehouse once.")
    p.add_argument("files", nargs="*", metavar="FILE")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("metrics", parents=[common], help="print the period's care metrics per operator",
                       description="Care metrics per operator for a period, from the metric marts "
                                   "(DESIGN.md definitions). Counts are conversations; times are minutes on "
                                   "the calendar clock unless --business-hours.")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="first local opening date, YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="last local opening date, YYYY-MM-DD")
    p.add_argument("--operator", action="append", metavar="ID", help="only this operator (repeatable)")
    p.add_argument("--json", action="store_true", help="print JSON: operator id -> metrics")
    p.add_argument("--questions-only", action="store_true", help="count only conversations opened by a question")
    p.add_argument("--business-hours", action="store_true", help="first response time on the business clock")
    p.add_argument("--exclude-outages", action="store_true", help="leave out each operator's outage days")
    p.add_argument("--exclude-partial", action="store_true",
                   help="leave out partial conversations (replies to posts outside the data; default: included)")
    p.add_argument("--sla-minutes", type=float, default=60.0, help="first-response target in minutes (default 60)")
    p.set_defaults(func=cmd_metrics)

    p = sub.add_parser("truth", parents=[common], help="compare metrics from the classifier with the demo's truth",
                       description="On a demo warehouse: each operator's metrics computed from the classifier's "
                                   "labels and from the generator's true labels, side by side, with the difference "
                                   "(relative for counts).")
    p.set_defaults(func=cmd_truth)

    p = sub.add_parser("retention", parents=[common], help="delete messages older than N days, then rebuild",
                       description="GDPR retention: delete messages older than --days (with their labels, "
                                   "demo truth and the rejected rows of old loads) and rebuild every derived "
                                   "table. Setting CARE_RETENTION_DAYS applies the same at every build.")
    p.add_argument("--days", type=int, required=True, help="keep this many days of messages")
    p.set_defaults(func=cmd_retention)

    p = sub.add_parser("report", parents=[common], help="write the weekly review as HTML or PDF",
                       description="The executive weekly review for one ISO week: KPIs per operator with the "
                                   "change against last week and the 4-week average, the biggest supported movers, "
                                   "unusual days, churn, and examples of failed escalations. Cron-friendly: exit "
                                   "code 0/1, no prompt, one log line per file written.")
    p.add_argument("--week", help="ISO week, e.g. 2026-W10 (default: the last week that has ended, Europe/Rome, "
                                  "or the newest week with data if the data stop earlier)")
    p.add_argument("--lang", choices=("it", "en"), default="it", help="language (default it)")
    p.add_argument("--out", required=True, help="FILE.html or FILE.pdf")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("demo", parents=[common], help="generate and load the demo corpus",
                       description="Generate a realistic synthetic corpus of Italian social-care "
                                   "conversations (seeded: same seed, same data) and load it, with its "
                                   "ground truth, into the warehouse; or write it to a file with --out.")
    p.add_argument("--messages", type=int, default=200_000, help="about how many messages (default 200000)")
    p.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    p.add_argument("--weeks", type=int, default=26, help="weeks of history (default 26)")
    p.add_argument("--end", default="2026-11-22", help="last day of the corpus, YYYY-MM-DD (default 2026-11-22)")
    p.add_argument("--out", help="write the corpus to FILE.csv, .jsonl or .parquet instead of loading it")
    p.add_argument("--replace", action="store_true", help="build a new warehouse instead of adding to the existing one")
    p.add_argument("--if-missing", action="store_true", help="do nothing when the warehouse already exists")
    p.set_defaults(func=cmd_demo)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    import duckdb

    from pipelines.operators import OperatorsConfigError
    from pipelines.privacy import SaltError
    from pipelines.warehouse import WarehouseBusy
    try:
        return args.func(args)
    except (OperatorsConfigError, SaltError, WarehouseBusy) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # a full disk, a read-only folder: nothing was published
        where = exc.filename or config.db_path(getattr(args, "db", None))
        print(f"error: {where}: {exc.strerror or exc}; the warehouse is unchanged", file=sys.stderr)
        return 1
    except (duckdb.IOException, duckdb.TransactionException, duckdb.OutOfMemoryException) as exc:
        # the engine's word for the same: a disk that fills while DuckDB writes, say
        where = config.db_path(getattr(args, "db", None))
        problem = " ".join(str(exc).split())[:300]
        print(f"error: {where}: {problem}; the warehouse is unchanged", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: the warehouse is unchanged", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

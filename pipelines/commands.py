"""The commands of `python -m pipelines`: each reads its arguments, runs its stage and
prints one line per outcome; errors are one line on stderr and an exit code."""
from __future__ import annotations

import sys
from pathlib import Path

from pipelines import sql
from pipelines.contract import config


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
    from pipelines.load.ingest import ingest_file
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
    from pipelines.labels.classify import start_early
    from pipelines.marts.build import build_all
    from pipelines.threads.place import rebuild_conversations
    from pipelines.warehouse import building

    db = config.db_path(args.db)
    if getattr(args, "file_operator", None):
        from pipelines.contract.operators import Operators
        known = Operators.load().by_id
        if args.file_operator not in known:
            print(f"error: --operator {args.file_operator!r} is not an operator id of {config.operators_path()} "
                  f"(known: {', '.join(sorted(known))})", file=sys.stderr)
            return 2

    class NothingLoaded(Exception):
        pass

    failures = 0
    # `run` starts the labelling workers with the load when their memory fits beside it
    workers = start_early([Path(name) for name in args.files]) if build_after and args.files else None
    try:
        with building(db) as con:
            failures = _ingest_files(con, args) if args.files else 0
            if failures == len(args.files) and args.files:
                raise NothingLoaded  # leave the serving file untouched
            if build_after:
                build_all(con, log=lambda m: print(m) if not args.quiet else None, retention=retention,
                          progress_factory=_progress_factory(not args.quiet), labelling_workers=workers)
            else:
                rebuild_conversations(con)
    except NothingLoaded:
        pass
    finally:
        if workers is not None:
            workers.close()
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

    from pipelines.marts.metrics import Choices, period_metrics

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
    from pipelines.marts.truth import both_periods, category_check, truth_comparison, weekly_coverage, within_two_points
    from pipelines.warehouse import scalar

    con = _open_warehouse(args)
    if con is None:
        return 1
    try:
        if not scalar(con, sql.read("demo/has_truth")):
            print(f"error: {config.db_path(args.db)} has no demo truth; build it with `python -m pipelines demo`",
                  file=sys.stderr)
            return 1
        periods = both_periods(con)
        rows = truth_comparison(con, periods=periods)
        coverage = weekly_coverage(con)
        mix = category_check(periods)
    finally:
        con.close()
    print(f"{'operator':<10} {'metric':<25} {'classifier':>11} {'corrected':>10} {'95% interval':>21} {'truth':>9} "
          f"{'difference':>11}")
    for r in rows:
        rel = f" ({100 * r['relative']:+.1f}%)" if r["relative"] is not None else ""
        corrected = f"{r['corrected']:>10.3f}" if r["corrected"] is not None else f"{'':>10}"
        interval = (f"{r['interval'][0]:>9.3f} – {r['interval'][1]:<9.3f}" if r["interval"] is not None
                    else f"{'':>21}")
        print(f"{r['operator']:<10} {r['metric']:<25} {r['classifier']:>11.3f} {corrected} {interval} "
              f"{r['truth']:>9.3f} {r['difference']:>+11.3f}{rel}")
    worst = {}
    for r in rows:
        worst[r["metric"]] = max(worst.get(r["metric"], 0), abs(r["relative"] if r["relative"] is not None else r["difference"]))
    print("largest gap per metric: " + ", ".join(f"{m} {v:.3f}" for m, v in worst.items()))
    print("operators within 2 points of the truth: " + ", ".join(
        f"{m} {inside} of {total}" for m, (inside, total) in within_two_points(rows).items()))
    print("operator-weeks whose 95% interval holds the truth (mean absolute gap to the truth: raw -> corrected):")
    for name, tally in coverage.items():
        if tally["weeks"]:
            print(f"  {name:<27} {tally['inside']:>4} of {tally['weeks']:<4} ({100 * tally['inside'] / tally['weeks']:5.1f}%)"
                  f"   {tally['raw_error']:.4f} -> {tally['corrected_error']:.4f}")
    if mix["shares"]:
        print(f"category mix per operator, whole period: {mix['inside']} of {mix['shares']} intervals hold the true "
              f"share; mean absolute gap {mix['raw_error']:.4f} -> {mix['corrected_error']:.4f}")
    if not any(t["weeks"] for t in coverage.values()):
        print("  none: the model that labelled this warehouse kept no held-out confusion; retrain it "
              "(`python -m models train`) and build")
    return 0


def cmd_report(args) -> int:
    from pipelines.outputs.report import NoData, weekly_review
    from pipelines.outputs.report_html import print_pdf, render_html

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

        from pipelines.outputs.report import default_week, latest_week
        named = None if (args.week or "last").lower() == "last" else args.week
        week = named or default_week(latest_week(con), datetime.now(ZoneInfo("Europe/Rome")).date())
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

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
                                 _progress_factory(not args.quiet))
            print(result.summary())
        except SourceError as exc:
            failures += 1
            print(f"error: {exc}", file=sys.stderr)
    return failures


def cmd_ingest(args, build_after: bool = False) -> int:
    from pipelines.build import build_all
    from pipelines.load import rebuild_conversations
    from pipelines.warehouse import building

    db = config.db_path(args.db)

    class NothingLoaded(Exception):
        pass

    failures = 0
    try:
        with building(db) as con:
            failures = _ingest_files(con, args) if args.files else 0
            if failures == len(args.files) and args.files:
                raise NothingLoaded  # leave the serving file untouched
            if build_after:
                build_all(con, log=lambda m: print(m) if not args.quiet else None)
            else:
                rebuild_conversations(con)
    except NothingLoaded:
        pass
    if failures:
        print(f"{failures} file(s) could not be read; the others were loaded", file=sys.stderr)
        return 1
    print(f"warehouse: {db}")
    return 0


def cmd_build(args) -> int:
    args.files = []
    return cmd_ingest(args, build_after=True)


def cmd_run(args) -> int:
    return cmd_ingest(args, build_after=True)


def cmd_demo(args) -> int:
    from pipelines.demo import cli as demo_cli
    return demo_cli.run(args)


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="warehouse file (default: $CARE_DB or data/warehouse/care.duckdb)")
    common.add_argument("-q", "--quiet", action="store_true", help="no progress bars or step logs")

    files = argparse.ArgumentParser(add_help=False)
    files.add_argument("--format", default="auto", choices=("auto", "canonical", "twcs", "x_v2"),
                       help="input layout; auto sniffs it from the file (default)")
    files.add_argument("--map", action="append", metavar="FIELD=COLUMN",
                       help="read canonical FIELD from the file's COLUMN (repeatable), e.g. --map text=body")
    files.add_argument("--channel", help="channel for rows that do not name one (default: unknown; twitter for TWCS and X)")

    top = argparse.ArgumentParser(prog="python -m pipelines", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", parents=[common, files], help="load files into the warehouse",
                       description="Load care logs (canonical CSV/JSONL/Parquet, TWCS CSV, X API v2 JSON) "
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
    from pipelines.operators import OperatorsConfigError
    from pipelines.warehouse import WarehouseBusy
    try:
        return args.func(args)
    except (OperatorsConfigError, WarehouseBusy) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: the warehouse is unchanged", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

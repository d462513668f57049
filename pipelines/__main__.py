"""python -m pipelines COMMAND: the command line's parser; the commands are in commands.py."""
from __future__ import annotations

import argparse
import sys

from pipelines import commands
from pipelines.contract import config

DESCRIPTION = ("Social care scorecard pipelines: load care logs into the warehouse, build the marts, "
               "print the metrics, write the weekly review, generate the demo.")


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

    top = argparse.ArgumentParser(prog="python -m pipelines", description=DESCRIPTION)
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", parents=[common, files], help="load files into the warehouse",
                       description="Load care logs (canonical CSV/JSONL/Parquet, TWCS CSV, X API v2 JSON, Facebook and "
                                   "Instagram Graph API JSON) "
                                   "into the warehouse. Bad rows go to the rejects table; a file that "
                                   "cannot be read is reported in one line and loads nothing. "
                                   "Loading the same file twice adds nothing.")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=commands.cmd_ingest)

    p = sub.add_parser("build", parents=[common], help="recompute derived tables",
                       description="Recompute everything derived from messages (conversations, and the "
                                   "later stages) and publish.")
    p.set_defaults(func=commands.cmd_build)

    p = sub.add_parser("run", parents=[common, files], help="ingest files, then build, in one publish",
                       description="The whole pipeline: ingest the files (if any), rebuild every derived "
                                   "table, and publish the warehouse once.")
    p.add_argument("files", nargs="*", metavar="FILE")
    p.set_defaults(func=commands.cmd_run)

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
    p.add_argument("--sla-minutes", type=float,
                   help="first-response target in minutes (default: [scorecard] sla_minutes of data/operators.toml)")
    p.set_defaults(func=commands.cmd_metrics)

    p = sub.add_parser("truth", parents=[common], help="compare metrics from the classifier with the demo's truth",
                       description="On a demo warehouse: each operator's metrics computed from the classifier's "
                                   "labels and from the generator's true labels, side by side, with the difference "
                                   "(relative for counts).")
    p.set_defaults(func=commands.cmd_truth)

    p = sub.add_parser("retention", parents=[common], help="delete messages older than N days, then rebuild",
                       description="GDPR retention: delete messages older than --days (with their labels, "
                                   "demo truth and the rejected rows of old loads) and rebuild every derived "
                                   "table. Setting CARE_RETENTION_DAYS applies the same at every build.")
    p.add_argument("--days", type=int, required=True, help="keep this many days of messages")
    p.set_defaults(func=commands.cmd_retention)

    p = sub.add_parser("report", parents=[common], help="write the weekly review as HTML or PDF",
                       description="The executive weekly review for one ISO week: KPIs per operator with the "
                                   "change against last week and the 4-week average, the biggest supported movers, "
                                   "unusual days, churn, and examples of failed escalations. Cron-friendly: exit "
                                   "code 0/1, no prompt, one log line per file written.")
    p.add_argument("--week", help="ISO week, e.g. 2026-W10, or last (default: the last week that has ended, Europe/Rome, "
                                  "or the newest week with data if the data stop earlier)")
    p.add_argument("--lang", choices=("it", "en"), default="it", help="language (default it)")
    p.add_argument("--out", required=True, help="FILE.html or FILE.pdf")
    p.set_defaults(func=commands.cmd_report)

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
    p.set_defaults(func=commands.cmd_demo)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    import duckdb

    from models.saved import ModelChanged
    from pipelines.contract.operators import OperatorsConfigError
    from pipelines.normalise.privacy import SaltError
    from pipelines.warehouse import WarehouseBusy
    try:
        return args.func(args)
    except (OperatorsConfigError, SaltError, WarehouseBusy, ModelChanged) as exc:
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

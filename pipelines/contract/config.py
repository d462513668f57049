"""Where things live. Every path can be overridden by an environment variable so that
tests and other installations point the product elsewhere without code changes."""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = REPO_ROOT / "data" / "warehouse" / "care.duckdb"
DEFAULT_OPERATORS = REPO_ROOT / "data" / "operators.toml"
DEFAULT_SALT = REPO_ROOT / "data" / "secret" / "pseudonym.salt"

# Rows handed from a reader to the loader at a time: large enough to amortise the
# Arrow hand-over, small enough that a 10 M-row file never sits whole in memory.
BATCH_ROWS = 50_000


def db_path(explicit: str | os.PathLike | None = None) -> Path:
    """The serving warehouse: --db, else $CARE_DB, else data/warehouse/care.duckdb."""
    value = explicit or os.environ.get("CARE_DB") or DEFAULT_DB
    path = Path(value)
    return path if path.is_absolute() else (Path.cwd() / path)


def operators_path() -> Path:
    return Path(os.environ.get("CARE_OPERATORS") or DEFAULT_OPERATORS)


def salt_path() -> Path:
    return Path(os.environ.get("CARE_SALT_FILE") or DEFAULT_SALT)

"""SQL lives in .sql files beside this one; this module only finds and reads them."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

SQL_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def read(name: str) -> str:
    """The text of sql/<name>.sql, e.g. read("load/01_classify_rows")."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")

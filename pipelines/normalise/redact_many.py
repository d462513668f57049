"""Python's redaction of many texts at once, on every core.

The engine sends Python only the texts SQL cannot redact for certain (normalise/
02_routed.sql): 1-2 % of a demo file's rows, but on 10 M rows that is 150,000
texts and 12 s of one core, while DuckDB waits and the other core idles. Past
PARALLEL_MIN_TEXTS they are shared out to worker processes, in chunks, and come back in
order; fewer are not worth starting a process for.
"""
from __future__ import annotations

from pipelines.normalise.privacy import Pseudonymiser
from pipelines.workers import end_with_parent, worker_pool

PARALLEL_MIN_TEXTS = 10_000
REDACT_WORKERS = 2
CHUNK_TEXTS = 2_000
_worker_pseudonymiser: Pseudonymiser | None = None


def redact_texts(pseudonymiser: Pseudonymiser, bodies: list[str]) -> list[tuple[str, str, list[str]]]:
    """(body, redacted text, @handles it mentions) for each body, in order."""
    if len(bodies) < PARALLEL_MIN_TEXTS:
        return _redact(pseudonymiser, bodies)
    chunks = [bodies[start:start + CHUNK_TEXTS] for start in range(0, len(bodies), CHUNK_TEXTS)]
    with worker_pool(REDACT_WORKERS, _init_worker, pseudonymiser) as pool:
        return [row for rows in pool.map(_redact_chunk, chunks) for row in rows]


def _redact(pseudonymiser: Pseudonymiser, bodies: list[str]) -> list[tuple[str, str, list[str]]]:
    return [(body, *pseudonymiser.redact(body)) for body in bodies]


def _init_worker(pseudonymiser: Pseudonymiser, parent_pid: int) -> None:
    global _worker_pseudonymiser
    end_with_parent(parent_pid)
    _worker_pseudonymiser = pseudonymiser


def _redact_chunk(bodies: list[str]) -> list[tuple[str, str, list[str]]]:
    return _redact(_worker_pseudonymiser, bodies)

"""The conversation facts' stages, one pass of conversations at a time.

Each stage of conversation_facts (its messages, their sums, what the dashboard reads,
the evidence of an outcome) groups every message of the conversations it covers. Over
10 M messages at once those groups outgrew DuckDB's memory and its caches, and the stages
took 39 s; over a quarter of the conversations, 6 s. So the conversations are taken in
passes of about ROWS_PER_PASS messages (pipelines.warehouse, as the load's joins), in
opening order, and each pass's stages are added to the last's. A warehouse of up to that
many messages is one pass, as before. What crosses passes, a customer's next
conversation, is found after them (sql/marts/conversation_rollup.sql).
"""
from __future__ import annotations

from datetime import datetime

from pipelines import sql, warehouse


def conversation_passes(con) -> list[tuple[datetime | None, datetime | None]]:
    """Ranges of opening times, [from, until), that split the conversations of the facts
    into passes of about ROWS_PER_PASS messages; (None, None) when one pass holds them."""
    starts = [row[0] for row in con.execute(sql.read("marts/pass_starts"),
                                            {"rows": warehouse.ROWS_PER_PASS}).fetchall()]
    if len(starts) <= 1:
        return [(None, None)]
    return list(zip([None, *starts[1:]], [*starts[1:], None]))


def build_stages(con) -> None:
    """conversation_events (the last pass's), conversation_sums, conversation_reads and
    conversation_evidence over every pass, then conversation_rollup over them all."""
    for number, (from_at, until_at) in enumerate(conversation_passes(con)):
        bounds = {"from_at": from_at, "until_at": until_at}
        con.execute(sql.read("marts/conversation_events"), bounds)
        con.execute(sql.read("marts/conversation_sums"), bounds)
        con.execute(sql.read("marts/conversation_reads"))
        con.execute(sql.read("marts/conversation_evidence"))
        con.execute(sql.read("marts/parts_start" if number == 0 else "marts/parts_append"))
    con.execute(sql.read("marts/conversation_rollup"))

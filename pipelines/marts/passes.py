"""The conversation facts' stages, one pass of conversations at a time.

Each stage of conversation_facts (its messages, their sums, what the dashboard reads,
the evidence of an outcome) groups every message of the conversations it covers. Over
10 M messages at once those groups outgrew DuckDB's memory and its caches, and the stages
took 39 s; over a quarter of the conversations, 6 s. So the conversations are taken in
passes of about ROWS_PER_PASS messages (pipelines.warehouse, as the load's joins), in
opening order, and each pass's stages are added to the last's. A warehouse of up to that
many messages is one pass, as before. What crosses passes, a customer's next
conversation, is found after them (sql/marts/conversation_next.sql); then the facts are
written one pass at a time too (their joins and their sort, 18 s at 10 M in one go).
"""
from __future__ import annotations

from datetime import datetime

from pipelines import sql, warehouse
from pipelines.warehouse import in_insertion_order


def conversation_passes(con) -> list[tuple[datetime | None, datetime | None]]:
    """Ranges of opening times, [from, until), that split the conversations of the facts
    into passes of about ROWS_PER_PASS messages; (None, None) when one pass holds them."""
    starts = [row[0] for row in con.execute(sql.read("marts/pass_starts"),
                                            {"rows": warehouse.ROWS_PER_PASS}).fetchall()]
    if len(starts) <= 1:
        return [(None, None)]
    return list(zip([None, *starts[1:]], [*starts[1:], None]))


def build_facts(con, target: str) -> None:
    """{target}.conversation_facts, pass by pass: the stages (conversation_events,
    conversation_sums, conversation_reads, conversation_evidence) of every pass, then each
    customer's next conversation over them all (conversation_next), then each pass's facts,
    added in opening order (the order pages skip other days by)."""
    passes = conversation_passes(con)
    for number, (from_at, until_at) in enumerate(passes):
        bounds = {"from_at": from_at, "until_at": until_at}
        con.execute(sql.read("marts/conversation_events"), bounds)
        con.execute(sql.read("marts/conversation_sums"), {**bounds, "pass": number})
        con.execute(sql.read("marts/conversation_reads"), {"pass": number})
        con.execute(sql.read("marts/conversation_evidence"), {"pass": number})
        con.execute(sql.read("marts/parts_start" if number == 0 else "marts/parts_append"))
    con.execute(sql.read("marts/conversation_next"))
    with in_insertion_order(con):
        for number in range(len(passes)):
            table = f"{target}.conversation_facts" if number == 0 else "conversation_facts_part"
            con.execute(sql.read("marts/conversation_facts").format(
                target=target, table=table, kind="table" if number == 0 else "temp table"), {"pass": number})
            if number:
                con.execute(sql.read("marts/facts_append").format(target=target))

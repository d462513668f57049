"""Property-based: whatever the conversations, the metrics keep their invariants (rates
in [0, 1], no negative time, parts that add up to their whole)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines import sql
from pipelines.marts.metrics import Choices, build_marts, period_metrics

ACTS = ["acknowledge", "request_data", "escalate", "resolve", "deflect", "other"]
START = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)

message = st.tuples(
    st.booleans(),                                  # written by the operator
    st.integers(min_value=-120, max_value=20_000),  # minutes after the opening (a bad clock can be negative)
    st.sampled_from(["negative", "neutral", "positive"]),
    st.sampled_from(["none", "threat", "switched", "cancel"]),
    st.sampled_from(["none", "fixed", "still_broken"]),
    st.sampled_from(ACTS),
)
conversation = st.tuples(st.sampled_from(["tim", "vodafone", "fastweb"]), st.integers(0, 20),
                         st.integers(0, 10 * 24 * 60), st.lists(message, max_size=6))


def warehouse(conversations) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    con.execute("attach ':memory:' as scratch")
    con.execute(sql.read("schema"))
    rows, labels = [], []
    for c, (op, customer, offset, extra) in enumerate(conversations):
        opened = START + timedelta(minutes=offset)
        messages = [(False, 0, "negative", "none", "none", "other")] + list(extra)
        for m, (is_brand, minutes, sentiment, churn, followup, act) in enumerate(messages):
            mid = f"m{c}-{m}"
            rows.append((mid, "p", f"conv{c}", f"m{c}-{m - 1}" if m else None, op, "twitter",
                         op if is_brand else f"cust{customer}", f"cust{customer}", is_brand,
                         opened + timedelta(minutes=minutes if m else 0), "testo", "it", "source", "l", m))
            labels.append(("p", mid, "v", None if is_brand else sentiment, None if is_brand else "billing",
                           None if is_brand else churn, None, None if is_brand else followup, act if is_brand else None))
    if rows:
        con.executemany("insert into messages values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        con.executemany("""insert into message_labels (source, message_id, model_version, sentiment, category, churn,
                           competitor, followup, act) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", labels)
    con.execute("insert into operators values ('tim','TIM','#000',true,true,[]), ('vodafone','Vodafone','#000',true,true,[]),"
                " ('fastweb','Fastweb','#000',true,true,[])")
    con.execute(sql.read("threads/conversations"))
    build_marts(con, log=lambda m: None)
    return con


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(conversation, max_size=25), st.booleans(), st.booleans())
def test_metric_invariants(conversations, business_hours, questions_only):
    con = warehouse(conversations)
    figures = period_metrics(con, Choices(business_hours=business_hours, questions_only=questions_only))
    facts = con.execute("""select count(*), min(frt_minutes), min(frt_business_minutes),
                                  count(*) filter (where is_question) from conversation_facts""").fetchall()[0]
    assert facts[0] == len(conversations)   # the facts keep every conversation; the choice filters the figures
    counted = sum(m["conversations"] for m in figures.values())
    assert counted == (facts[3] if questions_only else len(conversations))
    assert facts[1] is None or facts[1] >= 0
    assert facts[2] is None or facts[2] >= 0
    for op, m in figures.items():
        for rate in m["rates"].values():
            if rate["denominator"]:
                assert 0 <= rate["numerator"] <= rate["denominator"]
            if rate["ci95"]:
                assert 0 <= rate["ci95"][0] <= rate["ci95"][1] <= 1
        for key in ("response_rate", "sla_hit_rate", "escalation_success_rate", "sentiment_recovery_rate"):
            assert m[key] is None or 0 <= m[key] <= 1
        assert m["answered"] <= m["conversations"]
        assert m["escalation_success"] + m["escalation_failure"] <= m["escalated"] <= m["answered"]
        assert m["frt_median_min"] is None or 0 <= m["frt_median_min"] <= m["frt_p90_min"]
        assert -1 <= (m["net_sentiment"] or 0) <= 1
        assert sum(m["competitor_flows"].values()) <= m["churn_signals"] <= m["conversations"]
    weekly = con.execute("select coalesce(sum(conversations), 0) from operator_week").fetchall()[0][0]
    assert weekly == facts[0]   # the weeks add up to the conversations

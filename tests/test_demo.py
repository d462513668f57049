"""The demo corpus: seeded, realistic enough to tell operators apart, with its truth."""
from __future__ import annotations

from collections import Counter
from datetime import date

import duckdb
import pytest

from pipelines.contract.operators import Operators
from pipelines.demo.generator import PROFILES, DemoParams, generate, outages


def small(seed=3, messages=3_000, weeks=4):
    return DemoParams(messages=messages, seed=seed, weeks=weeks, end=date(2026, 3, 29))


def flatten(params):
    rows, msg_truth, conv_truth = [], [], []
    for r, m, c in generate(params, Operators.load()):
        rows += r
        msg_truth += m
        conv_truth += c
    return rows, msg_truth, conv_truth


def test_same_seed_same_data_other_seed_other_data():
    a, b, c = flatten(small()), flatten(small()), flatten(small(seed=4))
    assert a == b
    assert [r["text"] for r in a[0]] != [r["text"] for r in c[0]]


def test_size_period_and_truth_line_up():
    params = small()
    rows, msg_truth, conv_truth = flatten(params)
    assert 3_000 <= len(rows) < 3_050
    assert [t["message_id"] for t in msg_truth] == [r["message_id"] for r in rows]
    first, last = min(r["created_at"] for r in rows), max(r["created_at"] for r in rows)
    assert first.date() >= params.start and last.date() <= params.end
    assert len(conv_truth) == len({r["conversation_id"] for r in rows})
    # every reply points to the message before it in the same conversation
    by_id = {r["message_id"]: r for r in rows}
    assert all(by_id[r["in_reply_to"]]["conversation_id"] == r["conversation_id"] for r in rows if r["in_reply_to"])


def test_texts_are_varied_italian_and_carry_the_stories():
    rows, msg_truth, conv_truth = flatten(small(messages=8_000, weeks=8))
    customer_texts = [r["text"] for r in rows if not r["is_brand"]]
    assert len(set(customer_texts)) / len(customer_texts) > 0.8
    acts = Counter(t["act"] for t in msg_truth if t["role"] == "brand")
    assert set(acts) == {"acknowledge", "request_data", "escalate", "resolve", "deflect", "other"}
    churn = Counter(t["churn"] for t in msg_truth if t["role"] == "customer")
    assert set(churn) == {"none", "threat", "switched", "cancel"}
    outcomes = Counter(c["escalation_outcome"] for c in conv_truth)
    assert {"success", "failure", "unknown", "none"} <= set(outcomes)
    assert any(c["repeated_data_request"] for c in conv_truth) and any(c["deflected"] for c in conv_truth)
    assert any(c["competitor"] for c in conv_truth)
    followups = Counter(t["followup"] for t in msg_truth if t["role"] == "customer")
    assert followups["fixed"] > 0 and followups["still_broken"] > 0


def test_operators_behave_differently():
    rows, _, conv_truth = flatten(small(messages=20_000, weeks=8))
    by_op = {}
    for c in conv_truth:
        by_op.setdefault(c["operator"], []).append(c)
    assert set(by_op) == set(PROFILES)
    answered = {op: sum(c["is_answered"] for c in cs) / len(cs) for op, cs in by_op.items()}
    assert answered["vodafone"] > answered["iliad"] + 0.1
    def median_frt(op):
        frts = sorted((c["first_reply_at"] - c["opened_at"]).total_seconds() for c in by_op[op] if c["first_reply_at"])
        return frts[len(frts) // 2]
    assert median_frt("vodafone") < median_frt("windtre") < median_frt("iliad")


def test_outage_days_have_spikes():
    params = small(messages=20_000, weeks=8)
    rows, _, conv_truth = flatten(params)
    found = outages(params, Operators.load())
    assert found
    for outage in found:
        per_day = Counter(c["opened_at"].date() for c in conv_truth if c["operator"] == outage.operator)
        typical = sorted(per_day.values())[len(per_day) // 2]
        assert per_day[outage.day] > 2 * typical


def test_demo_warehouse_has_messages_conversations_and_truth(demo_db):
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        count = lambda sql: con.execute(sql).fetchall()[0][0]  # noqa: E731
        assert count("select count(*) from messages") >= 6_000 - count("select count(*) from rejects")
        assert count("select count(*) from rejects") == 0
        assert count("select count(*) from demo_truth_messages") == count("select count(*) from messages")
        assert count("""select count(*) from demo_truth_conversations t
                        anti join conversations c using (conversation_id)""") == 0
        assert count("select count(distinct operator) from messages") == 5
        assert count("select count(*) from messages where author_id not like 'c\\_%' escape '\\' and not is_brand") == 0
    finally:
        con.close()


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_demo_out_file_ingests_to_the_same_corpus(cli, query, tmp_path, suffix):
    out = tmp_path / f"demo{suffix}"
    code, stdout, err = cli("demo", "--messages", 1500, "--weeks", 3, "--seed", 5, "--out", out)
    assert code == 0, err
    code, stdout, err = cli("ingest", out)
    assert code == 0, err
    loaded = query("select count(*) from messages")[0][0]
    assert 1500 <= loaded < 1550 and query("select count(*) from rejects") == [(0,)]
    assert query("select distinct source from messages") == [("demo",)]

"""Partial conversations: replies whose parent is outside the data are kept, counted, and
join their thread when the parent arrives.

The file below is an export cut by a time window, every row TIM's (times UTC, all on
Monday 2 March 2026; `a0`, `b0`, `k0` and `d0` are not in it):

    A  a1 TIM 10:00 -> a0 | a2 customer 10:30 -> a1 | a3 TIM 10:45 -> a2
       earliest we have is TIM's reply: answered, first response time unknown
    B  b1 customer 09:00 -> b0 | b2 TIM 09:20 -> b1
       earliest we have is the customer's: answered, FRT 20 min
    C  k1 customer 11:00 -> k0
       unanswered
    D  d1 TIM 12:00 -> d0 | d2 customer 12:05 -> d0
       two answers to the same missing post: one conversation, answered, FRT unknown
    E  e1 customer 08:00 (a root) | e2 TIM 08:10 -> e1
       complete: answered, FRT 10 min

So TIM has 5 conversations, 4 partial, 4 answered; FRTs 20 and 10 (median 15); the SLA
counts B and E (hits) and C (a miss), so 2 of 3. Without partial conversations: E alone.
"""
from __future__ import annotations

import json

import duckdb

HEADER = "message_id,operator,channel,author_id,is_brand,created_at,text,in_reply_to\n"
WINDOW = HEADER + (
    "a1,tim,twitter,TIM_Official,true,2026-03-02T10:00:00Z,ci scrivi in DM?,a0\n"
    "a2,tim,twitter,anna,false,2026-03-02T10:30:00Z,fatto,a1\n"
    "a3,tim,twitter,TIM_Official,true,2026-03-02T10:45:00Z,grazie verifichiamo,a2\n"
    "b1,tim,twitter,bruno,false,2026-03-02T09:00:00Z,ancora senza linea,b0\n"
    "b2,tim,twitter,TIM_Official,true,2026-03-02T09:20:00Z,ci dispiace,b1\n"
    "k1,tim,twitter,carla,false,2026-03-02T11:00:00Z,e quindi?,k0\n"
    "d1,tim,twitter,TIM_Official,true,2026-03-02T12:00:00Z,ciao scrivici,d0\n"
    "d2,tim,twitter,dario,false,2026-03-02T12:05:00Z,anche io stesso problema,d0\n"
    "e1,tim,twitter,elena,false,2026-03-02T08:00:00Z,bolletta sbagliata,\n"
    "e2,tim,twitter,TIM_Official,true,2026-03-02T08:10:00Z,verifichiamo,e1\n")
# A later export brings two of the missing posts: a0 opens thread A (09:50, so its first
# response is a1 at 10:00: 10 min); b0 is elena's own follow-up to e1, so thread B was
# part of E all along. k0 and d0 stay missing.
PARENTS = HEADER + (
    "a0,tim,twitter,anna,false,2026-03-02T09:50:00Z,internet non va,\n"
    "b0,tim,twitter,elena,false,2026-03-02T08:30:00Z,e poi anche la linea,e1\n")


def metrics(cli, *extra) -> dict:
    code, out, err = cli("metrics", "--json", *extra)
    assert code == 0, err
    return json.loads(out)["tim"]


def test_replies_to_posts_outside_the_file_load_as_partial_conversations(cli, query, tmp_path):
    window = tmp_path / "window.csv"
    window.write_text(WINDOW, encoding="utf-8")
    code, out, err = cli("run", window)
    assert code == 0, err
    assert "10 loaded, 0 duplicate, 0 rejected" in out
    rows = query("""select conversation_id, is_partial, is_customer_opened, is_answered, frt_minutes
                    from conversations order by 1""")
    assert rows == [
        ("canonical:a0", True, True, True, None),
        ("canonical:b0", True, True, True, 20.0),
        ("canonical:d0", True, True, True, None),
        ("canonical:e1", False, True, True, 10.0),
        ("canonical:k0", True, True, False, None),
    ]
    tim = metrics(cli)
    assert (tim["conversations"], tim["answered"], tim["frt_median_min"]) == (5, 4, 15.0)
    assert tim["rates"]["sla_hit_rate"]["numerator"] == 2 and tim["rates"]["sla_hit_rate"]["denominator"] == 3
    alone = metrics(cli, "--exclude-partial")
    assert (alone["conversations"], alone["answered"], alone["frt_median_min"]) == (1, 1, 10.0)


def test_a_partial_conversation_joins_its_thread_when_the_parent_arrives(cli, query, tmp_path, db_path):
    window, parents = tmp_path / "window.csv", tmp_path / "parents.csv"
    window.write_text(WINDOW, encoding="utf-8")
    parents.write_text(PARENTS, encoding="utf-8")
    seed = tmp_path / "seed.csv"   # a warehouse to write an old reject into
    seed.write_text(HEADER + "v1,vodafone,twitter,vera,false,2026-03-01T08:00:00Z,ciao,\n", encoding="utf-8")
    cli("ingest", seed)
    con = duckdb.connect(str(db_path))
    # as an earlier version of the product rejected k1, for its missing parent
    con.execute("insert into rejects values ('old', 'window.csv', 7, 'k1', "
                "'unknown reply target (not in this file or the warehouse)', null)")
    con.close()
    assert cli("ingest", window)[0] == 0
    assert query("select count(*) from rejects") == [(0,)]   # k1 is loaded now: its reject goes
    code, out, err = cli("run", parents)
    assert code == 0, err
    assert "2 loaded" in out
    threads = dict(query("""select conversation_id, list(message_id order by created_at) from messages
                            where operator = 'tim' group by 1"""))
    assert threads == {
        "canonical:a0": ["a0", "a1", "a2", "a3"],             # a0 opens A, whose name it already was
        "canonical:e1": ["e1", "e2", "b0", "b1", "b2"],       # B moved into E, through b0
        "canonical:k0": ["k1"],
        "canonical:d0": ["d1", "d2"],
    }
    rows = query("""select conversation_id, is_partial, is_answered, frt_minutes, customer_id
                    from conversations where conversation_id in ('canonical:a0', 'canonical:e1') order by 1""")
    (a_id, a_partial, a_answered, a_frt, a_customer), (e_id, e_partial, _, e_frt, e_customer) = rows
    assert (a_partial, a_answered, a_frt) == (False, True, 10.0)
    assert (e_partial, e_frt) == (False, 10.0)
    authors = dict(query("select message_id, author_id from messages"))
    assert a_customer == authors["a0"] and e_customer == authors["e1"]
    # brand replies of a joined thread carry the customer the thread now has
    assert query("select distinct customer_id from messages where conversation_id = 'canonical:e1'") == [(e_customer,)]
    tim = metrics(cli)
    # A (10 min), C (unanswered), D (answered, time unknown), E (10 min)
    assert (tim["conversations"], tim["answered"], tim["frt_median_min"]) == (4, 3, 10.0)
    code, out, _ = cli("ingest", window, parents)
    assert "0 loaded, 10 duplicate" in out and "0 loaded, 2 duplicate" in out   # re-running adds nothing


def test_a_reply_whose_parent_arrives_in_the_same_later_file_as_its_own_parent(cli, query, tmp_path):
    """The missing parent may itself answer a post that is missing too: the conversation
    is renamed after the new earliest missing post, and again when the root arrives."""
    first, second, third = (tmp_path / f"{n}.csv" for n in ("first", "second", "third"))
    first.write_text(HEADER + "z3,tim,twitter,TIM_Official,true,2026-03-02T10:00:00Z,ciao,z2\n", encoding="utf-8")
    second.write_text(HEADER + "z2,tim,twitter,zeno,false,2026-03-02T09:55:00Z,ancora?,z1\n", encoding="utf-8")
    third.write_text(HEADER + "z1,tim,twitter,zeno,false,2026-03-02T09:00:00Z,non va,\n", encoding="utf-8")
    cli("ingest", first)
    assert query("select conversation_id from messages") == [("canonical:z2",)]
    cli("ingest", second)
    assert query("select distinct conversation_id from messages") == [("canonical:z1",)]
    assert cli("run", third)[0] == 0
    assert query("select distinct conversation_id from messages") == [("canonical:z1",)]
    assert query("select is_partial, is_answered, frt_minutes from conversations") == [(False, True, 60.0)]


def test_an_x_thread_without_its_first_tweet_is_partial(cli, query, tmp_path):
    doc = {"data": [
        {"id": "1600000000000000002", "conversation_id": "1600000000000000001", "author_id": "22",
         "created_at": "2026-03-05T08:30:00.000Z", "text": "@anna_bianchi ciao, scrivici in DM",
         "referenced_tweets": [{"type": "replied_to", "id": "1600000000000000001"}]},
        {"id": "1600000000000000003", "conversation_id": "1600000000000000001", "author_id": "11",
         "created_at": "2026-03-05T09:00:00.000Z", "text": "@iliad_Italia fatto",
         "referenced_tweets": [{"type": "replied_to", "id": "1600000000000000002"}]}],
        "includes": {"users": [{"id": "11", "username": "anna_bianchi"}, {"id": "22", "username": "iliad_Italia"}]}}
    path = tmp_path / "x.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, out, err = cli("ingest", path)
    assert code == 0 and "2 loaded" in out, err
    assert query("select conversation_id, operator, is_partial, is_answered, frt_minutes from conversations") == [
        ("x_v2:1600000000000000001", "iliad", True, True, None)]


def test_the_dashboard_counts_partial_conversations_and_can_leave_them_out(cli, db_path, monkeypatch, tmp_path):
    from streamlit.testing.v1 import AppTest

    from dashboard import connection, queries
    from tests.test_dashboard import APP

    window = tmp_path / "window.csv"
    window.write_text(WINDOW, encoding="utf-8")
    assert cli("run", window)[0] == 0
    monkeypatch.setenv("CARE_DB", str(db_path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("screens/data.py").run()
    assert not at.exception
    assert any("Conversazioni parziali" in c.value and "4 su 5" in c.value for c in at.caption)
    at.switch_page("screens/scorecard.py").run()
    ident = connection.identity()
    counted = queries.operator_metrics(ident, at.session_state["filters"]).set_index("operator")["conversations"]
    at.toggle(key="xp").set_value(True).run()
    assert not at.exception and at.session_state["filters"].exclude_partial
    left = queries.operator_metrics(ident, at.session_state["filters"]).set_index("operator")["conversations"]
    assert (counted["tim"], left["tim"]) == (5, 1)

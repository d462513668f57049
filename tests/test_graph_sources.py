"""Facebook page feeds and Instagram comments, as the Graph API returns them.

tests/data/facebook_feed.json is TIM's page (id 1000123, name "TIM", a facebook handle
of TIM in data/operators.toml); times UTC:
    post 1000123_501  the page's announcement (08:00): not loaded
      501_1 Mario 09:00 | 501_2 TIM 09:30 (-> 501_1) | 501_3 Mario 09:40   answered, FRT 30
      501_4 no `from` 10:00 | 501_5 Giulia 10:10 | 501_6 TIM 11:00          answered, FRT 60
      501_7 Luca 12:00                                                     unanswered
    post 1000123_601  Anna's visitor post (18:00 on 3 March) | 601_1 TIM 18:20   answered, FRT 20
So TIM: 9 messages, 4 conversations, 3 answered, FRT median 30.

tests/data/instagram_comments.jsonl is two pages of comments on Vodafone's media
(`vodafoneit`; one reply signed `VodafoneIT`):
    17890001 sara.bianchi 10:00 | 17890002 VodafoneIT 10:15 | 17890003 sara 10:20   FRT 15
    17890004 no username 11:00                                                  unanswered
    17890010 marco_p 20:00 | 17890011 luca.v 20:05 | 17890012 vodafoneit 21:00     FRT 60
    17890013 vodafoneit 22:00 (the account's own comment: not a customer's conversation)
So Vodafone: 8 messages, 3 conversations, 2 answered, FRT median 37.5.
"""
from __future__ import annotations

import json

from pipelines.normalise.privacy import Pseudonymiser, load_or_create_salt
from tests.conftest import DATA

FACEBOOK = DATA / "facebook_feed.json"
INSTAGRAM = DATA / "instagram_comments.jsonl"


def test_a_facebook_page_feed_loads_as_one_conversation_per_customer_thread(cli, query):
    code, out, err = cli("run", FACEBOOK)
    assert code == 0, err
    assert "9 loaded, 0 duplicate, 0 rejected, 0 without operator (facebook_graph" in out
    threads = dict(query("select conversation_id, list(message_id order by created_at) from messages group by 1"))
    assert threads == {"facebook:501_1": ["501_1", "501_2", "501_3"],
                       "facebook:501_4": ["501_4", "501_5", "501_6"],
                       "facebook:501_7": ["501_7"],
                       "facebook:1000123_601": ["1000123_601", "601_1"]}
    brand = dict(query("select message_id, is_brand from messages"))
    assert [m for m, is_brand in sorted(brand.items()) if is_brand] == ["501_2", "501_6", "601_1"]
    assert query("select distinct operator, channel, source from messages") == [("tim", "facebook", "facebook")]
    assert query("""select conversation_id, is_answered, frt_minutes from conversations order by 1""") == [
        ("facebook:1000123_601", True, 20.0), ("facebook:501_1", True, 30.0),
        ("facebook:501_4", True, 60.0), ("facebook:501_7", False, None)]
    code, out, _ = cli("metrics", "--json")
    tim = json.loads(out)["tim"]
    assert (tim["conversations"], tim["answered"], tim["frt_median_min"]) == (4, 3, 30.0)


def test_facebook_people_are_pseudonymised_even_when_the_page_greets_them_by_name(cli, query):
    cli("ingest", FACEBOOK)
    texts = " ".join(t for (t,) in query("select text from messages"))
    for private in ("Mario", "Rossi", "Anna Neri", "347 123 4567", "2001", "2004"):
        assert private not in texts
    pseudo = Pseudonymiser(load_or_create_salt())
    authors = dict(query("select message_id, author_id from messages"))
    assert authors["501_1"] == pseudo.pseudonym("2001") and authors["501_2"] == "tim"
    assert authors["501_4"] == pseudo.pseudonym("anon_501_4")   # no `from`: a pseudonym from the comment id
    # the page's greeting names the same pseudonym as the author it answers
    assert query("select text from messages where message_id = '501_2'")[0][0].startswith(f"Ciao @{authors['501_1']},")
    customers = dict(query("select conversation_id, any_value(customer_id) from messages where is_brand group by 1"))
    assert customers["facebook:501_4"] == authors["501_4"]   # Giulia's reply does not make her the customer


def test_a_page_the_config_does_not_list_is_its_own_operator_unless_named(cli, query, tmp_path):
    feed = json.loads(FACEBOOK.read_text(encoding="utf-8"))
    text = json.dumps(feed).replace('"name": "TIM"', '"name": "TIM Italia Official"')
    other = tmp_path / "page.json"
    other.write_text(text, encoding="utf-8")
    cli("ingest", other)
    assert query("select distinct operator from messages") == [("TIM Italia Official",)]
    assert query("select is_configured from operators where operator_id = 'TIM Italia Official'") == [(False,)]
    again = tmp_path / "again.json"
    again.write_text(text.replace("1000123", "1000999"), encoding="utf-8")
    code, out, err = cli("ingest", again, "--operator", "tim", "--source", "facebook_tim")
    assert code == 0, err
    assert query("select distinct operator from messages where source = 'facebook_tim'") == [("tim",)]
    code, _, err = cli("ingest", again, "--operator", "nobody")
    assert code == 2 and "--operator 'nobody' is not an operator id" in err and len(err.strip().splitlines()) == 1


def test_instagram_comments_load_with_the_brand_recognised_by_username(cli, query):
    code, out, err = cli("run", INSTAGRAM)
    assert code == 0, err
    assert "8 loaded, 0 duplicate, 0 rejected, 0 without operator (instagram_graph" in out
    threads = dict(query("select conversation_id, list(message_id order by created_at) from messages group by 1"))
    assert threads == {"instagram:17890001": ["17890001", "17890002", "17890003"],
                       "instagram:17890004": ["17890004"],
                       "instagram:17890010": ["17890010", "17890011", "17890012"],
                       "instagram:17890013": ["17890013"]}
    brand = sorted(m for m, b in query("select message_id, is_brand from messages") if b)
    assert brand == ["17890002", "17890012", "17890013"]   # VodafoneIT too: usernames compare case-insensitively
    assert query("select distinct operator, channel from messages") == [("vodafone", "instagram")]
    assert query("select conversation_id, is_customer_opened, is_answered, frt_minutes from conversations order by 1") == [
        ("instagram:17890001", True, True, 15.0), ("instagram:17890004", True, False, None),
        ("instagram:17890010", True, True, 60.0), ("instagram:17890013", False, False, None)]
    code, out, _ = cli("metrics", "--json")
    vodafone = json.loads(out)["vodafone"]
    assert (vodafone["conversations"], vodafone["answered"], vodafone["frt_median_min"]) == (3, 2, 37.5)
    texts = " ".join(t for (t,) in query("select text from messages"))
    assert "sara" not in texts and "bianchi" not in texts and "marco_p" not in texts


def test_the_graph_layouts_are_sniffed_and_a_wrong_format_is_one_line(cli, query, tmp_path):
    from pipelines.sources import open_reader
    assert open_reader(FACEBOOK).format == "facebook_graph"
    assert open_reader(INSTAGRAM).format == "instagram_graph"
    one_line = tmp_path / "feed.jsonl"
    one_line.write_text(json.dumps(json.loads(FACEBOOK.read_text(encoding="utf-8"))) + "\n", encoding="utf-8")
    assert open_reader(one_line).format == "facebook_graph"
    code, _, err = cli("ingest", "--format", "instagram_graph", FACEBOOK)
    assert code == 1 and "not instagram_graph data" in err and len(err.strip().splitlines()) == 1
    broken = tmp_path / "comments.jsonl"
    lines = INSTAGRAM.read_text(encoding="utf-8").splitlines()
    broken.write_text(lines[0] + "\n{not json\n" + lines[1] + "\n", encoding="utf-8")
    code, out, err = cli("ingest", broken)
    assert code == 0 and "8 loaded, 0 duplicate, 1 rejected" in out, err
    assert query("select source_line, reason from rejects") == [(2, "invalid JSON (Expecting property name enclosed in double quotes)")]

"""The operators config: resolving handles, and adding an operator by editing the file."""
from __future__ import annotations

import json

import pytest

from pipelines.contract.config import DEFAULT_OPERATORS
from pipelines.contract.operators import Operators
from tests.conftest import DATA


def test_config_lists_the_five_scored_operators():
    ops = Operators.load()
    assert ops.scored_ids == ["windtre", "tim", "fastweb", "vodafone", "iliad"]
    assert ops.resolve("@TIM_Official") == "tim" and ops.resolve("timcare") == "tim"
    assert ops.resolve("3Italia") == "windtre" and ops.resolve("VodafoneIT") == "vodafone"
    assert ops.resolve("FastwebSupport") == "fastweb" and ops.resolve("iliad_Italia") == "iliad"
    assert ops.resolve("somebody") is None
    assert ops.by_id["vodafone"].care_hours is None                      # 24/7
    assert ops.by_id["fastweb"].care_hours["sun"] is None                # closed on Sunday
    assert ops.by_id["tim"].care_hours["mon"] == (8 * 60, 22 * 60)
    assert "Telecom" in ops.by_id["tim"].aliases and "Tre" in ops.by_id["windtre"].aliases


def test_adding_an_operator_is_an_edit_of_the_file(tmp_path, monkeypatch, cli, query):
    config = tmp_path / "operators.toml"
    config.write_text(DEFAULT_OPERATORS.read_text(encoding="utf-8") + """
[[operator]]
id = "spusu"
name = "spusu"
color = "#00B2A9"
care_hours = "24/7"
[operator.handles]
twitter = ["spusu_italia"]
""", encoding="utf-8")
    monkeypatch.setenv("CARE_OPERATORS", str(config))
    data = tmp_path / "spusu.csv"
    data.write_text("message_id,channel,author_id,created_at,text\n"
                    "s1,twitter,bea,2026-03-01T10:00:00Z,@spusu_italia la sim non arriva\n"
                    "s2,twitter,spusu_italia,2026-03-01T10:30:00Z,@bea ciao, verifichiamo\n", encoding="utf-8")
    code, _, err = cli("ingest", data)
    assert code == 0, err
    assert {op for (op,) in query("select operator from messages")} == {"spusu"}
    assert query("select is_configured, color from operators where operator_id = 'spusu'") == [(True, "#00B2A9")]


@pytest.mark.parametrize("text, problem", [
    ("[[operator]]\nname = 'x'\n", "has no id"),
    ("[[operator]]\nid = 'a'\n[[operator]]\nid = 'a'\n", "listed twice"),
    ("[[operator]]\nid = 'a'\ncare_hours = { mon = '9-5' }\n", "is not HH:MM-HH:MM"),
    ("this is = not toml [", "not valid TOML"),
    ("[scorecard]\nsla_minutes = 'one hour'\n[[operator]]\nid = 'a'\n", "is not a positive number of minutes"),
])
def test_malformed_config_is_a_clear_error(tmp_path, monkeypatch, cli, text, problem):
    config = tmp_path / "operators.toml"
    config.write_text(text, encoding="utf-8")
    monkeypatch.setenv("CARE_OPERATORS", str(config))
    code, _, err = cli("ingest", DATA / "canonical_sample.csv")
    assert code == 1 and problem in err and str(config) in err


def test_the_sla_target_comes_from_the_config(tmp_path, monkeypatch, cli):
    """Two conversations answered after 10 and 45 minutes: within a 60-minute target both
    are hits, within the config's 30 minutes one is; --sla-minutes overrides the config."""
    data = tmp_path / "sla.csv"
    data.write_text("message_id,channel,author_id,created_at,text,reply_to_id\n"
                    "a1,twitter,bea,2026-03-02T10:00:00Z,@TIM_Official la linea non va,\n"
                    "a2,twitter,TIM_Official,2026-03-02T10:10:00Z,@bea ciao verifichiamo,a1\n"
                    "b1,twitter,ugo,2026-03-02T11:00:00Z,@TIM_Official fattura sbagliata,\n"
                    "b2,twitter,TIM_Official,2026-03-02T11:45:00Z,@ugo ciao controlliamo,b1\n", encoding="utf-8")
    assert cli("run", data)[0] == 0
    sla = lambda *extra: json.loads(cli("metrics", "--json", *extra)[1])["tim"]["sla_hit_rate"]  # noqa: E731
    assert Operators.load().sla_minutes == 60 and sla() == 1.0
    config = tmp_path / "operators.toml"
    config.write_text(DEFAULT_OPERATORS.read_text(encoding="utf-8").replace("sla_minutes = 60", "sla_minutes = 30"),
                      encoding="utf-8")
    monkeypatch.setenv("CARE_OPERATORS", str(config))
    assert Operators.load().sla_minutes == 30
    assert sla() == 0.5
    assert sla("--sla-minutes", "50") == 1.0

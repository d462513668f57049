"""dbt-style schema tests of every warehouse table and mart, driven by one spec file
(tests/marts_grain.toml): unique keys, not-null columns, accepted values, and parts
that add up to their whole. Run on the demo warehouse, on the classifier's marts and on
the generator's truth marts."""
from __future__ import annotations

import tomllib
from pathlib import Path

import duckdb
import pytest

SPEC = tomllib.loads((Path(__file__).parent / "marts_grain.toml").read_text(encoding="utf-8"))
TABLES = {name: spec for name, spec in SPEC.items() if name != "add_up"}
TRUTH_MARTS = ("conversation_facts", "operator_days", "operator_week", "operator_week_category",
               "operator_week_channel", "competitor_flows", "thread_labels")
CASES = [("main", name) for name in TABLES] + [("truth", name) for name in TRUTH_MARTS]


@pytest.fixture(scope="module")
def con(demo_db):
    connection = duckdb.connect(str(demo_db), read_only=True)
    yield connection
    connection.close()


def _pair(item) -> tuple[str, str]:
    return (item, item) if isinstance(item, str) else tuple(item)


def check_table(con, schema: str, name: str, spec: dict) -> list[str]:
    """The spec's violations in one table, as sentences (empty: the table keeps its grain)."""
    table = f"{schema}.{name}"
    problems = []
    rows = con.execute(f"select count(*) from {table}").fetchall()[0][0]
    if rows == 0:
        problems.append(f"{table} is empty")
    key = ", ".join(spec.get("unique", []))
    if key:
        repeated = con.execute(f"select count(*) from (select {key} from {table} group by all having count(*) > 1)"
                               ).fetchall()[0][0]
        if repeated:
            problems.append(f"{table}: {repeated} values of ({key}) repeat")
    for column in spec.get("not_null", []):
        nulls = con.execute(f"select count(*) from {table} where {column} is null").fetchall()[0][0]
        if nulls:
            problems.append(f"{table}.{column}: {nulls} nulls")
    for column, allowed in spec.get("accepted_values", {}).items():
        found = {v for (v,) in con.execute(f"select distinct {column} from {table} where {column} is not null").fetchall()}
        if found - set(allowed):
            problems.append(f"{table}.{column}: unexpected values {sorted(found - set(allowed))}")
    return problems


def check_add_up(con, schema: str, rule: dict) -> list[str]:
    keys = [_pair(k) for k in rule["keys"]]
    measures = [_pair(m) if not isinstance(m, str) else (m, f"sum({m})") for m in rule["measures"]]
    whole_keys = ", ".join(w for w, _ in keys)
    parts_keys = ", ".join(f"{p} as {w}" for w, p in keys)
    sums = ", ".join(f"{expr} as {name}" for name, expr in measures)
    compare = " or ".join(f"w.{name} is distinct from coalesce(p.{name}, 0)" for name, _ in measures)
    query = f"""
        with parts as (select {parts_keys}, {sums} from {schema}.{rule['parts']} group by all)
        select count(*) from {schema}.{rule['whole']} as w left join parts as p using ({whole_keys})
        where {compare}"""
    wrong = con.execute(query).fetchall()[0][0]
    return [f"{schema}.{rule['whole']}: {wrong} rows whose {[n for n, _ in measures]} are not the sum of "
            f"{schema}.{rule['parts']}"] if wrong else []


@pytest.mark.parametrize("schema, name", CASES)
def test_every_table_keeps_its_grain(con, schema, name):
    assert check_table(con, schema, name, TABLES[name]) == []


@pytest.mark.parametrize("schema", ["main", "truth"])
@pytest.mark.parametrize("rule", SPEC["add_up"], ids=lambda r: f"{r['parts']}->{r['whole']}")
def test_parts_add_up_to_their_whole(con, schema, rule):
    assert check_add_up(con, schema, rule) == []


def test_the_checks_find_what_is_wrong():
    """The checks themselves, on a table built to break every rule once."""
    bad = duckdb.connect()
    bad.execute("create schema s")
    bad.execute("create table s.t as select * from (values (1, 'a', 10), (1, 'x', null)) v(id, kind, n)")
    bad.execute("create table s.whole as select * from (values (1, 11)) v(id, n)")
    found = check_table(bad, "s", "t", {"unique": ["id"], "not_null": ["n"], "accepted_values": {"kind": ["a"]}})
    assert found == ["s.t: 1 values of (id) repeat", "s.t.n: 1 nulls", "s.t.kind: unexpected values ['x']"]
    assert check_add_up(bad, "s", {"whole": "whole", "parts": "t", "keys": ["id"], "measures": ["n"]}) == [
        "s.whole: 1 rows whose ['n'] are not the sum of s.t"]

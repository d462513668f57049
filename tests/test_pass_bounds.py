"""The ranges of ordinals a big load's joins run over (pipelines.warehouse.pass_bounds):
every row in exactly one pass, no pass much over ROWS_PER_PASS, and no pass for a few
rows left over (each pass reads the whole of the tables it joins)."""
from __future__ import annotations

from pipelines import warehouse
from pipelines.warehouse import pass_bounds


def test_every_ordinal_is_in_one_pass_and_no_pass_is_much_over_the_size(monkeypatch):
    monkeypatch.setattr(warehouse, "ROWS_PER_PASS", 10)
    for rows in range(0, 250):
        bounds = pass_bounds(rows)
        covered = [ordinal for after, until in bounds for ordinal in range(after + 1, min(until, rows) + 1)]
        assert covered == list(range(1, rows + 1)), rows
        assert all(until - after <= 11 for after, until in bounds), rows   # 10 and a tenth
        assert len(bounds) == (0 if rows == 0 else -(-rows // 11)), rows


def test_a_few_rows_over_do_not_take_a_pass_of_their_own():
    assert warehouse.ROWS_PER_PASS == 2_000_000
    assert pass_bounds(1_000_001) == [(0, 1_000_001)]
    assert pass_bounds(2_000_001) == [(0, 2_000_001)]
    assert len(pass_bounds(2_300_000)) == 2
    assert pass_bounds(10_000_003) == [(i * 2_000_001, (i + 1) * 2_000_001) for i in range(5)]   # the 10 M demo

"""Classification uncertainty (issue 14): the adjusted classify-and-count estimate and its
bootstrap interval on small fixtures whose answers can be checked by hand, and the
`<key>_interval` keys of `metrics --json`."""
from __future__ import annotations

import json

import numpy as np
import pytest
from scipy.stats import beta

from pipelines.marts.uncertainty import (Confusion, adjusted_index, adjusted_share, adjusted_shares,
                                         classified_share_interval, figure_uncertainty)

# held out: 1 000 true threats, 800 found (tpr 0.8); 1 000 true non-threats, 100 taken for one (fpr 0.1)
CHURN = Confusion(("none", "threat"), np.array([[900, 100], [200, 800]]))


def test_rogan_gladen_by_hand():
    # observed 240 of 1 000 = 0.24 = 0.8 π + 0.1 (1 − π)  =>  π = (0.24 − 0.1) / (0.8 − 0.1) = 0.2
    found = adjusted_share(240, 1000, CHURN, ("threat",))
    assert found["corrected"] == pytest.approx(0.2)
    low, high = found["interval"]
    assert 0.15 < low < 0.2 < high < 0.25
    # observed below the false-positive rate: no threats at all, never a negative share
    assert adjusted_share(50, 1000, CHURN, ("threat",))["corrected"] == 0.0


def test_a_perfect_classifier_leaves_only_the_sample():
    perfect = Confusion(("none", "threat"), np.array([[10_000, 0], [0, 10_000]]))
    found = adjusted_share(20, 100, perfect, ("threat",))
    assert found["corrected"] == pytest.approx(0.2)
    jeffreys = beta.ppf([0.025, 0.975], 20.5, 80.5)          # [0.130, 0.288]
    assert found["interval"] == pytest.approx(list(jeffreys), abs=0.01)


def test_a_worse_classifier_gives_a_wider_interval():
    sample_only = classified_share_interval(240, 1000, Confusion(("none", "threat"), np.diag([10_000, 10_000])),
                                            ("threat",))
    few_held_out = Confusion(("none", "threat"), np.array([[90, 10], [20, 80]]))   # same rates, a tenth of the data
    with_classifier = classified_share_interval(240, 1000, few_held_out, ("threat",))
    assert sample_only[0] < 0.24 < sample_only[1] and with_classifier[0] < 0.24 < with_classifier[1]
    assert with_classifier[1] - with_classifier[0] > 2 * (sample_only[1] - sample_only[0])
    assert classified_share_interval(0, 0, CHURN, ("threat",)) is None
    # at the edge (observed = the false-positive rate) the interval still reaches below it
    low, high = classified_share_interval(100, 1000, CHURN, ("threat",))
    assert low < 0.1 < high


def test_net_sentiment_inverts_the_confusion_matrix_by_hand():
    # truth: 60 % negative, 30 % neutral, 10 % positive (net −0.5). Rows: how each true label
    # was predicted, per 1 000. Predicted shares: negative .8×.6 + .1×.3 + .05×.1 = .515,
    # neutral .15×.6 + .8×.3 + .15×.1 = .345, positive .05×.6 + .1×.3 + .8×.1 = .14
    confusion = Confusion(("negative", "neutral", "positive"),
                          np.array([[800, 150, 50], [100, 800, 100], [50, 150, 800]]))
    found = adjusted_index({"negative": 5150, "neutral": 3450, "positive": 1400}, confusion)
    assert (1400 - 5150) / 10_000 == -0.375                        # what the labels alone say
    assert found["corrected"] == pytest.approx(-0.5, abs=0.005)
    assert found["interval"][0] < -0.5 < found["interval"][1]
    assert adjusted_index({}, confusion) is None
    # the same inversion gives each class's share (the category mix uses it)
    shares = adjusted_shares({"negative": 5150, "neutral": 3450, "positive": 1400}, confusion)
    assert {k: v["corrected"] for k, v in shares.items()} == pytest.approx(
        {"negative": 0.6, "neutral": 0.3, "positive": 0.1}, abs=0.005)
    assert all(v["interval"][0] < v["corrected"] < v["interval"][1] for v in shares.values())


def test_every_label_derived_figure_gets_its_interval():
    confusion = {"churn": CHURN, "act": Confusion(("escalate", "other"), np.array([[90, 10], [5, 95]])),
                 "followup": Confusion(("none", "fixed"), np.array([[95, 5], [10, 90]])),
                 "sentiment": Confusion(("negative", "neutral", "positive"), np.diag([100, 100, 100]))}
    row = {"conversations": 200, "answered": 150, "escalated": 30, "escalation_success": 12, "deflected": 15,
           "repeated_data_request": 6, "churn_signals": 60, "started_negative": 0, "sentiment_recovered": 0,
           "customer_messages": 300, "positive_messages": 60, "negative_messages": 150}
    found = figure_uncertainty(row, confusion, {"iliad": 10, "ho": 5})
    for key in ("escalated", "escalation_success", "escalation_success_rate", "deflected", "repeated_data_request",
                "churn_signals", "net_sentiment"):
        low, high = found[f"{key}_interval"]
        assert low <= high, key
    low, high = found["churn_signals_interval"]
    assert low < 60 < high and high <= 200
    assert found["sentiment_recovery_rate_interval"] is None            # no conversation started negative
    assert found["competitor_flows_interval"]["iliad"] == pytest.approx([10 * low / 60, 10 * high / 60])
    assert found["net_sentiment_corrected"] == pytest.approx((60 - 150) / 300, abs=0.01)
    assert figure_uncertainty(row, {}) == {}                           # a model without a held-out confusion


def test_metrics_json_puts_an_interval_beside_each_label_derived_key(tmp_path, cli):
    from tests.test_corrections import THREAD
    data = tmp_path / "thread.csv"
    data.write_text(THREAD, encoding="utf-8")
    assert cli("run", data)[0] == 0
    tim = json.loads(cli("metrics", "--json")[1])["tim"]
    assert tim["churn_signals"] == 1
    low, high = tim["churn_signals_interval"]
    assert 0 <= low < 1 <= high <= 1                                    # one conversation, one signal
    assert set(tim["competitor_flows_interval"]) == {"iliad"}
    assert len(tim["net_sentiment_interval"]) == 2 and "net_sentiment_corrected" in tim
    assert tim["category_shares"] == {tim_category: 1.0 for tim_category in tim["category_shares"]}  # one conversation
    assert set(tim["category_shares_interval"]) == set(tim["category_shares_corrected"]) >= set(tim["category_shares"])
    assert tim["escalated"] == 1 and tim["escalation_success"] == 0     # asked for the line's number: no follow-up
    low, high = tim["escalation_success_rate_interval"]
    assert low == 0.0 < high < 1


def test_a_mover_must_survive_the_classifiers_uncertainty_too():
    from pipelines.contract.kpis import supported_changes, wilson
    from pipelines.marts.uncertainty import with_intervals

    def row(signals: int) -> dict:
        return {"conversations": 100, "churn_signals": signals, "churn_signal_rate": signals / 100}

    now, before = {"tim": row(35)}, {"tim": row(15)}
    # on the sample alone (Wilson: 35 % [26, 45] against 15 % [9, 23]) the rise is a finding
    assert [m["metric"] for m in supported_changes(now, before)] == ["churn_signal_rate"]
    sure = {"churn": Confusion(("none", "threat"), np.diag([10_000, 10_000]))}
    assert [m["metric"] for m in supported_changes(with_intervals(now, sure), with_intervals(before, sure))] == \
        ["churn_signal_rate"]
    # a classifier measured on 40 held-out messages, 6 of its 20 threats missed and 4 false ones:
    # the intervals overlap, and the review does not claim it
    unsure = {"churn": Confusion(("none", "threat"), np.array([[16, 4], [6, 14]]))}
    widened = with_intervals(now, unsure)["tim"]["churn_signal_rate_interval"]
    sample_only = wilson(35, 100)
    assert widened[1] - widened[0] > 1.5 * (sample_only[1] - sample_only[0])
    assert supported_changes(with_intervals(now, unsure), with_intervals(before, unsure)) == []


def test_charts_show_the_intervals():
    import pandas as pd

    from dashboard import charts
    mix = pd.DataFrame({"operator": ["tim", "tim"], "category": ["Rete e linea", "Fatturazione"],
                        "conversations": [30, 70]})
    fig = charts.stacked_share(mix, "category", None, "mix", {"tim": "TIM"}, lang="it",
                               intervals={("tim", "Rete e linea"): [0.2, 0.4]})
    network = next(trace for trace in fig.data if trace.name == "Rete e linea")
    assert list(network.customdata[0]) == [30, 0.2, 0.4] and "95 %" in network.hovertemplate
    metrics = pd.DataFrame({"operator": ["tim"], "conversations": [100], "answered": [80], "response_rate": [0.8],
                            "frt_median_min": [30.0], "sla_conversations": [100], "sla_hits": [60],
                            "sla_hit_rate": [0.6], "escalated": [10], "escalation_success": [5],
                            "escalation_success_rate": [0.5], "churn_signals": [10], "churn_signal_rate": [0.1],
                            "net_sentiment": [-0.3], "customer_messages": [150]})
    rows = {"tim": {**metrics.iloc[0].to_dict(), "churn_signal_rate_interval": [0.05, 0.18],
                    "net_sentiment_interval": [-0.4, -0.2]}}
    fig = charts.kpi_leaders(metrics, {}, {"tim": "TIM"}, "it", rows)
    churn = next(trace for trace in fig.data if trace.error_x and list(trace.x) == [0.1])
    assert list(churn.error_x.array) == pytest.approx([0.08]) and list(churn.error_x.arrayminus) == pytest.approx([0.05])
    assert "95 %" in churn.hovertext[0]


def test_the_weekly_churn_line_and_the_escalation_tiles_carry_intervals(demo_db, monkeypatch):
    from pathlib import Path

    from streamlit.testing.v1 import AppTest
    monkeypatch.setenv("CARE_DB", str(demo_db))
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py"), default_timeout=60).run()
    at.switch_page("screens/churn.py").run()
    assert not at.exception
    weekly = json.loads(at.get("plotly_chart")[0].proto.spec)
    points = [point for trace in weekly["data"] for point in trace["customdata"]]
    assert points and all(low <= high for *_, low, high in points) and "95 %" in weekly["data"][0]["hovertemplate"]
    at.switch_page("screens/escalation.py").run()
    assert not at.exception
    assert all("95 %" in tile.proto.help for tile in at.metric)


def test_the_data_page_says_what_the_intervals_rest_on(demo_db, monkeypatch):
    from pathlib import Path

    from streamlit.testing.v1 import AppTest
    monkeypatch.setenv("CARE_DB", str(demo_db))
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py"), default_timeout=60).run()
    at.switch_page("screens/data.py").run()
    assert not at.exception
    (said,) = [c.value for c in at.caption if "intervalli al 95 %" in c.value]
    assert "Sentiment" in said and "di cui 0 vostre correzioni" in said

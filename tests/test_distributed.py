"""The same metrics from Apache Spark (local mode) over the Parquet export match DuckDB's,
on the hand-built fixture."""
from __future__ import annotations

import shutil

import duckdb
import pytest

from pipelines.marts.metrics import Choices, period_metrics
from pipelines.outputs.spark import export_parquet, spark_operator_metrics, spark_session
from tests.test_metrics import build_fixture

if not shutil.which("java"):
    pytest.skip("Spark needs a Java runtime", allow_module_level=True)

KEYS = ("conversations", "answered", "response_rate", "frt_median_min", "frt_p90_min", "sla_hit_rate", "escalated",
        "escalation_success", "escalation_failure", "escalation_success_rate", "deflected", "repeated_data_request",
        "churn_signals", "net_sentiment", "sentiment_recovery_rate")


@pytest.fixture(scope="module")
def spark():
    session = spark_session()
    yield session
    session.stop()


@pytest.mark.parametrize("choices", [Choices(), Choices(business_hours=True, questions_only=False, sla_minutes=15)])
def test_spark_computes_the_same_metrics_as_duckdb(spark, tmp_path, db_path, choices):
    build_fixture(tmp_path, db_path)
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        export_parquet(con, tmp_path / "parquet")
        expected = period_metrics(con, choices)
    finally:
        con.close()
    actual = spark_operator_metrics(spark, tmp_path / "parquet", choices)
    assert set(actual) == set(expected) == {"tim", "fastweb", "vodafone"}
    for op in expected:
        for key in KEYS:
            assert actual[op][key] == pytest.approx(expected[op][key]), (op, key)

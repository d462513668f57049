"""When one machine is not enough: the marts as Parquet, and the period metrics computed
by Apache Spark over them (local mode here, a cluster by changing the master URL).

DuckDB builds `conversation_facts` (one row per conversation, a few hundred bytes each:
a year of every Italian operator's social care is tens of millions of rows, a few GB of
Parquet). Everything downstream is plain aggregation over it, which Spark spreads over
as many machines as the data needs.
"""
from __future__ import annotations

from pathlib import Path

from pipelines import sql
from pipelines.marts.metrics import Choices, sla_minutes

EXPORTED = ("conversation_facts", "operator_days")
# what conversation_facts keeps for the dashboard alone (rowids, hours, an excerpt): not facts
DASHBOARD_ONLY = ("first_post", "message_rows", "label_rows", "customer_hours", "operator_hours")


def export_parquet(con, folder: Path) -> list[Path]:
    """Write the marts Spark reads as Parquet files; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for table in EXPORTED:
        path = folder / f"{table}.parquet"
        relation = con.table(table)
        relation.select(*[c for c in relation.columns if c not in DASHBOARD_ONLY]).write_parquet(str(path))
        paths.append(path)
    return paths


def spark_session(master: str = "local[2]"):
    from pyspark.sql import SparkSession
    return (SparkSession.builder.master(master).appName("care-scorecard")
            .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
            .config("spark.sql.session.timeZone", "UTC").getOrCreate())


def spark_operator_metrics(spark, folder: Path, choices: Choices | None = None) -> dict[str, dict]:
    """Operator id -> the period's metrics, computed by Spark from the Parquet export."""
    choices = choices or Choices()
    for table in EXPORTED:
        spark.read.parquet(str(folder / f"{table}.parquet")).createOrReplaceTempView(table)
    params = {"business_hours": choices.business_hours, "questions_only": choices.questions_only,
              "exclude_outages": choices.exclude_outages, "exclude_partial": choices.exclude_partial,
              "sla_minutes": float(sla_minutes(choices)), "date_from": choices.date_from, "date_to": choices.date_to}
    query = spark.sql(sql.read("spark/operator_metrics"), args=params)
    return {row["operator"]: row.asDict() for row in query.collect()}

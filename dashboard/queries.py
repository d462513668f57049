"""Every query the dashboard makes, on the read-only connection of dashboard/connection.py.
The SQL is in dashboard/sql/<name>.sql (values bound as $parameters) or, for the metrics,
in pipelines/sql/marts/operator_metrics.sql.

Results are cached by the filter values and by the identity of the published warehouse
file, so a new publish invalidates them.
"""
from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard.connection import cursor, query_text
from dashboard.filters import Filters
from pipelines import sql
from pipelines.marts import metrics
from pipelines.marts.conversation_rows import read_conversation
from pipelines.marts.metrics import Choices, metrics_query, set_choices
from pipelines.marts.uncertainty import load_confusion


def _df(sql: str, params=None, filters: Filters | None = None) -> pd.DataFrame:
    with cursor() as cur:
        if filters is not None:
            set_choices(cur, choices(filters))
        return cur.sql(sql, params=params or None).to_arrow_table().to_pandas()


def _query(name: str, params: dict | None = None, filters: Filters | None = None) -> pd.DataFrame:
    """Run dashboard/sql/<name>.sql with its $parameters bound (never formatted in)."""
    return _df(query_text(name), params, filters)


def sla_minutes(f: Filters) -> float:
    """The first-response target the SLA figures use (the operators config's)."""
    return metrics.sla_minutes(choices(f))


def choices(f: Filters) -> Choices:
    lists = {name: list(getattr(f, name)) or None for name in ("operators", "channels", "categories", "sentiments")}
    return Choices(questions_only=f.questions_only, business_hours=f.business_hours, exclude_outages=f.exclude_outages,
                   exclude_partial=f.exclude_partial, date_from=f.date_from, date_to=f.date_to, **lists)


# --- what the filters can choose from ---------------------------------------------------
@st.cache_data(max_entries=4)
def bounds(ident: tuple) -> dict:
    row = _query("filter_bounds").iloc[0]
    every = list(row["every_operator"]) if row["every_operator"] is not None else []
    first, last = row["first_day"], row["last_day"]
    return {"first_day": None if pd.isna(first) else pd.Timestamp(first).date(),
            "last_day": None if pd.isna(last) else pd.Timestamp(last).date(),
            "operators": list(row["operators"]) if row["operators"] is not None else [],
            "operator_names": {o["id"]: o["name"] for o in every}, "colors": {o["id"]: o["color"] for o in every},
            "channels": list(row["channels"]) if row["channels"] is not None else []}


# --- metrics ------------------------------------------------------------------------------
# Every figure below is per operator: a query runs for every operator and the chosen ones
# are picked from its cached rows, so choosing operators (the commonest change) reads no data.
def _per_operator(query, ident: tuple, f: Filters, *args, column: str = "operator") -> pd.DataFrame:
    frame = query(ident, replace(f, operators=()), *args)
    return frame[frame[column].isin(f.operators)].reset_index(drop=True) if f.operators else frame


def operator_metrics(ident: tuple, f: Filters) -> pd.DataFrame:
    return _per_operator(_operator_metrics, ident, f)


def weekly_metrics(ident: tuple, f: Filters) -> pd.DataFrame:
    return _per_operator(_weekly_metrics, ident, f)


def grouped_metrics(ident: tuple, f: Filters, column: str) -> pd.DataFrame:
    return _per_operator(_grouped_metrics, ident, f, column)


def frt_quantiles(ident: tuple, f: Filters) -> pd.DataFrame:
    return _per_operator(_frt_quantiles, ident, f)


def daily_volume(ident: tuple, f: Filters) -> pd.DataFrame:
    return _per_operator(_daily_volume, ident, f)


def hour_heatmap(ident: tuple, f: Filters) -> pd.DataFrame:   # the chosen operators' messages together
    by_operator = _per_operator(_hour_heatmap, ident, f)
    return by_operator.groupby(["is_brand", "weekday", "hour"], as_index=False)["messages"].sum()


def churn_flows(ident: tuple, f: Filters) -> pd.DataFrame:   # by operator, kind and destination
    return _per_operator(_churn_flows, ident, f, column="from_operator")


@st.cache_data(max_entries=64)
def _operator_metrics(ident: tuple, f: Filters) -> pd.DataFrame:
    # a fixed order, so that operators keep their place in charts and tables from run to run
    return _df(metrics_query(("operator",)) + " order by operator", filters=f)


@st.cache_data(max_entries=64)
def _weekly_metrics(ident: tuple, f: Filters) -> pd.DataFrame:
    return _df(metrics_query(("operator", "opened_week", "opened_week_start")) + " order by opened_week_start, operator",
               filters=f)


@st.cache_data(max_entries=64)
def _grouped_metrics(ident: tuple, f: Filters, column: str) -> pd.DataFrame:
    assert column in ("category", "channel")
    return _df(metrics_query(("operator", column)) + f" order by operator, {column}", filters=f)


@st.cache_data(max_entries=64)
def _frt_quantiles(ident: tuple, f: Filters) -> pd.DataFrame:
    return _query("frt_quantiles", filters=f)


@st.cache_data(max_entries=64)
def _daily_volume(ident: tuple, f: Filters) -> pd.DataFrame:
    return _query("daily_volume", filters=f)


@st.cache_data(max_entries=64)
def _churn_flows(ident: tuple, f: Filters) -> pd.DataFrame:
    flows = _df(sql.read("marts/churn_flows"), filters=f)
    return flows.rename(columns={"operator": "from_operator", "competitor": "to_operator"})


@st.cache_data(max_entries=64)
def _hour_heatmap(ident: tuple, f: Filters) -> pd.DataFrame:
    return _query("hour_heatmap", filters=f)


@st.cache_data(max_entries=64)
def conversation_list(ident: tuple, f: Filters, search: str = "", kind: str = "all",
                      week_start=None, limit: int = 500) -> pd.DataFrame:
    return _query("conversation_list", {"search": search or None, "kind": kind,
                                        "week_start": str(week_start) if week_start is not None else None,
                                        "limit": int(limit)}, filters=f)


@st.cache_data(max_entries=64)
def thread(ident: tuple, conversation_id: str) -> pd.DataFrame:
    with cursor() as cur:
        return read_conversation(cur, conversation_id, lambda params: _query("thread", params),
                                 labelled=lambda found: int(found["label_origin"].notna().sum()))


@st.cache_data(max_entries=16)
def review_queue(ident: tuple, f: Filters, order: str = "least_sure", seed: int = 0, limit: int = 200) -> pd.DataFrame:
    """Messages to review in the filters' conversations, with the model's labels and
    confidences: the least sure first, or a random sample (dashboard/sql/review_queue.sql)."""
    assert order in ("least_sure", "sample")
    return _query("review_queue", {"order": order, "seed": int(seed), "limit": int(limit)}, filters=f)


@st.cache_data(max_entries=4)
def label_confusion(ident: tuple) -> dict:
    """The held-out confusion of the model that labelled the warehouse, per task: what the
    label-derived figures' intervals rest on (pipelines/marts/uncertainty.py)."""
    with cursor() as cur:
        return load_confusion(cur)


# --- exports and the data page ---------------------------------------------------------------
def export_frame(ident: tuple, f: Filters, what: str) -> pd.DataFrame:
    if what in ("conversations", "messages"):
        return _query(f"export_{what}", filters=f)
    return weekly_metrics(ident, f)


@st.cache_data(max_entries=64)
def export_count(ident: tuple, f: Filters, what: str) -> int:
    """Rows the export will hold, shown before the download."""
    return int(_query("export_counts", filters=f).iloc[0][what])


@st.cache_data(max_entries=4)
def reject_rows(ident: tuple, limit: int = 500) -> pd.DataFrame:
    """The latest rejected rows themselves, for analysts (dashboard/sql/reject_rows.sql)."""
    return _query("reject_rows", {"limit": int(limit)})


@st.cache_data(max_entries=4)
def data_status(ident: tuple) -> dict:
    fresh = _query("data_freshness").iloc[0]
    return {"loads": _query("load_log"), "rejects": _query("reject_reasons"),
            "last_message": fresh["last_message"], "last_load": fresh["last_load"],
            "model_version": fresh["model_version"], "partial": int(fresh["partial"]),
            "conversations": int(fresh["conversations"])}


@st.cache_data(max_entries=16)
def weekly_review(ident: tuple, week: str):
    """The executive review of one ISO week (pipelines.outputs.report), or None without data."""
    from pipelines.outputs.report import NoData
    from pipelines.outputs.report import weekly_review as build

    with cursor() as cur:
        try:
            return build(cur, week)
        except NoData:
            return None


@st.cache_data(max_entries=4)
def weeks(ident: tuple) -> list[str]:
    """ISO weeks with data, newest first."""
    return _query("weeks")["opened_week"].tolist()
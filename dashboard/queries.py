"""Every query the dashboard makes, in one place, on a read-only DuckDB connection.

Results are cached by the filter values and by the identity of the published
warehouse file, so a new publish invalidates them; the connection itself is cached per
file identity and reopened when the pipeline publishes a new warehouse. Each query takes
its own cursor: Streamlit runs each session in a thread, and DuckDB connections are not
thread-safe.
"""
from __future__ import annotations

import threading
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from dashboard.filters import Filters
from pipelines import config, warehouse
from pipelines.metrics import Choices, metrics_query, set_choices
from pipelines.warehouse import WarehouseBusy  # one exception for "being rebuilt", whoever notices


class WarehouseMissing(Exception):
    pass


def db_path() -> Path:
    return config.db_path()


def identity() -> tuple:
    found = warehouse.file_identity(db_path())
    if found is None:
        raise WarehouseMissing(str(db_path()))
    return found


_current: dict = {}
_lock = threading.Lock()


def _connection(path: str, ident: tuple) -> duckdb.DuckDBPyConnection:
    """One read-only connection per published file. The old one must be closed before
    the new file is opened: DuckDB hands out its cached instance for a path that is
    still open, which would keep serving the replaced file."""
    with _lock:
        if _current.get("key") != (path, ident):
            old = _current.pop("con", None)
            if old is not None:
                old.close()
            try:
                con = warehouse.read_only(Path(path))
            except (duckdb.Error, FileNotFoundError) as exc:   # gone or locked between stat and open
                raise WarehouseBusy(str(exc)) from None
            # A file published without marts (a load whose build has not run yet) is
            # "being rebuilt": checked once per file, not before every query.
            try:
                con.execute("select 1 from conversation_facts limit 0").fetchall()
            except duckdb.CatalogException:
                con.close()
                raise WarehouseBusy("the warehouse has no metric marts yet") from None
            _current.update(key=(path, ident), con=con)
        return _current["con"]


def cursor():
    ident = identity()
    try:
        return _connection(str(db_path()), ident).cursor()
    except duckdb.Error as exc:
        raise WarehouseBusy(str(exc)) from None


def _df(sql: str, params=None, filters: Filters | None = None) -> pd.DataFrame:
    cur = cursor()
    try:
        if filters is not None:
            set_choices(cur, choices(filters))
        return cur.sql(sql, params=params or None).to_arrow_table().to_pandas()
    finally:
        cur.close()


def choices(f: Filters) -> Choices:
    return Choices(questions_only=f.questions_only, business_hours=f.business_hours,
                   exclude_outages=f.exclude_outages, exclude_partial=f.exclude_partial,
                   date_from=f.date_from, date_to=f.date_to,
                   operators=list(f.operators) or None, channels=list(f.channels) or None,
                   categories=list(f.categories) or None, sentiments=list(f.sentiments) or None)


# --- what the filters can choose from ---------------------------------------------------
@st.cache_data(max_entries=4)
def bounds(ident: tuple) -> dict:
    cur = cursor()
    try:
        first, last = cur.execute("select min(opened_local_date), max(opened_local_date) from conversation_facts").fetchall()[0]
        ops = cur.execute("""select o.operator_id, o.name, o.color from operators o
                             where o.operator_id in (select distinct operator from conversation_facts)
                             order by o.is_configured desc, o.operator_id""").fetchall()
        channels = [r[0] for r in cur.execute("select distinct channel from conversation_facts order by 1").fetchall()]
    finally:
        cur.close()
    return {"first_day": first, "last_day": last, "operators": [o[0] for o in ops],
            "operator_names": {o[0]: o[1] for o in ops}, "colors": {o[0]: o[2] for o in ops}, "channels": channels}


# --- metrics ------------------------------------------------------------------------------
@st.cache_data(max_entries=64)
def operator_metrics(ident: tuple, f: Filters) -> pd.DataFrame:
    # a fixed order, so that operators keep their place in charts and tables from run to run
    return _df(metrics_query(("operator",)) + " order by operator", filters=f)


@st.cache_data(max_entries=64)
def weekly_metrics(ident: tuple, f: Filters) -> pd.DataFrame:
    return _df(metrics_query(("operator", "opened_week", "opened_week_start")) + " order by opened_week_start, operator",
               filters=f)


@st.cache_data(max_entries=64)
def grouped_metrics(ident: tuple, f: Filters, column: str) -> pd.DataFrame:
    assert column in ("category", "channel")
    return _df(metrics_query(("operator", column)) + f" order by operator, {column}", filters=f)


@st.cache_data(max_entries=64)
def frt_quantiles(ident: tuple, f: Filters) -> pd.DataFrame:
    return _df("""select operator, count(frt) as n,
                         quantile_cont(frt, 0.05) as p05, quantile_cont(frt, 0.25) as q1,
                         quantile_cont(frt, 0.5) as median, quantile_cont(frt, 0.75) as q3,
                         quantile_cont(frt, 0.9) as p90, quantile_cont(frt, 0.95) as p95
                  from period_facts where frt is not null group by operator order by operator""", filters=f)


@st.cache_data(max_entries=64)
def hour_heatmap(ident: tuple, f: Filters) -> pd.DataFrame:
    return _df("""select m.is_brand, isodow(timezone('Europe/Rome', m.created_at)) as weekday,
                         hour(timezone('Europe/Rome', m.created_at)) as hour, count(*) as messages
                  from messages m semi join period_facts p using (conversation_id)
                  group by all""", filters=f)


@st.cache_data(max_entries=64)
def daily_volume(ident: tuple, f: Filters) -> pd.DataFrame:
    return _df("""select p.operator, p.opened_local_date as day, count(*) as conversations,
                         bool_or(coalesce(d.is_outage, false)) as is_outage,
                         mode(p.category) as top_category
                  from period_facts p
                  left join operator_days d on d.operator = p.operator and d.local_date = p.opened_local_date
                  group by all order by day""", filters=f)


@st.cache_data(max_entries=64)
def churn_flows(ident: tuple, f: Filters) -> pd.DataFrame:
    return _df("""select operator as from_operator, coalesce(competitor, '') as to_operator, churn_kind,
                         count(*) as conversations
                  from period_facts where churn_kind is not null group by all order by conversations desc""",
               filters=f)


@st.cache_data(max_entries=64)
def conversation_list(ident: tuple, f: Filters, search: str = "", kind: str = "all",
                      week_start=None, limit: int = 500) -> pd.DataFrame:
    where = ["true"]
    params: list = []
    if search:
        where.append("conversation_id in (select conversation_id from messages where text ilike ?)")
        params.append(f"%{search}%")
    if kind == "failed":
        where.append("escalation_outcome = 'failure'")
    elif kind == "churn":
        where.append("churn_kind is not null")
    if week_start is not None:
        where.append("opened_week_start = ?")
        params.append(week_start)
    # pick the conversations first, then fetch only their opening posts
    return _df(f"""
        with picked as (
            select * from period_facts p where {' and '.join(where)}
            order by opened_at desc limit {int(limit)}
        ),
        first_posts as (
            select conversation_id, arg_min(text, created_at) as first_post
            from messages semi join picked using (conversation_id)
            where not is_brand group by conversation_id
        )
        select p.conversation_id, p.operator, p.channel,
               strftime(timezone('Europe/Rome', p.opened_at), '%Y-%m-%d %H:%M') as opened_local,
               p.category, p.first_sentiment, p.is_answered, round(p.frt, 1) as frt_minutes,
               p.escalation_outcome, p.churn_kind, p.competitor, f.first_post
        from picked p left join first_posts f using (conversation_id)
        order by p.opened_at desc""", params, filters=f)


@st.cache_data(max_entries=64)
def thread(ident: tuple, conversation_id: str) -> pd.DataFrame:
    # thread_labels: the labels after the second pass over the conversation, as the metrics count them
    return _df("""select m.created_at, m.is_brand, m.author_id, m.text, l.sentiment, l.category, l.churn,
                         coalesce(l.competitor, '') as competitor, l.followup, l.act
                  from messages m left join thread_labels l using (source, message_id)
                  where m.conversation_id = ? order by m.created_at""", [conversation_id])


# --- exports and the data page ---------------------------------------------------------------
def export_frame(ident: tuple, f: Filters, what: str) -> pd.DataFrame:
    if what == "conversations":
        return _df("select * exclude (frt) from period_facts order by opened_at", filters=f)
    if what == "messages":
        return _df("""select m.conversation_id, m.message_id, m.source, m.operator, m.channel, m.author_id,
                             m.is_brand, m.created_at, m.text, m.lang, l.sentiment, l.category, l.churn,
                             l.competitor, l.followup, l.act, l.thread_rule, v.model_version
                      from messages m semi join period_facts p using (conversation_id)
                      left join thread_labels l using (source, message_id)
                      left join message_labels v using (source, message_id)
                      order by m.conversation_id, m.created_at limit 1000000""", filters=f)
    return weekly_metrics(ident, f)


@st.cache_data(max_entries=64)
def export_count(ident: tuple, f: Filters, what: str) -> int:
    """Rows the export will hold, shown before the download."""
    if what == "conversations":
        sql = "select count(*) from period_facts"
    elif what == "messages":
        sql = "select count(*) from messages m semi join period_facts p using (conversation_id)"
    else:
        sql = "select count(*) from (select distinct operator, opened_week from period_facts)"
    return int(_df(sql, filters=f).iloc[0, 0])


@st.cache_data(max_entries=4)
def reject_rows(ident: tuple, limit: int = 500) -> pd.DataFrame:
    """The latest rejected rows themselves, for analysts: reasons never quote a value, and
    the raw row is redacted and pseudonymised at ingestion."""
    return _df("""select source_file, source_line, message_id, reason, raw from rejects
                  order by load_id desc, source_file, source_line limit ?""", params=[limit])


@st.cache_data(max_entries=4)
def data_status(ident: tuple) -> dict:
    cur = cursor()
    try:
        loads = cur.sql("""select source_file, file_format, finished_at, count_read, count_loaded,
                                      count_duplicate, count_rejected, count_unresolved_operator
                               from loads order by finished_at desc limit 50""").to_arrow_table().to_pandas()
        rejects = cur.sql("""select reason, count(*) as rows, any_value(source_file) as example_file,
                                        min(source_line) as first_line
                                 from rejects group by reason order by rows desc limit 50""").to_arrow_table().to_pandas()
        last_message, last_load = cur.execute(
            "select (select max(created_at) from messages), (select max(finished_at) from loads)").fetchall()[0]
        version = cur.execute("select any_value(model_version) from message_labels").fetchall()[0][0]
        partial, conversations = cur.execute(
            "select count(*) filter (where is_partial), count(*) from conversation_facts").fetchall()[0]
    finally:
        cur.close()
    return {"loads": loads, "rejects": rejects, "last_message": last_message, "last_load": last_load,
            "model_version": version, "partial": partial, "conversations": conversations}


@st.cache_data(max_entries=16)
def weekly_review(ident: tuple, week: str):
    """The executive review of one ISO week (pipelines.report), or None without data."""
    from pipelines.report import NoData
    from pipelines.report import weekly_review as build

    cur = cursor()
    try:
        return build(cur, week)
    except NoData:
        return None
    finally:
        cur.close()


@st.cache_data(max_entries=4)
def weeks(ident: tuple) -> list[str]:
    """ISO weeks with data, newest first."""
    return _df("select distinct opened_week from conversation_facts order by 1 desc")["opened_week"].tolist()

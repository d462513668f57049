"""The dashboard with Streamlit's AppTest: every page renders on the demo warehouse and
on an empty or missing one; filters change the numbers; the URL carries the filters;
exports neutralise formula cells."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import exports
from pipelines.contract.words import TEXTS
from pipelines.outputs.formatting import number, percent

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
PAGES = ["scorecard", "speed", "escalation", "churn", "topics", "conversations", "labels", "export", "data", "review"]


def app(db, monkeypatch, **params) -> AppTest:
    monkeypatch.setenv("CARE_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_the_demo_warehouse(demo_db, monkeypatch, page):
    at = app(demo_db, monkeypatch)
    if page != "scorecard":
        at.switch_page(f"screens/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title and not at.error


def test_an_empty_warehouse_says_so(cli, db_path, monkeypatch):
    cli("build")  # schema and marts, no messages
    at = app(db_path, monkeypatch)
    assert not at.exception and at.title
    assert "Nessuna conversazione" in at.info[0].value   # a clear message, no traceback


TWO_CHANNELS = ("message_id,operator,channel,author_id,is_brand,created_at,text,in_reply_to\n"
                "a1,tim,twitter,anna,false,2026-03-02T10:00:00Z,la linea non va da ieri,\n"
                "a2,tim,twitter,TIM_Official,true,2026-03-02T10:20:00Z,ci scrivi in DM?,a1\n"
                "b1,vodafone,facebook,bruno,false,2026-03-03T11:00:00Z,bolletta doppia,\n")


@pytest.mark.parametrize("page", [p for p in PAGES if p not in ("data", "review")])
def test_every_page_has_its_own_empty_state(cli, db_path, monkeypatch, tmp_path, trained_model, page):
    """Data in the warehouse, filters that keep none of it (TIM on Facebook): the page
    itself says so, instead of drawing empty charts or failing."""
    source = tmp_path / "two.csv"
    source.write_text(TWO_CHANNELS, encoding="utf-8")
    assert cli("run", source)[0] == 0
    at = app(db_path, monkeypatch, op="TIM", ch="facebook")
    at.switch_page(f"screens/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["filters"].operators == ("tim",) and at.session_state["filters"].channels == ("facebook",)
    assert any("Nessuna conversazione con questi filtri" in el.value for el in at.info), page


def test_missing_warehouse_says_how_to_build_it(tmp_path, monkeypatch):
    at = app(tmp_path / "none.duckdb", monkeypatch)
    assert not at.exception and "make run" in at.info[0].value


def test_changing_a_filter_changes_the_numbers(demo_db, monkeypatch):
    at = app(demo_db, monkeypatch)
    table = lambda: (lambda v: v.data if hasattr(v, "data") else v)(at.dataframe[0].value)  # noqa: E731
    before = table()
    at.multiselect(key="op").set_value(["TIM", "Vodafone"]).run()
    after = table()
    assert len(before) == 5 and len(after) == 2
    at.toggle(key="q").set_value(True).run()
    questions = table()
    column = [c for c in questions.columns if c in ("Conversazioni", "Conversations")][0]
    counts = lambda frame: frame[column].str.replace(".", "", regex=False).astype(int).values  # noqa: E731  (1.056)
    assert (counts(questions) < counts(after)).all()


def test_url_round_trips_the_filters(demo_db, monkeypatch):
    at = app(demo_db, monkeypatch)
    period = at.date_input(key="period").value
    link = {"op": "iliad,tim", "lang": "en", "bh": "true", "period": f"{period[0]},{period[0]}"}
    at = app(demo_db, monkeypatch, **link)
    assert at.multiselect(key="op").value == ["Iliad", "TIM"]
    assert at.toggle(key="bh").value is True
    assert at.date_input(key="period").value == (period[0], period[0])
    shown = at.dataframe[0].value
    shown = shown.data if hasattr(shown, "data") else shown  # a styled table
    assert "Conversations" in shown.columns and len(shown) == 2


def test_csv_export_neutralises_formula_cells():
    frame = pd.DataFrame({"text": ["=HYPERLINK(\"http://x\")", "+39 ciao", "@cmd", "-5", "normale", "\tx"],
                          "n": [1, 2, 3, 4, 5, 6]})
    text = exports.to_bytes(frame, "csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+39 ciao" in text and "'@cmd" in text and "'\tx" in text
    assert "\n-5," in text and "'-5" not in text          # a plain negative number stays a number
    assert "\nnormale," in text
    xlsx = exports.to_bytes(frame, "xlsx", {"response rate": "answered / conversations"}, "filters")
    sheets = pd.read_excel(__import__("io").BytesIO(xlsx), sheet_name=None)
    assert set(sheets) == {"data", "definitions", "filters"}
    assert sheets["data"]["text"][0].startswith("'=")


def test_both_languages_have_the_same_texts_and_formats():
    assert set(TEXTS["it"]) == set(TEXTS["en"])
    assert number(1234.5, "it", 1) == "1.234,5" and number(1234.5, "en", 1) == "1,234.5"
    assert percent(0.875, "it") == "87,5 %" and percent(None) == "–"


def test_conversation_text_is_shown_as_text(cli, db_path, monkeypatch, tmp_path):
    hostile = tmp_path / "hostile.csv"
    hostile.write_text("message_id,operator,channel,author_id,created_at,text\n"
                       "h1,tim,twitter,eve,2026-03-01T10:00:00Z,<script>alert(1)</script> **bold** @TIM_Official\n",
                       encoding="utf-8")
    cli("run", hostile)
    at = app(db_path, monkeypatch)
    at.switch_page("screens/conversations.py").run()
    assert not at.exception
    assert any("<script>alert(1)</script>" in el.value for el in at.text)
    assert not any("<script>" in getattr(el, "value", "") for el in at.markdown)


def test_export_counts_rows_before_building_the_file(demo_db, monkeypatch):
    from dashboard import connection, queries
    from dashboard.screens.export import export_bytes
    at = app(demo_db, monkeypatch)
    at.switch_page("screens/export.py").run()
    assert not at.exception
    shown = at.info[0].value
    f = at.session_state["filters"]
    ident = connection.identity()
    rows = len(queries.export_frame(ident, f, "conversations"))
    assert f"{rows:,}".replace(",", ".") in shown or str(rows) in shown
    payload = export_bytes(ident, f, "conversations", "csv")
    assert payload.decode("utf-8-sig").count("\n") >= rows


def test_operators_keep_their_place_in_every_chart(demo_db, monkeypatch):
    """Operator rows come in one fixed order (by id), so bars and legends do not swap
    places between two runs of the same page."""
    from dashboard import connection, queries
    at = app(demo_db, monkeypatch)
    at.run()
    f = at.session_state["filters"]
    ident = connection.identity()
    operators = queries.operator_metrics(ident, f)["operator"].tolist()
    assert len(operators) >= 4 and operators == sorted(operators)
    weekly = queries.weekly_metrics(ident, f)[["opened_week_start", "operator"]].values.tolist()
    assert len(weekly) >= 10 and weekly == sorted(weekly)
    by_category = queries.grouped_metrics(ident, f, "category")
    assert by_category[["operator", "category"]].values.tolist() == sorted(
        by_category[["operator", "category"]].values.tolist())


def test_reply_time_axis_is_labelled_in_whole_minutes():
    from dashboard import charts
    q = pd.DataFrame({"operator": ["tim"], "n": [10], "p05": [2.0], "q1": [10.0], "median": [30.0], "q3": [90.0],
                      "p90": [400.0], "p95": [1500.0]})
    axis = charts.frt_box(q, {}, {"tim": "TIM"}, "it").layout.yaxis
    assert axis.type == "log"
    assert list(axis.tickvals)[:6] == [1, 5, 15, 30, 60, 120]
    assert "1.440" in axis.ticktext                  # a day, in Italian digits
    assert "1,440" in charts.frt_box(q, {}, {"tim": "TIM"}, "en").layout.yaxis.ticktext


def test_the_thread_shows_the_labels_the_metrics_count(cli, db_path, monkeypatch, trained_model):
    """The thread view reads thread_labels (after the second pass), and an empty
    competitor shows as nothing, not as "nan"."""
    from pathlib import Path
    cli("run", Path(__file__).parent / "data" / "thread_rules.csv")
    at = app(db_path, monkeypatch)
    at.switch_page("screens/conversations.py").run()
    assert not at.exception
    captions = [el.value for el in at.caption]
    # the latest conversation: a threat, no destination; labels by their names, never ids
    assert any("Minaccia di andarsene" in c and "→" not in c for c in captions)
    every = " ".join(captions)
    for raw in ("nan", "None", "threat", "customer_service", "negative", "request_data", "churn:"):
        assert raw not in every


def test_markdown_in_file_supplied_ids_shows_as_text(cli, db_path, monkeypatch, trained_model, tmp_path):
    """An id or an account name from a file is shown as it is, never as a link."""
    from dashboard.markdown import plain
    assert plain("[a](http://x.y) *b*") == r"\[a\]\(http\://x\.y\) \*b\*"
    source = tmp_path / "evil.csv"
    source.write_text(
        "message_id,operator,channel,author_id,is_brand,created_at,text,in_reply_to\n"
        "[clicca qui](http://evil.example/login),tim,twitter,anna,false,2026-03-09T10:00:00Z,fibra ko,\n"
        "r1,tim,twitter,[apri](http://evil.example/x),true,2026-03-09T10:20:00Z,ci scrivi in DM?,"
        "[clicca qui](http://evil.example/login)\n", encoding="utf-8")
    assert cli("run", source)[0] == 0
    at = app(db_path, monkeypatch)
    at.switch_page("screens/conversations.py").run()
    assert not at.exception
    shown = [el.value for el in at.subheader] + [el.value for el in at.caption]
    assert any("clicca qui" in s for s in shown) and any("apri" in s for s in shown)
    assert not any("](" in s for s in shown)   # the link syntax never reaches Markdown unescaped


def test_a_chart_point_clicked_by_a_viewer_goes_nowhere():
    """Viewers have no Conversations page: their charts take no selection, and a stray
    selection event is ignored instead of failing."""
    def script():
        import streamlit as st

        from dashboard.drill import drill_from, selection_mode
        st.session_state["pages"] = {"scorecard": "the scorecard page"}
        st.text(selection_mode())
        drill_from({"selection": {"points": [{"customdata": ["tim", "2026-03-02"]}]}})
        st.text("still here")

    at = AppTest.from_function(script).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [el.value for el in at.text] == ["ignore", "still here"]


def test_operator_names_from_files_are_text_in_charts():
    """Plotly renders HTML in trace names and titles: a brand named by a file must not
    become a link."""
    from dashboard import charts
    evil = '<a href="http://evil.example">clicca</a>'
    weekly = pd.DataFrame({"operator": ["x"], "opened_week_start": [pd.Timestamp("2026-03-02")],
                           "response_rate": [0.5], "conversations": [10]})
    fig = charts.weekly_lines(weekly, "response_rate", {}, {"x": evil}, "title", percent=True, lang="it")
    q = pd.DataFrame({"operator": ["x"], "n": [10], "p05": [2.0], "q1": [10.0], "median": [30.0], "q3": [90.0],
                      "p90": [400.0], "p95": [1500.0]})
    box = charts.frt_box(q, {}, {"x": evil}, "it")
    texts = [trace.name for trace in fig.data + box.data] + [box.layout.title.text]
    assert all("<a" not in text for text in texts) and any("&lt;a href" in text for text in texts)


def test_a_chart_point_clicked_with_a_filter_set_offers_the_conversations():
    """Streamlit refuses to switch page while a filter is bound to the URL (its switch
    clears the query parameters): the drill-down then offers a link instead of failing."""
    def script():
        import streamlit as st

        from dashboard.drill import drill_from
        st.toggle("bh", key="bh", bind="query-params")
        st.session_state["filters"] = type("F", (), {"lang": "en"})()
        st.session_state["context"] = {"names": {"tim": "TIM"}}

        def charts():
            drill_from({"selection": {"points": [{"customdata": ["tim", "2026-03-02T00:00:00"]}]}})
            st.text("after the click")

        def conversations():
            st.text("conversations")
        pages = {"speed": st.Page(charts, url_path="speed", default=True),
                 "conversations": st.Page(conversations, url_path="conversations")}
        st.session_state["pages"] = pages
        st.navigation(list(pages.values())).run()

    at = AppTest.from_function(script)
    at.query_params["bh"] = "true"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["drill"] == {"operator": "tim", "week_start": "2026-03-02T00:00:00"}
    assert [el.value for el in at.text] == ["after the click"]
    links = at.get("page_link")
    assert len(links) == 1 and "TIM, week of 2026" in links[0].proto.label


def test_the_scorecard_and_the_weekly_review_agree_on_rank_and_movers(demo_db, monkeypatch):
    """One rule each (pipelines/contract/kpis.py): for the same week the scorecard's positions are
    the review's, and its headline is the review's first mover."""
    import duckdb

    from pipelines.outputs.report import latest_week, week_bounds, weekly_review
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        week = sorted(r[0] for r in con.execute("select distinct opened_week from conversation_facts").fetchall())[-2]
        review = weekly_review(con, week)
        assert latest_week(con) > week
    finally:
        con.close()
    first, last = week_bounds(week)
    at = app(demo_db, monkeypatch, period=f"{first},{last}", lang="en")
    assert not at.exception and at.session_state["filters"].date_from == first
    table = at.dataframe[0].value
    table = table.data if hasattr(table, "data") else table
    names = at.session_state["context"]["names"]
    shown = dict(zip(table["Operator"], table["Rank"]))
    assert shown == {names.get(r["operator"], r["operator"]): r["rank"] for r in review.kpis}
    assert review.movers, "the demo week should have a supported change"
    top = review.movers[0]
    heading = next(el.value for el in at.markdown if el.value.startswith("#### ")).replace("\\", "")
    metric = {"response_rate": "response rate", "sla_hit_rate": "within SLA",
              "escalation_success_rate": "escalations resolved", "churn_signal_rate": "churn signals"}[top["metric"]]
    assert heading.startswith(f"#### {names.get(top['operator'], top['operator'])}: {metric} "
                              f"{'rises' if top['change'] > 0 else 'falls'} by ")


def test_tables_show_names_not_ids():
    from dashboard.display import for_display, label
    frame = pd.DataFrame({"conversation_id": ["demo:1", "demo:2"], "operator": ["tim", "vodafone"],
                          "opened_local": ["2026-03-02 09:05", None],
                          "category": ["cancellation_contract", None], "first_sentiment": ["negative", "neutral"],
                          "is_answered": [True, False], "frt_minutes": [12.25, None],
                          "escalation_outcome": [None, "unknown"], "churn_kind": ["switched", None],
                          "competitor": ["ho", None]})
    shown = for_display(frame, "it", {"tim": "TIM", "vodafone": "Vodafone", "ho": "ho."})
    assert list(shown.columns) == ["Conversazione", "Operatore", "Aperta il", "Categoria", "Sentiment iniziale",
                                   "Risposta", "Prima risposta (min)", "Esito escalation", "Segnale di abbandono",
                                   "Verso"]
    assert shown.iloc[0].tolist() == ["demo:1", "TIM", "02/03/2026 09:05", "Disdetta e contratto", "Negativo", "Sì",
                                      "12,2", "", "Passaggio annunciato", "ho."]
    assert shown.iloc[1].tolist() == ["demo:2", "Vodafone", "", "", "Neutro", "No", "", "Esito ignoto", "", ""]
    assert for_display(frame, "en", {})["Opened"].iloc[0] == "02/03/2026 09:05"   # en_GB
    assert label("category", "network", "en") == "Network and line" and label("act", None, "en") == ""


@pytest.mark.parametrize("page", ["scorecard", "speed", "escalation", "churn", "topics", "conversations", "labels",
                                  "export", "data"])   # the review's HTML: tests/test_report.py
def test_pages_in_italian_show_no_label_ids(demo_db, monkeypatch, page):
    from pipelines.contract.labels import CATEGORY
    at = app(demo_db, monkeypatch)
    at.switch_page(f"screens/{page}.py").run()
    assert not at.exception
    shown = " ".join(el.proto.spec for el in at.get("plotly_chart"))
    for table in at.dataframe:
        frame = table.value.data if hasattr(table.value, "data") else table.value
        shown += " " + " ".join(map(str, frame.columns)) + " " + frame.astype(str).to_csv()
    shown += " " + " ".join(el.value for el in at.caption)
    for raw in [c for c in CATEGORY if "_" in c] + ["conversation_id", "first_post", "churn_kind", "is_answered",
                                                   "frt_minutes", "opened_local", "source_file", "count_read",
                                                   "finished_at", "+00:00"]:
        assert raw not in shown, (page, raw)


def test_who_leads_puts_the_best_on_top_with_its_n():
    from dashboard import charts
    metrics = pd.DataFrame({"operator": ["tim", "iliad"], "conversations": [200, 40], "answered": [150, 38],
                            "response_rate": [0.75, 0.95], "frt_median_min": [30.0, 90.0],
                            "sla_hit_rate": [0.5, 0.2], "sla_conversations": [190, 40],
                            "escalation_success_rate": [0.4, None], "escalated": [50, 0],
                            "churn_signal_rate": [0.1, 0.2], "net_sentiment": [-0.2, 0.1]})
    fig = charts.kpi_leaders(metrics, {}, {"tim": "TIM", "iliad": "Iliad"}, "it")
    bars = {trace.xaxis: trace for trace in fig.data}
    # plotly draws a horizontal bar chart bottom-up: the last y is on top
    assert list(bars["x"].y)[-1] == "Iliad" and bars["x"].text[-1] == "95,0 % (n = 40)"     # response rate
    assert list(bars["x2"].y)[-1] == "TIM" and bars["x2"].text[-1] == "30 (n = 200)"        # lower minutes lead
    assert list(bars["x4"].y) == ["TIM"]                      # no escalation at Iliad: not ranked on it
    assert list(bars["x5"].y)[-1] == "TIM"                    # fewer churn signals lead


def test_charts_are_sent_in_the_white_template():
    """The template is Plotly's default, set by dashboard.charts, not named in each figure
    (copying it for every chart cost a quarter of a filter change): the figures sent to the
    browser still carry it."""
    import plotly.io as pio

    from dashboard import charts
    q = pd.DataFrame({"operator": ["tim"], "n": [10], "p05": [2.0], "q1": [10.0], "median": [30.0], "q3": [90.0],
                      "p90": [400.0], "p95": [1500.0]})
    white = pio.templates["plotly_white"].to_plotly_json()
    sent = pio.from_json(pio.to_json(charts.frt_box(q, {}, {"tim": "TIM"}, "it")), skip_invalid=True)
    assert sent.layout.template.to_plotly_json() == white
    assert sent.layout.plot_bgcolor is None      # the template paints it, not the figure


def test_the_conversation_list_narrows_by_search_kind_and_week(demo_db, monkeypatch):
    """dashboard/sql/conversation_list.sql binds its values: each narrowing keeps a subset."""
    from dashboard import connection, queries
    at = app(demo_db, monkeypatch)
    f = at.session_state["filters"]
    ident = connection.identity()
    every = queries.conversation_list(ident, f)
    failed = queries.conversation_list(ident, f, kind="failed")
    churn = queries.conversation_list(ident, f, kind="churn")
    found = queries.conversation_list(ident, f, search="bolletta")
    quote = queries.conversation_list(ident, f, search="'; drop table messages; --")
    week = every["opened_local"].str[:10].max()
    start = (pd.Timestamp(week) - pd.Timedelta(days=pd.Timestamp(week).day_of_week)).date()
    one_week = queries.conversation_list(ident, f, week_start=str(start))
    assert len(every) == 500 and 0 < len(failed) < 500 and 0 < len(found) < 500 and 0 < len(one_week) < 500
    assert set(failed["escalation_outcome"]) == {"failure"} and churn["churn_kind"].notna().all()
    assert quote.empty and queries.export_count(ident, f, "messages") > 0   # the text was a value, not SQL
    assert (one_week["opened_local"].str[:10] >= str(start)).all()


def test_competitors_without_conversations_are_named_in_charts(demo_db, monkeypatch):
    """ho., Kena or Very Mobile only appear as destinations of churn: the charts still
    call them by name, and the operator filter offers only operators with conversations."""
    from dashboard import connection, queries
    at = app(demo_db, monkeypatch)
    bounds = queries.bounds(connection.identity())
    assert bounds["operator_names"]["verymobile"] == "Very Mobile" and "verymobile" not in bounds["operators"]
    assert set(at.multiselect(key="op").options) == {bounds["operator_names"][o] for o in bounds["operators"]}
    at.switch_page("screens/churn.py").run()
    flows = " ".join(el.proto.spec for el in at.get("plotly_chart"))
    assert "Very Mobile" in flows or "ho." in flows or "Kena" in flows


def test_churn_flows_are_one_query_for_the_page_the_review_and_metrics(demo_db, monkeypatch, capsys):
    """The Churn page's flows, the weekly review's churn lines and `metrics --json`'s
    competitor_flows count the same conversations for the same week."""
    import json

    import duckdb

    from pipelines.__main__ import main as cli_main
    from pipelines.outputs.report import week_bounds, weekly_review

    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        week = sorted(r[0] for r in con.execute("select distinct opened_week from conversation_facts").fetchall())[-2]
        review = weekly_review(con, week)
    finally:
        con.close()
    first, last = week_bounds(week)
    assert cli_main(["metrics", "--json", "--db", str(demo_db), "--from", str(first), "--to", str(last)]) == 0
    figures = json.loads(capsys.readouterr().out)
    from_review = {c["operator"]: c["competitors"] for c in review.churn if c["competitors"]}
    from_metrics = {op: m["competitor_flows"] for op, m in figures.items() if m["competitor_flows"]}
    assert from_review and from_review == from_metrics
    kinds = {c["operator"]: (c["threat"], c["switched"], c["cancel"]) for c in review.churn}

    at = app(demo_db, monkeypatch, period=f"{first},{last}")
    from dashboard import queries
    flows = queries.churn_flows(at.session_state["context"]["ident"], at.session_state["filters"])
    named = flows[flows["to_operator"] != ""].groupby(["from_operator", "to_operator"])["conversations"].sum()
    from_page = {}
    for (op, to), n in named.items():
        from_page.setdefault(op, {})[to] = int(n)
    assert from_page == from_metrics
    by_kind = flows.groupby(["from_operator", "churn_kind"])["conversations"].sum()
    assert {op: tuple(int(by_kind.get((op, k), 0)) for k in ("threat", "switched", "cancel")) for op in kinds} == kinds


def test_a_warehouse_built_by_an_earlier_version_says_so(demo_db, monkeypatch, tmp_path):
    """An upgrade meets a warehouse whose derived tables predate it (thread_labels without
    label_origin): the app says to run one build instead of failing on a page."""
    import shutil

    import duckdb
    old = tmp_path / "old.duckdb"
    shutil.copyfile(demo_db, old)
    con = duckdb.connect(str(old))
    con.execute("alter table thread_labels drop column label_origin")
    con.close()
    at = app(old, monkeypatch)
    assert not at.exception
    assert any("versione precedente" in w.value and "pipelines build" in w.value for w in at.warning)

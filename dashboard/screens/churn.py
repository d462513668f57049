"""Churn signals: rate by week, kinds, from -> to flows, by topic, and the conversations."""
from __future__ import annotations

import streamlit as st

from dashboard import charts, queries
from dashboard.display import for_display, named
from dashboard.drill import drill_from, selection_mode
from dashboard.screen import show
from dashboard.uncertain import weekly_intervals
from pipelines.contract.words import label, t

KIND_COLOURS = {"threat": "#F59E0B", "switched": "#DC2626", "cancel": "#7C3AED"}


def render(f, ctx) -> None:
    lang, names, colors = f.lang, ctx["names"], ctx["colors"]
    weekly = queries.weekly_metrics(ctx["ident"], f)
    if weekly.empty:
        st.info(t("empty", lang))
        return
    intervals = weekly_intervals(weekly, "churn_signal_rate", queries.label_confusion(ctx["ident"]))
    event = st.plotly_chart(charts.weekly_lines(weekly, "churn_signal_rate", colors, names, t("churn_trend", lang),
                                                percent=True, lang=lang, intervals=intervals), key="churn_weekly",
                            on_select=selection_mode(),
                            selection_mode="points")
    drill_from(event)
    flows = queries.churn_flows(ctx["ident"], f)
    if not flows.empty:
        kinds = flows.groupby(["from_operator", "churn_kind"], as_index=False)["conversations"].sum()
        kinds = kinds.rename(columns={"from_operator": "operator"})
        st.plotly_chart(charts.stacked_share(kinds, "churn_kind", KIND_COLOURS, t("churn_split", lang), names,
                                             {k: label("churn", k, lang) for k in KIND_COLOURS}, lang=lang),
                        key="churn_kinds")
        st.plotly_chart(charts.sankey(flows, colors, names, lang), key="sankey")
    by_category = named(queries.grouped_metrics(ctx["ident"], f, "category"), "category", lang)
    if not by_category.empty:
        share = by_category.assign(conversations=by_category["churn_signals"])
        st.plotly_chart(charts.stacked_share(share, "category", None, t("churn_by_category", lang), names, lang=lang),
                        key="churn_cat")
    st.subheader(t("churn_conversations", lang))
    if ctx.get("role") != "analyst":
        st.caption(t("analyst_only", lang))
        return
    listed = queries.conversation_list(ctx["ident"], f, kind="churn", limit=100)[
        ["conversation_id", "operator", "opened_local", "churn_kind", "competitor", "first_post"]]
    st.dataframe(for_display(listed, lang, ctx["names"]), hide_index=True, width="stretch")


if __name__ == "__main__":   # run as a page by st.navigation (imported by tests, it draws nothing)
    show("churn", render)

"""Escalation & resolution: the funnel, resolution time, deflection, repeated data
requests, and the failure stories behind them."""
from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, queries
from dashboard.display import for_display
from dashboard.screen import show
from dashboard.uncertain import operator_intervals
from pipelines.contract.words import t
from pipelines.outputs.formatting import percent


def render(f, ctx) -> None:
    lang, names = f.lang, ctx["names"]
    metrics = queries.operator_metrics(ctx["ident"], f)
    if metrics.empty:
        st.info(t("empty", lang))
        return
    st.plotly_chart(charts.funnel(metrics, ctx["colors"], names, lang), key="funnel")
    cols = st.columns(len(metrics))
    success = operator_intervals(metrics, "escalation_success_rate", queries.label_confusion(ctx["ident"]))
    for col, row in zip(cols, metrics.itertuples()):
        bounds = success.get(row.operator)
        col.metric(names.get(row.operator, row.operator), percent(row.escalation_success_rate, lang),
                   help=f"{row.escalation_success} / {row.escalated}"
                        + (f" · 95 %: {percent(bounds[0], lang)} – {percent(bounds[1], lang)}" if bounds else ""))
        col.caption(f"{t('deflection_rate', lang)}: {percent(row.deflection_rate, lang)} · "
                    f"{t('repeated_data_request_rate', lang)}: {percent(row.repeated_data_request_rate, lang)}")
    fig = go.Figure([go.Bar(x=[names.get(o, o) for o in metrics["operator"]],
                            y=metrics["resolution_median_min"] / 60,
                            marker_color=[ctx["colors"].get(o) for o in metrics["operator"]],
                            customdata=metrics["resolved"], hovertemplate="%{x}: %{y:.1f} h (n = %{customdata:,})<extra></extra>")])
    fig.update_layout(title=t("resolution_time", lang), **charts.layout(lang))
    st.plotly_chart(fig, key="resolution")
    st.subheader(t("failure_stories", lang))
    if ctx.get("role") != "analyst":
        st.caption(t("analyst_only", lang))
        return
    stories = queries.conversation_list(ctx["ident"], f, kind="failed", limit=50)
    st.dataframe(for_display(stories[["conversation_id", "operator", "opened_local", "category", "first_post"]],
                             lang, ctx["names"]), hide_index=True, width="stretch")


if __name__ == "__main__":   # run as a page by st.navigation (imported by tests, it draws nothing)
    show("escalation", render)

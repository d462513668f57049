"""Topics & sentiment: category mix, sentiment by category, recovery, outage spikes."""
from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, queries
from dashboard.display import named
from dashboard.screen import show
from pipelines.contract.words import label, t
from pipelines.marts.uncertainty import category_intervals
from pipelines.outputs.formatting import number, percent


def render(f, ctx) -> None:
    lang, names, colors = f.lang, ctx["names"], ctx["colors"]
    raw = queries.grouped_metrics(ctx["ident"], f, "category")
    if raw.empty:
        st.info(t("empty", lang))
        return
    by_category = named(raw, "category", lang)
    counts: dict[str, dict[str, int]] = {}
    for row in raw.itertuples():
        counts.setdefault(row.operator, {})[row.category] = int(row.conversations)
    intervals = {(op, label("category", c, lang)): v
                 for (op, c), v in category_intervals(counts, queries.label_confusion(ctx["ident"])).items()}
    st.plotly_chart(charts.stacked_share(by_category, "category", None, t("category_mix", lang), names, lang=lang,
                                         intervals=intervals), key="mix")
    overall = by_category.groupby("category").apply(
        lambda g: (g["net_sentiment"] * g["customer_messages"]).sum() / g["customer_messages"].sum(),
        include_groups=False).sort_values()
    fig = go.Figure(go.Bar(x=overall.values, y=overall.index, orientation="h",
                           marker_color=["#DC2626" if v < 0 else "#16A34A" for v in overall.values],
                           hovertemplate="%{y}: %{x:.2f}<extra></extra>"))
    fig.update_layout(title=t("sentiment_by_category", lang) + f" — {overall.index[0]}: {number(overall.values[0], lang, 2)}",
                      **charts.layout(lang))
    st.plotly_chart(fig, key="sent_cat")
    metrics = queries.operator_metrics(ctx["ident"], f)
    cols = st.columns(len(metrics))
    st.caption(t("recovery", lang))
    for col, row in zip(cols, metrics.itertuples()):
        col.metric(names.get(row.operator, row.operator), percent(row.sentiment_recovery_rate, lang),
                   help=f"{row.sentiment_recovered} / {row.started_negative}")
    st.plotly_chart(charts.daily_timeline(queries.daily_volume(ctx["ident"], f), colors, names, lang), key="timeline")


if __name__ == "__main__":   # run as a page by st.navigation (imported by tests, it draws nothing)
    show("topics", render)

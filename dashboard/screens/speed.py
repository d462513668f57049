"""Reply speed: FRT distribution, weekly median and p90, SLA, and when people write."""
from __future__ import annotations

import streamlit as st

from dashboard import charts, queries
from dashboard.drill import drill_from, selection_mode
from dashboard.screen import show
from pipelines.contract.words import t


def render(f, ctx) -> None:
    lang = f.lang
    q = queries.frt_quantiles(ctx["ident"], f)
    if q.empty:
        st.info(t("empty", lang))
        return
    st.plotly_chart(charts.frt_box(q, ctx["colors"], ctx["names"], lang), key="frt_box")
    weekly = queries.weekly_metrics(ctx["ident"], f)
    event = st.plotly_chart(charts.weekly_lines(weekly, "frt_median_min", ctx["colors"], ctx["names"],
                                                t("frt_trend", lang), dash_column="frt_p90_min",
                                                y_title=t("minutes", lang), lang=lang),
                            key="frt_weekly", on_select=selection_mode(), selection_mode="points")
    drill_from(event)
    st.plotly_chart(charts.weekly_lines(weekly, "sla_hit_rate", ctx["colors"], ctx["names"],
                                        t("sla_trend", lang, sla=f"{queries.sla_minutes(f):g}"), percent=True, lang=lang), key="sla_weekly")
    counts = queries.hour_heatmap(ctx["ident"], f)
    left, right = st.columns(2)
    left.plotly_chart(charts.heatmap(counts[~counts["is_brand"]], t("heatmap_customers", lang), lang=lang), key="hm_c")
    right.plotly_chart(charts.heatmap(counts[counts["is_brand"]], t("heatmap_operators", lang), lang=lang), key="hm_o")


if __name__ == "__main__":   # run as a page by st.navigation (imported by tests, it draws nothing)
    show("speed", render)

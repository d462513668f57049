"""Scorecard: one row per operator with this period's KPIs, change, rank and trend."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import queries
from dashboard.i18n import number, percent, t
from dashboard.markdown import plain
from dashboard.screen import show
from pipelines.metrics import SMALL_SAMPLE
from pipelines.report import HIGHER_IS_BETTER, MOVER_RATES, supported
from pipelines.report import KPIS as REVIEW_KPIS
from pipelines.report_html import kpi_text

# the weekly review's KPIs: (column, higher is better, is a rate)
KPIS = [(kpi, HIGHER_IS_BETTER[kpi], kpi in MOVER_RATES) for kpi in REVIEW_KPIS]


GOOD, BAD = "color: #15803D", "color: #B91C1C"


def change(now, before, higher_is_better: bool, is_rate: bool, lang: str) -> tuple[str, str]:
    """(arrow text, style) of the change against the previous period."""
    if now is None or before is None or pd.isna(now) or pd.isna(before):
        return "", ""
    delta = now - before
    if abs(delta) < (0.005 if is_rate else 0.5 if not higher_is_better else 0.01):
        return "▬", ""
    sign = "▲" if delta > 0 else "▼"
    amount = f"{number(100 * abs(delta), lang, 1)} pt" if is_rate else number(abs(delta), lang, 1)
    return f"{sign} {amount}", GOOD if (delta > 0) == higher_is_better else BAD


def headline(now: pd.DataFrame, before: pd.DataFrame, names: dict, lang: str) -> str:
    """The biggest change whose 95 % intervals do not overlap (a change the sample supports)."""
    best = None
    earlier = before.set_index("operator").to_dict("index")
    for row in now.to_dict("records"):
        old = earlier.get(row["operator"])
        for rate in MOVER_RATES if old else ():
            if not supported(row, old, rate):
                continue
            delta = row[rate] - old[rate]
            if best is None or abs(delta) > abs(best[2]):
                best = (row["operator"], rate, delta, old[rate], row[rate])
    if best is None:
        return t("headline_none", lang)
    op, rate, delta, before_v, after_v = best
    return t("headline", lang, operator=names.get(op, op), metric=t(rate, lang).lower(),
             direction=t("up" if delta > 0 else "down", lang), delta=f"{number(100 * abs(delta), lang, 1)} pt",
             before=percent(before_v, lang), after=percent(after_v, lang))


def render(f, ctx) -> None:
    lang, names = f.lang, ctx["names"]
    now = queries.operator_metrics(ctx["ident"], f)
    if now.empty:
        st.info(t("empty", lang))
        return
    before = queries.operator_metrics(ctx["ident"], f.previous())
    weekly = queries.weekly_metrics(ctx["ident"], f)
    st.markdown(f"#### {plain(headline(now, before, names, lang))}")
    prev = before.set_index("operator") if not before.empty else pd.DataFrame()
    ranks = pd.concat([now[c].rank(ascending=not hb) for c, hb, _ in KPIS], axis=1).mean(axis=1).rank(method="min")
    rows, styles = [], []
    for i, row in now.iterrows():
        small = row["conversations"] < SMALL_SAMPLE
        out = {t("rank", lang): int(ranks[i]), t("operator", lang): names.get(row["operator"], row["operator"]),
               t("conversations", lang): int(row["conversations"])}
        style = {}
        for column, higher, is_rate in KPIS:
            value = row[column]
            shown = kpi_text(column, value, lang)
            old = prev[column].get(row["operator"]) if column in prev else None
            arrow, colour = change(value, old, higher, is_rate, lang)
            # a small sample is shown as such, and its change is not coloured as a finding
            if small:
                shown += f" · {t('small_sample', lang, n=int(row['conversations']))}"
                colour = "color: #9CA3AF"
            out[t(column, lang)] = f"{shown}   {arrow}".strip()
            style[t(column, lang)] = colour
        trend = weekly[weekly["operator"] == row["operator"]]["response_rate"].tolist()
        out[t("trend", lang)] = trend
        rows.append(out)
        styles.append(style)
    table = pd.DataFrame(rows)
    style_table = pd.DataFrame(styles).reindex(columns=table.columns, fill_value="").fillna("")
    order = table[t("rank", lang)].sort_values().index
    styled = table.loc[order].reset_index(drop=True).style.apply(
        lambda _: style_table.loc[order].reset_index(drop=True), axis=None)
    st.dataframe(styled, hide_index=True, width="stretch",
                 column_config={t("trend", lang): st.column_config.LineChartColumn(
                     t("trend", lang) + " (" + t("response_rate", lang).lower() + ")", y_min=0, y_max=1)})
    st.caption(f"{f.date_from} – {f.date_to}; ▲▼ {t('vs_previous', lang)} ({f.previous().date_from} – "
               f"{f.previous().date_to}); {t('legend', lang)}")


if __name__ == "__main__":   # run as a page by st.navigation (imported by tests, it draws nothing)
    show("scorecard", render)

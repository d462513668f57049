"""Scorecard: one row per operator with this period's KPIs, change, rank and trend."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.i18n import number, percent, t
from pipelines.metrics import RATES, SMALL_SAMPLE, wilson

KPIS = [  # column, higher is better, is a rate
    ("response_rate", True, True), ("frt_median_min", False, False), ("sla_hit_rate", True, True),
    ("escalation_success_rate", True, True), ("churn_signal_rate", False, True), ("net_sentiment", True, False),
]


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
    merged = now.merge(before, on="operator", suffixes=("", "_before"))
    for row in merged.itertuples():
        for rate in ("response_rate", "sla_hit_rate", "escalation_success_rate", "churn_signal_rate"):
            num, den = RATES[rate]
            a = wilson(getattr(row, num), getattr(row, den))
            b = wilson(getattr(row, f"{num}_before"), getattr(row, f"{den}_before"))
            if not a or not b or a[0] <= b[1] and b[0] <= a[1]:
                continue
            delta = getattr(row, rate) - getattr(row, f"{rate}_before")
            if best is None or abs(delta) > abs(best[2]):
                best = (row.operator, rate, delta, getattr(row, f"{rate}_before"), getattr(row, rate))
    if best is None:
        return t("headline_none", lang)
    op, rate, delta, before_v, after_v = best
    return t("headline", lang, operator=names.get(op, op), metric=t(rate, lang).lower(),
             direction=t("up" if delta > 0 else "down", lang), delta=f"{number(100 * abs(delta), lang, 1)} pt",
             before=percent(before_v, lang), after=percent(after_v, lang))


def render(f, ctx) -> None:
    lang, names = f.lang, ctx["names"]
    now = data.operator_metrics(ctx["ident"], f)
    if now.empty:
        st.info(t("empty", lang))
        return
    before = data.operator_metrics(ctx["ident"], f.previous())
    weekly = data.weekly_metrics(ctx["ident"], f)
    st.markdown(f"#### {headline(now, before, names, lang)}")
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
            shown = percent(value, lang) if is_rate else number(value, lang, 0 if column == "frt_median_min" else 2)
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

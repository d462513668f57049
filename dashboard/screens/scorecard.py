"""Scorecard: one row per operator with this period's KPIs, change and rank (a table that
fits a 1440-pixel screen), and who leads on each KPI with the n it rests on. Weekly
trends are on the Reply speed, Escalation and Churn pages."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, queries
from dashboard.markdown import plain
from dashboard.screen import show
from dashboard.uncertain import by_operator
from pipelines.contract.kpis import KPIS, SMALL_SAMPLE, interval, rank_operators, supported, supported_changes
from pipelines.contract.words import t
from pipelines.outputs.formatting import long_day, number, percent
from pipelines.outputs.report_html import kpi_text

GOOD, BAD, GREY = "color: #15803D", "color: #B91C1C", "color: #9CA3AF"


def change(now, before, higher_is_better: bool, is_rate: bool, lang: str) -> tuple[str, str]:
    """(arrow text, style) of the change against the previous period."""
    if now is None or before is None or pd.isna(now) or pd.isna(before):
        return "", ""
    delta = now - before
    if abs(delta) < (0.005 if is_rate else 0.5 if not higher_is_better else 0.01):
        return "▬", ""
    sign = "▲" if delta > 0 else "▼"
    # minutes to one decimal, the -1..1 sentiment index to two (0.004 is not "0.0")
    amount = (f"{number(100 * abs(delta), lang, 1)} pt" if is_rate
              else number(abs(delta), lang, 1 if not higher_is_better else 2))
    return f"{sign} {amount}", GOOD if (delta > 0) == higher_is_better else BAD


def _mid_sentence(name: str) -> str:
    return name[:1].lower() + name[1:]   # "Entro SLA" -> "entro SLA"


def headline(now: dict[str, dict], before: dict[str, dict], names: dict, lang: str) -> str:
    """The biggest change that survives the sample's and the classifier's uncertainty (the
    weekly review's first mover); rows as dashboard.uncertain.by_operator gives them."""
    changes = supported_changes(now, before)
    if not changes:
        return t("headline_none", lang)
    best = changes[0]
    return t("headline", lang, operator=names.get(best["operator"], best["operator"]),
             metric=_mid_sentence(t(best["metric"], lang)), direction=t("up" if best["change"] > 0 else "down", lang),
             delta=f"{number(100 * abs(best['change']), lang, 1)} pt",
             before=percent(best["before"], lang), after=percent(best["after"], lang))


def render(f, ctx) -> None:
    lang, names = f.lang, ctx["names"]
    now = queries.operator_metrics(ctx["ident"], f)
    if now.empty:
        st.info(t("empty", lang))
        return
    before = queries.operator_metrics(ctx["ident"], f.previous())
    confusion = queries.label_confusion(ctx["ident"])
    now_rows, before_rows = by_operator(now, confusion), by_operator(before, confusion)
    st.markdown(f"#### {plain(headline(now_rows, before_rows, names, lang))}")
    prev = before.set_index("operator") if not before.empty else pd.DataFrame()
    positions = rank_operators(now_rows)
    rows, styles = [], []
    for i, row in now.iterrows():
        small = row["conversations"] < SMALL_SAMPLE
        out = {t("rank", lang): positions[row["operator"]],
               t("operator", lang): names.get(row["operator"], row["operator"]),
               t("conversations", lang): number(row["conversations"], lang)}
        style = {}
        for kpi in KPIS:
            column = kpi.id
            value = row[column]
            shown = kpi_text(column, value, lang)
            old = prev[column].get(row["operator"]) if column in prev else None
            arrow, colour = change(value, old, kpi.higher_is_better, kpi.is_rate, lang)
            # a small sample is shown as such, and its change is not coloured as a finding;
            # nor is a change within the 95 % intervals (the sample's and the classifier's)
            current, earlier = now_rows[row["operator"]], before_rows.get(row["operator"])
            within = (colour and earlier is not None and interval(current, column) is not None
                      and not supported(current, earlier, column))
            if small:
                shown += f" · {t('small_sample', lang, n=int(row['conversations']))}"
            if small or within:
                colour = GREY
            out[kpi.short[lang]] = f"{shown}   {arrow}".strip()
            style[kpi.short[lang]] = colour
        rows.append(out)
        styles.append(style)
    table = pd.DataFrame(rows)
    style_table = pd.DataFrame(styles).reindex(columns=table.columns, fill_value="").fillna("")
    order = table.sort_values([t("rank", lang), t("operator", lang)], kind="stable").index
    styled = table.loc[order].reset_index(drop=True).style.apply(
        lambda _: style_table.loc[order].reset_index(drop=True), axis=None)
    st.dataframe(styled, hide_index=True, width="stretch")
    earlier = f.previous()
    st.caption(f"{long_day(f.date_from, lang)} – {long_day(f.date_to, lang)}; ▲▼ {t('vs_previous', lang)} "
               f"({long_day(earlier.date_from, lang)} – {long_day(earlier.date_to, lang)}); {t('legend', lang)}")
    st.plotly_chart(charts.kpi_leaders(now, ctx["colors"], names, lang, now_rows), key="leaders")


if __name__ == "__main__":   # run as a page by st.navigation (imported by tests, it draws nothing)
    show("scorecard", render)

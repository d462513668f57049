"""Plotly figures from query results: pure functions, testable without a browser. Each
operator keeps its brand colour; titles say the finding; hover text carries counts."""
from __future__ import annotations

import html
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from pipelines.contract.words import t
from pipelines.outputs.formatting import number, percent, weekday

# The charts' template, as Plotly's default: named in each figure's layout, it was copied
# and validated for every chart drawn (about 9 ms a chart, a quarter of a filter change on
# the Churn signals page); as the default it is applied when the figure is sent (about 2 ms)
pio.templates.default = "plotly_white"
LAYOUT = dict(margin=dict(l=10, r=10, t=60, b=10), height=380,
              legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0))
# Plotly's decimal and thousands marks: ticks and hovers written as the reader writes numbers
SEPARATORS = {"it": ",.", "en": ".,"}
A_MONDAY = date(2026, 3, 2)


def layout(lang: str, **overrides) -> dict:
    """The charts' common layout in a language."""
    return {**LAYOUT, "separators": SEPARATORS.get(lang, SEPARATORS["it"]), **overrides}


def _colour(colors: dict, op: str) -> str:
    return colors.get(op, "#6B7280")


def _name(names: dict, op: str) -> str:
    """An operator's name as chart text. Plotly reads HTML in names, titles and hover
    text (`<a href>` makes a link), and an unconfigured brand's name comes from a file."""
    return html.escape(str(names.get(op, op)), quote=False)


FRT_TICKS = [1, 5, 15, 30, 60, 120, 240, 480, 1440, 2880, 10080]


def frt_box(q: pd.DataFrame, colors: dict, names: dict, lang: str) -> go.Figure:
    fig = go.Figure()
    for row in q.itertuples():
        name = _name(names, row.operator)
        fig.add_trace(go.Box(name=name, x=[name], q1=[row.q1], median=[row.median],
                             q3=[row.q3], lowerfence=[row.p05], upperfence=[row.p95],
                             marker_color=_colour(colors, row.operator), hoverinfo="name+y",
                             customdata=[[row.operator]]))
    fastest = q.sort_values("median").iloc[0] if len(q) else None
    title = t("frt_distribution", lang)
    if fastest is not None:
        title += f" — {_name(names, fastest.operator)}: {number(fastest['median'], lang)} min"
    # Plotly's own log ticks read "2, 5, 10, 2, 5, 100": name the minutes people think in
    # (a quarter of an hour, an hour, a working day, a day) instead.
    fig.update_layout(title=title, yaxis=dict(type="log", title=t("minutes", lang), tickvals=FRT_TICKS,
                                              ticktext=[number(v, lang) for v in FRT_TICKS]),
                      showlegend=False, **layout(lang))
    return fig


def weekly_lines(weekly: pd.DataFrame, column: str, colors: dict, names: dict, title: str,
                 percent: bool = False, dash_column: str | None = None, y_title: str = "", *, lang: str,
                 intervals: dict | None = None) -> go.Figure:
    """One line per operator over the weeks; `intervals`, keyed by (operator, week start as
    text), adds each point's 95 % interval to its hover text. customdata starts with the
    operator and the week: the drill-down reads them."""
    fig = go.Figure()
    for op, rows in weekly.groupby("operator", sort=True):
        hover = "%{x}<br>%{y:.1%}" if percent else "%{x}<br>%{y:.1f}"
        weeks = rows["opened_week_start"].astype(str)
        bounds = [(intervals or {}).get((op, week)) or (None, None) for week in weeks]
        if intervals and percent:
            hover += "<br>95 %: %{customdata[3]:.1%} – %{customdata[4]:.1%}"
        fig.add_trace(go.Scatter(x=rows["opened_week_start"], y=rows[column], mode="lines+markers",
                                 name=_name(names, op), line=dict(color=_colour(colors, op)),
                                 customdata=[[o, w, n, *b] for o, w, n, b in
                                             zip(rows["operator"], weeks, rows["conversations"], bounds)],
                                 hovertemplate=hover + "<br>n = %{customdata[2]}<extra>%{fullData.name}</extra>"))
        if dash_column:
            fig.add_trace(go.Scatter(x=rows["opened_week_start"], y=rows[dash_column], mode="lines",
                                     name=f"{_name(names, op)} p90", showlegend=False,
                                     line=dict(color=_colour(colors, op), dash="dot")))
    fig.update_layout(title=title, yaxis=dict(tickformat=".0%" if percent else None, title=y_title), **layout(lang))
    return fig


def heatmap(counts: pd.DataFrame, title: str, *, lang: str) -> go.Figure:
    grid = counts.pivot_table(index="weekday", columns="hour", values="messages", aggfunc="sum").reindex(
        index=range(1, 8), columns=range(24)).fillna(0)
    fig = go.Figure(go.Heatmap(z=grid.values, x=list(range(24)), y=[weekday(A_MONDAY + timedelta(days=i), lang).capitalize() for i in range(7)],
                               colorscale="Blues", hovertemplate="%{y} %{x}:00<br>%{z:,} msg<extra></extra>"))
    fig.update_layout(title=title, **layout(lang, height=300))
    return fig


def funnel(metrics: pd.DataFrame, colors: dict, names: dict, lang: str) -> go.Figure:
    stages = [("conversations", "opened"), ("answered", "answered"), ("escalated", "escalated"),
              ("escalation_success", "resolved"), ("escalation_failure", "failed"), ("escalation_unknown", "unknown")]
    fig = go.Figure()
    for row in metrics.itertuples():
        fig.add_trace(go.Bar(x=[t(label, lang) for _, label in stages], y=[getattr(row, c) for c, _ in stages],
                             name=_name(names, row.operator), marker_color=_colour(colors, row.operator),
                             hovertemplate="%{x}: %{y:,}<extra>%{fullData.name}</extra>"))
    best = metrics.sort_values("escalation_success_rate", ascending=False).iloc[0] if len(metrics) else None
    title = t("funnel", lang)
    if best is not None and best.escalation_success_rate is not None:
        title += f" — {_name(names, best.operator)}: {percent(best.escalation_success_rate, lang, 0)} {t('escalation_success_rate', lang).lower()}"
    fig.update_layout(title=title, barmode="group", **layout(lang))
    return fig


def sankey(flows: pd.DataFrame, colors: dict, names: dict, lang: str) -> go.Figure:
    flows = flows[flows["to_operator"] != ""].groupby(["from_operator", "to_operator"], as_index=False)["conversations"].sum()
    sources = [f"{_name(names, o)} →" for o in flows["from_operator"]]
    targets = [f"→ {_name(names, o)}" for o in flows["to_operator"]]
    labels = list(dict.fromkeys(sources + targets))
    index = {label: i for i, label in enumerate(labels)}
    node_colors = [_colour(colors, o) for o in list(dict.fromkeys(flows["from_operator"]))] + \
                  [_colour(colors, o) for o in list(dict.fromkeys(flows["to_operator"]))]
    fig = go.Figure(go.Sankey(node=dict(label=labels, color=node_colors[:len(labels)], pad=12),
                              link=dict(source=[index[s] for s in sources], target=[index[x] for x in targets],
                                        value=flows["conversations"].tolist(),
                                        hovertemplate="%{source.label} %{target.label}: %{value:,}<extra></extra>")))
    top = flows.sort_values("conversations", ascending=False).iloc[0] if len(flows) else None
    title = t("churn_flows", lang)
    if top is not None:
        title += f" — {_name(names, top.from_operator)} → {_name(names, top.to_operator)}: {number(top.conversations, lang)}"
    fig.update_layout(title=title, **layout(lang))
    return fig


def stacked_share(frame: pd.DataFrame, group: str, colors_by_group: dict | None, title: str,
                  names: dict, labels: dict | None = None, *, lang: str, intervals: dict | None = None) -> go.Figure:
    """Each operator's conversations split by `group`, as shares; `intervals`, keyed by
    (operator, group value), adds each share's 95 % interval to its hover text."""
    totals = frame.groupby("operator")["conversations"].transform("sum")
    frame = frame.assign(share=frame["conversations"] / totals)
    fig = go.Figure()
    for value, rows in frame.groupby(group):
        label = (labels or {}).get(value, str(value))
        bounds = [(intervals or {}).get((op, value)) for op in rows["operator"]]
        fig.add_trace(go.Bar(y=[_name(names, o) for o in rows["operator"]], x=rows["share"], name=label,
                             orientation="h", marker_color=(colors_by_group or {}).get(value),
                             customdata=[[n, *(b or (None, None))] for n, b in zip(rows["conversations"], bounds)],
                             hovertemplate="%{y}: %{x:.0%} (n = %{customdata[0]:,})"
                             + ("<br>95 %: %{customdata[1]:.0%} – %{customdata[2]:.0%}" if any(bounds) else "")
                             + "<extra>" + label + "</extra>"))
    fig.update_layout(title=title, barmode="stack", xaxis=dict(tickformat=".0%"),
                      **layout(lang, legend=dict(orientation="h", yanchor="top", y=-0.12, x=0)))
    return fig


def daily_timeline(days: pd.DataFrame, colors: dict, names: dict, lang: str) -> go.Figure:
    fig = go.Figure()
    for op, rows in days.groupby("operator"):
        fig.add_trace(go.Scatter(x=rows["day"], y=rows["conversations"], mode="lines", name=_name(names, op),
                                 line=dict(color=_colour(colors, op))))
        spikes = rows[rows["is_outage"]]
        if len(spikes):
            fig.add_trace(go.Scatter(x=spikes["day"], y=spikes["conversations"], mode="markers", showlegend=False,
                                     marker=dict(symbol="triangle-up", size=12, color=_colour(colors, op)),
                                     customdata=spikes["top_category"],
                                     hovertemplate="%{x}: %{y:,} (%{customdata})<extra>" + _name(names, op) + "</extra>"))
    fig.update_layout(title=t("volume_timeline", lang), **layout(lang))
    return fig



def kpi_leaders(metrics: pd.DataFrame, colors: dict, names: dict, lang: str,
                intervals: dict[str, dict] | None = None) -> go.Figure:
    """Who leads on each scorecard KPI: one small bar chart per KPI, the best operator on
    top, each bar labelled with its value and the n it rests on, and with its 95 % interval
    as an error bar where it has one (rows as pipelines.marts.uncertainty.with_intervals)."""
    from plotly.subplots import make_subplots

    from pipelines.contract.kpis import KPIS, RATES, interval
    from pipelines.outputs.report_html import kpi_text

    fig = make_subplots(rows=2, cols=3, subplot_titles=[html.escape(k.name[lang]) for k in KPIS],
                        horizontal_spacing=0.12, vertical_spacing=0.18)
    for i, kpi in enumerate(KPIS):
        rows = metrics.dropna(subset=[kpi.id]).sort_values(kpi.id, ascending=kpi.higher_is_better)
        n_column = RATES[kpi.id][1] if kpi.id in RATES else "conversations"
        bounds = [interval((intervals or {}).get(op, {}), kpi.id) if intervals else None for op in rows["operator"]]
        error = None
        if any(b is not None for b in bounds):
            error = dict(type="data", symmetric=False, color="#6B7280", thickness=1.2, width=3,
                         array=[b[1] - v if b else 0 for b, v in zip(bounds, rows[kpi.id])],
                         arrayminus=[v - b[0] if b else 0 for b, v in zip(bounds, rows[kpi.id])])
        fig.add_trace(go.Bar(
            x=rows[kpi.id], y=[_name(names, op) for op in rows["operator"]], orientation="h",
            marker_color=[_colour(colors, op) for op in rows["operator"]], error_x=error,
            text=[f"{kpi_text(kpi.id, v, lang)} (n = {number(n, lang)})" for v, n in zip(rows[kpi.id], rows[n_column])],
            hovertext=[f"{kpi_text(kpi.id, v, lang)} (n = {number(n, lang)})" + (
                f"<br>95 %: {kpi_text(kpi.id, b[0], lang)} – {kpi_text(kpi.id, b[1], lang)}" if b else "")
                for v, n, b in zip(rows[kpi.id], rows[n_column], bounds)],
            textposition="auto", cliponaxis=False, showlegend=False, hoverinfo="y+text"),
            row=i // 3 + 1, col=i % 3 + 1)
        fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=True, row=i // 3 + 1, col=i % 3 + 1)
    fig.update_layout(height=540, margin=dict(l=10, r=10, t=80, b=10),
                      separators=SEPARATORS.get(lang, SEPARATORS["it"]),
                      title=dict(text=t("who_leads", lang), x=0, y=0.98, font=dict(size=15)))
    return fig

"""The one filter bar, shared by every page and mirrored in the URL (each widget is
bound to a query parameter, so a link reproduces the view)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

import streamlit as st

from pipelines.contract.labels import CATEGORY, SENTIMENT
from pipelines.contract.words import LANGUAGES, t


@dataclass(frozen=True)
class Filters:
    date_from: date
    date_to: date
    operators: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    sentiments: tuple[str, ...] = ()
    business_hours: bool = False
    questions_only: bool = False
    exclude_outages: bool = False
    exclude_partial: bool = False
    lang: str = "it"

    def previous(self) -> "Filters":
        """The period of the same length just before this one."""
        length = (self.date_to - self.date_from).days + 1
        return replace(self, date_from=self.date_from - timedelta(days=length),
                       date_to=self.date_from - timedelta(days=1))

    def describe(self) -> str:
        parts = [f"{self.date_from} – {self.date_to}"]
        for name in ("operators", "channels", "categories", "sentiments"):
            if getattr(self, name):
                parts.append(f"{name}: {', '.join(getattr(self, name))}")
        for name in ("business_hours", "questions_only", "exclude_outages", "exclude_partial"):
            if getattr(self, name):
                parts.append(name)
        return "; ".join(parts)


LIST_KEYS = ("op", "ch", "cat", "sent")
BOOL_KEYS = ("bh", "q", "xo", "xp")


def url_lang() -> str | None:
    """The language code a link asks for, by code or by name (?lang=en, ?lang=English)."""
    asked = st.query_params.get("lang")
    return next((code for code, name in LANGUAGES.items() if asked in (code, name)), None)


def _seed_from_url(aliases: dict[str, str]) -> None:
    """On a session's first run, widgets take their values from the link. (The browser
    binding does this too; doing it here makes it hold wherever the app runs.)"""
    if st.session_state.get("_seeded"):
        return
    st.session_state["_seeded"] = True
    params = st.query_params
    for key in LIST_KEYS:
        values = params.get_all(key)
        if values:
            st.session_state[key] = [aliases.get(v, v) for item in values for v in str(item).split(",") if v]
    for key in BOOL_KEYS:
        if key in params:
            st.session_state[key] = str(params.get(key)).lower() in ("true", "1", "yes")
    code = url_lang()
    if code:
        st.session_state["lang"] = LANGUAGES[code]


def _period_from_url(first: date, last: date, default: tuple[date, date]) -> tuple[date, date]:
    try:
        start, end = (date.fromisoformat(v) for v in str(st.query_params.get("period", "")).split(","))
    except ValueError:
        return default
    start, end = max(first, min(start, last)), max(first, min(end, last))
    return (start, end) if start <= end else default


def filter_bar(bounds: dict) -> Filters:
    """Draw the sidebar filters and return their values. Bound widgets show (and put in
    the URL) readable names, e.g. ?op=TIM&op=WindTre&lang=English; ids work in links too."""
    # the operators one can choose: those with conversations (a competitor's name is for charts)
    names = {op: bounds["operator_names"].get(op, op) for op in bounds["operators"]}
    ids_by_name = {name: op for op, name in names.items()}
    _seed_from_url(names)
    with st.sidebar:
        language = st.selectbox("Lingua · Language", list(LANGUAGES.values()), key="lang", bind="query-params")
        lang = {v: k for k, v in LANGUAGES.items()}[language]
        st.subheader(t("filters", lang))
        first, last = bounds["first_day"], bounds["last_day"]
        default_from = max(first, last - timedelta(days=27))  # the latest four weeks
        initial = _period_from_url(first, last, (default_from, last))
        period = st.date_input(t("period", lang), value=initial, min_value=first, max_value=last, key="period",
                               format="DD/MM/YYYY", bind="query-params")   # it_IT and en_GB alike
        if isinstance(period, (tuple, list)) and len(period) == 2:
            date_from, date_to = period
        else:  # one end picked so far
            date_from = date_to = period[0] if isinstance(period, (tuple, list)) and period else last
        chosen = st.multiselect(t("operators", lang), [names.get(o, o) for o in bounds["operators"]],
                                key="op", bind="query-params", placeholder="—")
        operators = [ids_by_name.get(name, name) for name in chosen]
        channels = st.multiselect(t("channels", lang), bounds["channels"], key="ch", bind="query-params",
                                  placeholder="—")
        categories = st.multiselect(t("categories", lang), list(CATEGORY), key="cat", bind="query-params",
                                    placeholder="—")
        sentiments = st.multiselect(t("sentiment", lang), list(SENTIMENT), key="sent", bind="query-params",
                                    placeholder="—")
        st.caption(t("definitions", lang))
        business = st.toggle(t("business_hours", lang), key="bh", bind="query-params")
        questions = st.toggle(t("questions_only", lang), key="q", bind="query-params")
        outages = st.toggle(t("exclude_outages", lang), key="xo", bind="query-params")
        partial = st.toggle(t("exclude_partial", lang), key="xp", bind="query-params",
                            help=t("exclude_partial_help", lang))
    return Filters(date_from, date_to, tuple(operators), tuple(channels), tuple(categories), tuple(sentiments),
                   business, questions, outages, partial, lang)

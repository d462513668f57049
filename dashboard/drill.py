"""From a chart's selected point to the Conversations page, with the filter applied.

Conversations are for analysts: for a viewer the charts take no selection and a stray
event does nothing."""
from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitAPIException

from dashboard.markdown import plain
from pipelines.contract.words import t


def selection_mode() -> str:
    """`on_select` for a chart that drills down: "rerun" when this user has the
    Conversations page, "ignore" otherwise."""
    return "rerun" if "conversations" in st.session_state.get("pages", {}) else "ignore"


def drill_from(event) -> None:
    page = st.session_state.get("pages", {}).get("conversations")
    if page is None:
        return
    points = (event or {}).get("selection", {}).get("points", []) if isinstance(event, dict) else \
        getattr(getattr(event, "selection", None), "points", []) or []
    for point in points:
        custom = point.get("customdata") if isinstance(point, dict) else None
        if custom and len(custom) >= 2:
            st.session_state["drill"] = {"operator": custom[0], "week_start": custom[1]}
            try:
                st.switch_page(page)
            except StreamlitAPIException:
                # Streamlit clears the URL's query parameters on a page switch and refuses
                # to while a filter is bound to them (any filter set): offer the link instead.
                lang = st.session_state["filters"].lang
                names = st.session_state["context"]["names"]
                st.page_link(page, icon="➡️", label=t("drill_link", lang, operator=plain(names.get(custom[0], custom[0])),
                                                      week=plain(str(custom[1])[:10])))
            return

"""From a chart's selected point to the Conversations page, with the filter applied.

Conversations are for analysts: for a viewer the charts take no selection and a stray
event does nothing."""
from __future__ import annotations

import streamlit as st


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
            st.switch_page(page)

"""From a chart's selected point to the Conversations page, with the filter applied."""
from __future__ import annotations

import streamlit as st


def drill_from(event) -> None:
    points = (event or {}).get("selection", {}).get("points", []) if isinstance(event, dict) else \
        getattr(getattr(event, "selection", None), "points", []) or []
    for point in points:
        custom = point.get("customdata") if isinstance(point, dict) else None
        if custom and len(custom) >= 2:
            st.session_state["drill"] = {"operator": custom[0], "week_start": custom[1]}
            st.switch_page(st.session_state["pages"]["conversations"])

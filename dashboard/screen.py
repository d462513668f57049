"""What every page file does: title, then the view with the shared filters."""
from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.i18n import t


def show(key: str, view) -> None:
    filters, context = st.session_state["filters"], st.session_state["context"]
    st.title(t(f"page_{key}", filters.lang))
    try:
        view.render(filters, context)
    except data.WarehouseBusy:
        st.warning(t("rebuilding", filters.lang))

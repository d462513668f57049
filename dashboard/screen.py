"""What every page does around its own content: the title, then the page's render
function with the shared filters, and a notice instead of an error while a load
publishes a new warehouse."""
from __future__ import annotations

from typing import Callable

import streamlit as st

from dashboard import connection
from pipelines.contract.words import t


def show(key: str, render: Callable) -> None:
    filters, context = st.session_state["filters"], st.session_state["context"]
    st.title(t(f"page_{key}", filters.lang))
    try:
        render(filters, context)
    except connection.WarehouseBusy:
        st.warning(t("rebuilding", filters.lang))

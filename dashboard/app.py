"""Social care scorecard: the Streamlit entrypoint.

Until the dashboard pages land, this shows what the warehouse holds."""
from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.warehouse_status import status  # noqa: E402
from pipelines import config  # noqa: E402

st.set_page_config(page_title="Social care scorecard", page_icon="📶", layout="wide")
st.title("Social care scorecard")

db = config.db_path()
state = status(db)
if state is None:
    st.info(f"No warehouse at `{db}` yet. Build the demo one with `make run` or `python -m pipelines demo`.")
    st.stop()

st.caption(f"Warehouse `{db}` · last load {state['last_load']}")
cols = st.columns(len(state["counts"]))
for col, (table, count) in zip(cols, state["counts"].items()):
    col.metric(table, f"{count:,}")
st.subheader("Conversations per operator")
st.dataframe(state["per_operator"], hide_index=True, width="stretch")
st.subheader("Loads")
st.dataframe(state["loads"], hide_index=True, width="stretch")

"""Social care scorecard: the Streamlit entrypoint. A router: page config, the shared
filter bar, the pages. Everything else lives in data.py, charts.py and views/."""
from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard import data  # noqa: E402
from dashboard.auth import current_user  # noqa: E402
from dashboard.filters import filter_bar, url_lang  # noqa: E402
from dashboard.i18n import t  # noqa: E402

PAGES = [  # key, icon: one file per page in dashboard/screens/
    ("scorecard", ":material/leaderboard:"),
    ("speed", ":material/timer:"),
    ("escalation", ":material/call_split:"),
    ("churn", ":material/logout:"),
    ("topics", ":material/forum:"),
    ("conversations", ":material/chat:"),
    ("export", ":material/download:"),
    ("data", ":material/database:"),
    ("review", ":material/summarize:"),
]
SCREENS = Path(__file__).resolve().parent / "screens"

st.set_page_config(page_title="Social care scorecard", page_icon="📶", layout="wide")
lang = url_lang() or "it"
user = current_user(lang)
if user is None:
    st.stop()

try:
    ident = data.identity()
    bounds = data.bounds(ident)
except data.WarehouseMissing:
    st.title(t("app_title", lang))
    st.info(t("no_warehouse", lang, db=data.db_path()))
    st.stop()
except data.WarehouseBusy:
    st.title(t("app_title", lang))
    st.warning(t("rebuilding", lang))
    st.stop()

if bounds["first_day"] is None:
    st.title(t("app_title", lang))
    st.info(t("empty", lang))
    st.stop()

filters = filter_bar(bounds)
st.session_state["filters"] = filters
st.session_state["context"] = {"ident": ident, "names": bounds["operator_names"], "colors": bounds["colors"],
                               "user": user, "role": user["role"]}
ANALYST_ONLY = {"conversations", "export"}
pages = {key: st.Page(SCREENS / f"{key}.py", title=t(f"page_{key}", filters.lang), icon=icon, url_path=key,
                      default=key == "scorecard")
         for key, icon in PAGES if user["role"] == "analyst" or key not in ANALYST_ONLY}
st.session_state["pages"] = pages
st.sidebar.caption(t("open_demo", filters.lang) if user["open"]
                   else t("signed_in", filters.lang, name=user["name"], role=user["role"]))
st.navigation(list(pages.values())).run()

"""Social care scorecard: the Streamlit entrypoint. A router: page config, the shared
filter bar, the pages. Each page is one file, dashboard/screens/<key>.py, served at /<key>;
the queries live in queries.py, the charts in charts.py."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import connection, queries
from dashboard.auth import current_user
from dashboard.filters import filter_bar, url_lang
from pipelines.contract.words import t

PAGES = [  # key, icon: one file per page in dashboard/screens/
    ("scorecard", ":material/leaderboard:"),
    ("speed", ":material/timer:"),
    ("escalation", ":material/call_split:"),
    ("churn", ":material/logout:"),
    ("topics", ":material/forum:"),
    ("conversations", ":material/chat:"),
    ("labels", ":material/fact_check:"),
    ("export", ":material/download:"),
    ("data", ":material/database:"),
    ("review", ":material/summarize:"),
]
PAGE_DIR = Path(__file__).resolve().parent / "screens"

st.set_page_config(page_title="Social care scorecard", page_icon="📶", layout="wide")
lang = url_lang() or "it"
user = current_user(lang)
if user is None:
    st.stop()

try:
    ident = connection.identity()
    bounds = queries.bounds(ident)
except connection.WarehouseMissing:
    st.title(t("app_title", lang))
    st.info(t("no_warehouse", lang, db=connection.db_path()))
    st.stop()
except connection.WarehouseOutdated:
    st.title(t("app_title", lang))
    st.warning(t("outdated", lang, db=connection.db_path()))
    st.stop()
except connection.WarehouseBusy:
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
ANALYST_ONLY = {"conversations", "labels", "export"}
pages = {key: st.Page(PAGE_DIR / f"{key}.py", title=t(f"page_{key}", filters.lang), icon=icon,
                      url_path="home" if key == "scorecard" else key, default=key == "scorecard")
         for key, icon in PAGES if user["role"] == "analyst" or key not in ANALYST_ONLY}
st.session_state["pages"] = pages
# The default page is served at the root and has no path of its own: /scorecard, the
# link people write by hand, is the same page under that name (not shown in the menu).
scorecard_link = st.Page(PAGE_DIR / "scorecard.py", title=t("page_scorecard", filters.lang), url_path="scorecard",
                         visibility="hidden")
st.sidebar.caption(t("open_demo", filters.lang) if user["open"]
                   else t("signed_in", filters.lang, name=user["name"], role=user["role"]))
st.navigation([*pages.values(), scorecard_link]).run()

"""Export: the filtered conversations, messages or weekly metrics as CSV, Parquet or Excel."""
from __future__ import annotations

import streamlit as st

from dashboard import exports, queries
from dashboard.audit import record_export
from dashboard.screen import show
from pipelines.contract.words import definitions, t
from pipelines.outputs.formatting import number


@st.cache_data(max_entries=8, show_spinner=False)
def export_bytes(ident, f, what: str, fmt: str) -> bytes:
    return exports.to_bytes(queries.export_frame(ident, f, what), fmt, definitions(f.lang), f.describe())


def render(f, ctx) -> None:
    lang = f.lang
    what = st.radio(t("export_what", lang), ["conversations", "messages", "weekly"],
                    format_func=lambda w: t(f"export_{w}", lang), key="export_what", horizontal=True)
    fmt = st.radio(t("export_format", lang), ["csv", "parquet", "xlsx"], key="export_fmt", horizontal=True)
    rows = queries.export_count(ctx["ident"], f, what)
    if not rows:
        st.info(t("empty", lang))   # nothing to take: no empty file to download
        return
    st.info(t("export_rows", lang, n=number(rows, lang), filters=f.describe()))
    # the file is built when the button is clicked, not on every view of the page
    ident, user = ctx["ident"], ctx["user"]

    def payload() -> bytes:
        # runs when the button is clicked: that is the moment to record who took what
        record_export(user["name"], user["role"], what, fmt, rows, f.describe())
        return export_bytes(ident, f, what, fmt)

    st.download_button(f"{t('download', lang)} ({fmt})", payload,
                       file_name=f"care_{what}_{f.date_from}_{f.date_to}.{fmt}",
                       mime={"csv": "text/csv", "parquet": "application/octet-stream",
                             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}[fmt],
                       key="download")


if __name__ == "__main__":   # run as a page by st.navigation (imported by tests, it draws nothing)
    show("export", render)

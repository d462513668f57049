"""Export: the filtered conversations, messages or weekly metrics as CSV, Parquet or Excel."""
from __future__ import annotations

import streamlit as st

from dashboard import data, exports
from dashboard.i18n import number, t
from dashboard.views.data_model import DEFINITIONS


@st.cache_data(max_entries=8, show_spinner=False)
def export_bytes(ident, f, what: str, fmt: str) -> tuple[bytes, int]:
    frame = data.export_frame(ident, f, what)
    return exports.to_bytes(frame, fmt, DEFINITIONS, f.describe()), len(frame)


def render(f, ctx) -> None:
    lang = f.lang
    what = st.radio(t("export_what", lang), ["conversations", "messages", "weekly"],
                    format_func=lambda w: t(f"export_{w}", lang), key="export_what", horizontal=True)
    fmt = st.radio(t("export_format", lang), ["csv", "parquet", "xlsx"], key="export_fmt", horizontal=True)
    payload, rows = export_bytes(ctx["ident"], f, what, fmt)
    st.info(t("export_rows", lang, n=number(rows, lang), filters=f.describe()))
    st.download_button(f"{t('download', lang)} ({fmt})", payload, file_name=f"care_{what}_{f.date_from}_{f.date_to}.{fmt}",
                       mime={"csv": "text/csv", "parquet": "application/octet-stream",
                             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}[fmt],
                       key="download")

"""Weekly review: the executive one-pager, the same content as `pipelines report`."""
from __future__ import annotations

import streamlit as st

from dashboard import queries
from dashboard.screen import show
from pipelines.contract.words import t
from pipelines.outputs.report_html import print_pdf, render_html


def render(f, ctx) -> None:
    lang = f.lang
    weeks = queries.weeks(ctx["ident"])
    if not weeks:
        st.info(t("empty", lang))
        return
    # the newest week is usually still running: default to the last complete one
    week = st.selectbox(t("week", lang), weeks, index=1 if len(weeks) > 1 else 0, key="review_week")
    review = queries.weekly_review(ctx["ident"], week)
    if review is None:
        st.info(t("empty", lang))
        return
    # customer text is escaped inside, and shown to analysts only; the page runs in an iframe
    page = render_html(review, lang, examples=ctx.get("role") == "analyst")
    left, right = st.columns(2)
    left.download_button("HTML", page.encode("utf-8"), file_name=f"weekly_review_{week}_{lang}.html",
                         mime="text/html", key="review_html")
    right.download_button("PDF", lambda: _pdf(page), file_name=f"weekly_review_{week}_{lang}.pdf",
                          mime="application/pdf", key="review_pdf")
    st.iframe(page, height=1150)  # raw HTML: embedded in its own iframe


def _pdf(page: str) -> bytes:
    import tempfile
    from pathlib import Path
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "review.pdf"
        print_pdf(page, out)
        return out.read_bytes()


if __name__ == "__main__":   # run as a page by st.navigation (imported by tests, it draws nothing)
    show("review", render)

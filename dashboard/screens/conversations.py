"""Conversations: search and filter, then read a whole thread with its labels and times."""
from __future__ import annotations

import streamlit as st

from dashboard import queries
from dashboard.display import for_display, label
from dashboard.markdown import plain
from dashboard.screen import show
from pipelines.contract.words import t
from pipelines.outputs.formatting import moment, number


def render(f, ctx) -> None:
    lang = f.lang
    drill = st.session_state.pop("drill", None)
    week_start = None
    if drill:
        st.session_state["drill_active"] = drill
    drill = st.session_state.get("drill_active")
    if drill:
        from dataclasses import replace
        f = replace(f, operators=(drill["operator"],))
        week_start = drill["week_start"][:10]
        if st.button(f"✕ {t('from_chart', lang)}: {plain(ctx['names'].get(drill['operator'], drill['operator']))}, "
                     f"{plain(week_start)}"):
            st.session_state.pop("drill_active", None)
            st.rerun()
    search = st.text_input(t("search", lang), key="search")
    rows = queries.conversation_list(ctx["ident"], f, search=search, week_start=week_start)
    if rows.empty:
        st.info(t("empty", lang))
        return
    st.caption(f"{number(len(rows), lang)} {t('conversations', lang).lower()} (max 500)")
    event = st.dataframe(for_display(rows, lang, ctx["names"]), hide_index=True, width="stretch", on_select="rerun",
                         selection_mode="single-row", key="conv_table")
    selected = event.selection.rows if event and event.selection else []
    conversation_id = rows.iloc[selected[0]]["conversation_id"] if selected else rows.iloc[0]["conversation_id"]
    st.subheader(f"{t('thread', lang)}: {plain(conversation_id)}")
    for message in queries.thread(ctx["ident"], conversation_id).itertuples():
        who = plain(message.author_id) if message.is_brand else t("customer", lang)
        names = ctx["names"]
        churn = "" if message.churn in (None, "none") else label("churn", message.churn, lang) + (
            f" → {plain(names.get(message.competitor, message.competitor))}" if message.competitor else "")
        parts = ([label("act", message.act, lang)] if message.is_brand else
                 [label("sentiment", message.sentiment, lang), label("category", message.category, lang), churn,
                  label("followup", message.followup, lang)])
        if message.label_origin == "human":
            parts.append(t("set_by_analyst", lang))
        labels = " · ".join(p for p in parts if p)
        with st.chat_message("assistant" if message.is_brand else "user"):
            st.caption(f"{who} · {moment(message.created_at.to_pydatetime(), lang)} · {labels}")
            st.text(message.text)  # as text, never as HTML or Markdown: posts are attacker controlled


if __name__ == "__main__":   # run as a page by st.navigation (imported by tests, it draws nothing)
    show("conversations", render)

"""Data & model: loads, rejected rows, freshness, the model card and the definitions."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import queries
from dashboard.i18n import t
from dashboard.markdown import plain
from dashboard.screen import show

MODEL_CARD = Path(__file__).resolve().parents[2] / "models" / "MODEL_CARD.md"
DEFINITIONS = {
    "conversation": "A thread a customer opened towards an operator account.",
    "first response time": "First customer message to the operator's first reply; median and p90; calendar or business hours.",
    "response rate": "Answered conversations / conversations.",
    "SLA hit rate": ("Conversations answered within the target (60 minutes unless set) / conversations; unanswered "
                     "are misses, answered ones with no known response time are left out."),
    "escalation": "An operator reply that opens a ticket, books a technician or asks for data to act on the line.",
    "escalation success rate": "Escalations ending resolved / escalations; unknown outcomes stay in the denominator.",
    "deflection": "The replies only send the customer elsewhere, with no action.",
    "repeated data request": "The operator asks for data twice or more in one conversation.",
    "churn signal": "A customer threatens to leave, announces a switch or asks to cancel; competitor when named.",
    "net sentiment": "(positive - negative) / customer messages.",
    "sentiment recovery": "Conversations starting negative and ending neutral or positive / conversations starting negative.",
    "re-contact": "The same customer opens a new conversation with the same operator within 7 days.",
    "one-touch resolution": "Resolved with one operator reply / resolved.",
    "partial conversation": "It answers a post outside the data: kept from the earliest message we have; answered "
                            "when the operator replies; no response time when the operator's reply is the earliest "
                            "message we have. Included unless the filter leaves it out.",
}


def render(f, ctx) -> None:
    lang = f.lang
    status = queries.data_status(ctx["ident"])
    st.caption(t("freshness", lang, last=status["last_message"], load=status["last_load"]))
    st.subheader(t("loads", lang))
    st.dataframe(status["loads"], hide_index=True, width="stretch")
    st.caption(t("partial_count", lang, partial=f"{status['partial']:,}".replace(",", "." if lang == "it" else ","),
                 total=f"{status['conversations']:,}".replace(",", "." if lang == "it" else ",")))
    st.subheader(t("rejects", lang))
    st.dataframe(status["rejects"], hide_index=True, width="stretch")
    if ctx.get("role") == "analyst" and not status["rejects"].empty:
        with st.expander(t("reject_rows", lang)):
            st.dataframe(queries.reject_rows(ctx["ident"]), hide_index=True, width="stretch")
    st.subheader(f"{t('model', lang)}: {plain(status['model_version'])}")
    if MODEL_CARD.exists():
        with st.expander("MODEL_CARD.md"):
            st.markdown(MODEL_CARD.read_text(encoding="utf-8"))
    else:
        st.info(t("no_model_card", lang))
    if ctx.get("role") == "analyst":
        from dashboard.audit import recent_exports
        st.subheader(t("audit", lang))
        st.dataframe([dict(zip(("at", "user", "role", "what", "format", "rows", "filters"), r))
                      for r in recent_exports()], hide_index=True, width="stretch")
    st.subheader(t("definitions_text", lang))
    st.table({"metric": list(DEFINITIONS), "definition": list(DEFINITIONS.values())})


if __name__ == "__main__":   # run as a page by st.navigation (imported by tests, it draws nothing)
    show("data", render)

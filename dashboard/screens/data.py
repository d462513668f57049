"""Data & model: loads, rejected rows, freshness, the model card and the definitions."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import queries
from dashboard.display import for_display, local_time
from dashboard.markdown import plain
from dashboard.screen import show
from pipelines.contract.words import definitions, label, t
from pipelines.outputs.formatting import number

MODEL_CARD = Path(__file__).resolve().parents[2] / "models" / "MODEL_CARD.md"
CORRECTION_COLUMNS = {"it": ("Quando", "Chi", "Da", "Messaggio", "Etichetta", "Valore", "Modello"),
                      "en": ("When", "Who", "Via", "Message", "Label", "Value", "Model")}
AUDIT_COLUMNS = {"it": ("Quando", "Chi", "Ruolo", "Cosa", "Formato", "Righe", "Filtri"),
                 "en": ("When", "Who", "Role", "What", "Format", "Rows", "Filters")}


def render(f, ctx) -> None:
    lang = f.lang
    status = queries.data_status(ctx["ident"])
    names = ctx["names"]
    st.caption(t("freshness", lang, last=local_time(status["last_message"], lang),
                 load=local_time(status["last_load"], lang)))
    st.subheader(t("loads", lang))
    st.dataframe(for_display(status["loads"], lang, names), hide_index=True, width="stretch")
    st.caption(t("partial_count", lang, partial=number(status["partial"], lang),
                 total=number(status["conversations"], lang)))
    st.subheader(t("rejects", lang))
    if status["rejects"].empty:
        st.caption(t("no_rejects", lang))
    else:
        st.dataframe(for_display(status["rejects"], lang, names), hide_index=True, width="stretch")
    if ctx.get("role") == "analyst" and not status["rejects"].empty:
        with st.expander(t("reject_rows", lang)):
            st.dataframe(for_display(queries.reject_rows(ctx["ident"]), lang, names), hide_index=True,
                         width="stretch")
    st.subheader(f"{t('model', lang)}: {plain(status['model_version'])}")
    confusion = queries.label_confusion(ctx["ident"])
    st.caption(t("intervals_rest_on", lang, tasks="; ".join(
        t("intervals_task", lang, task=label("task", task, lang), n=number(int(c.counts.sum()), lang),
          corrections=number(c.corrections, lang)) for task, c in confusion.items()))
               if confusion else t("intervals_none", lang))
    if MODEL_CARD.exists():
        with st.expander("MODEL_CARD.md"):
            st.markdown(MODEL_CARD.read_text(encoding="utf-8"))
    else:
        st.info(t("no_model_card", lang))
    if ctx.get("role") == "analyst":
        from dashboard.audit import recent_exports
        st.subheader(t("audit", lang))
        exports = recent_exports()
        if not exports:
            st.caption(t("no_exports", lang))
        else:
            st.dataframe([dict(zip(AUDIT_COLUMNS[lang], (local_time(r[0], lang), r[1], r[2], t(f"export_{r[3]}", lang),
                                                         *r[4:]))) for r in exports],
                         hide_index=True, width="stretch")
    if ctx.get("role") == "analyst":
        _corrections(lang)
    st.subheader(t("definitions_text", lang))
    catalogue = definitions(lang)
    st.table({t("metric", lang): list(catalogue), t("definition", lang): list(catalogue.values())})


def _corrections(lang: str) -> None:
    from models.corrections import recent
    st.subheader(t("recent_corrections", lang))
    made = recent()
    if not made:
        st.caption(t("no_corrections", lang))
        return
    st.dataframe([dict(zip(CORRECTION_COLUMNS[lang], (local_time(r[0], lang), r[1], r[2], r[3], label("task", r[4], lang),
                                                      label(r[4], r[5], lang) or r[5], r[6]))) for r in made],
                 hide_index=True, width="stretch")


if __name__ == "__main__":   # run as a page by st.navigation (imported by tests, it draws nothing)
    show("data", render)

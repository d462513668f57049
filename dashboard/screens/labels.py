"""Label review (analysts only): the messages the model is least sure about, or a random
sample to measure it, each in its thread with the model's labels and confidences; one
click per label to confirm or change it, Enter to save. Corrections go to the corrections
store (models/corrections.py) and count from the next build."""
from __future__ import annotations

import random

import streamlit as st

from dashboard import labelling, queries
from dashboard.markdown import plain
from dashboard.screen import show
from pipelines.contract.labels import TASKS
from pipelines.contract.words import label, t
from pipelines.outputs.formatting import moment, number, percent


def _name(task: str, value, lang: str) -> str:
    return label(task, value, lang) or t("labels_no_label", lang)


def _progress(queue_keys: list, done: dict, lang: str) -> None:
    here = [done[k] for k in queue_keys if k in done]
    counts = {kind: sum(1 for d in here if d["outcome"] == kind) for kind in ("confirmed", "changed", "skipped")}
    st.progress(len(here) / len(queue_keys) if queue_keys else 1.0,
                text=t("labels_progress", lang, done=number(len(here), lang), total=number(len(queue_keys), lang),
                       **{k: number(v, lang) for k, v in counts.items()}))
    sampled = [d for d in here if d["order"] == "sample" and d["outcome"] != "skipped"]
    if sampled:
        right: dict[str, list[bool]] = {}
        for d in sampled:
            for task, (model, kept) in d["tasks"].items():
                right.setdefault(task, []).append(model == kept)
        st.caption(t("labels_agreement", lang, scores=", ".join(
            f"{label('task', task, lang)} {number(sum(r), lang)}/{number(len(r), lang)}" for task, r in right.items())))


CONTEXT = 3   # messages shown before and after the one under review; the rest behind an expander


def _message(message, this: bool, lang: str) -> None:
    who = plain(message.author_id) if message.is_brand else t("customer", lang)
    with st.chat_message("assistant" if message.is_brand else "user"):
        st.caption(f"{who} · {moment(message.created_at.to_pydatetime(), lang)}"
                   + (f" · **▶ {t('labels_this_one', lang)}**" if this else ""))
        st.text(message.text)   # as text, never as HTML or Markdown: posts are attacker controlled


def _thread(ctx, row: dict, lang: str) -> None:
    """The message under review among its neighbours; the whole thread when it is longer."""
    st.markdown(f"**{t('labels_thread', lang)}**")
    messages = list(queries.thread(ctx["ident"], row["conversation_id"]).itertuples())
    here = next((i for i, m in enumerate(messages)
                 if (m.source, m.message_id) == (row["source"], row["message_id"])), 0)
    first, last = max(0, here - CONTEXT), min(len(messages), here + CONTEXT + 1)
    for i in range(first, last):
        _message(messages[i], i == here, lang)
    if first > 0 or last < len(messages):
        with st.expander(t("labels_whole_thread", lang, n=number(len(messages), lang))):
            for i, message in enumerate(messages):
                _message(message, i == here, lang)


def render(f, ctx) -> None:
    lang = f.lang
    if ctx.get("role") != "analyst":
        st.error(t("labels_analysts_only", lang))
        return
    st.caption(t("labels_intro", lang))
    order = st.segmented_control(t("labels_order", lang), ["least_sure", "sample"], default="least_sure",
                                 required=True, key="labels_order",
                                 format_func=lambda o: t(f"labels_{o}", lang))
    seed = st.session_state.setdefault("labels_seed", random.randrange(1, 1_000_000))
    queue = queries.review_queue(ctx["ident"], f, order=order, seed=seed)
    if queue.empty:
        st.info(t("labels_none", lang))
        return
    done = st.session_state.setdefault("labels_done", {})
    stored = labelling.already_reviewed()
    keys = [(s, m) for s, m in zip(queue["source"], queue["message_id"])]
    _progress(keys, done, lang)
    if st.session_state.get("labels_saved_note"):
        st.toast(st.session_state.pop("labels_saved_note"))
    pending = [i for i, k in enumerate(keys) if k not in done and k not in stored]
    if not pending:
        st.success(t("labels_all_done", lang))
        return
    row = queue.iloc[pending[0]].to_dict()
    key = f"{row['source']}:{row['message_id']}"
    left, right = st.columns([3, 2], gap="large")
    with left:
        _thread(ctx, row, lang)
    with right, st.container(border=True):
        st.markdown(f"**{t('labels_message', lang)}** · {plain(ctx['names'].get(row['operator'], row['operator']))}")
        st.text(row["text"])
        chosen = {}
        for task, (model, confidence) in labelling.model_says(row).items():
            chosen[task] = st.segmented_control(
                f"{label('task', task, lang)}: " + t("labels_model", lang, label=_name(task, model, lang),
                                                    confidence=percent(confidence, lang) if confidence is not None
                                                    else "–"),
                list(TASKS[task][1]), default=model, required=True, key=f"label_{task}_{key}",
                format_func=lambda v, task=task: _name(task, v, lang))
        save, skip = st.columns(2)
        if save.button(t("labels_save", lang), type="primary", shortcut="Enter", key=f"save_{key}", width="stretch"):
            made = labelling.review(row, chosen, ctx["user"]["name"])
            labelling.save(made, ctx["role"])
            fixed = labelling.changed(row, made)
            done[(row["source"], row["message_id"])] = {
                "outcome": "changed" if fixed else "confirmed", "order": order,
                "tasks": {c.task: (row.get(c.task), c.label) for c in made}}
            st.session_state["labels_saved_note"] = t("labels_saved", lang, changes=", ".join(
                f"{label('task', c.task, lang)} → {_name(c.task, c.label, lang)}" for c in made if c.task in fixed)
                or t("labels_confirmed_all", lang))
            st.rerun()
        if skip.button(t("labels_skip", lang), shortcut="S", key=f"skip_{key}", width="stretch"):
            done[(row["source"], row["message_id"])] = {"outcome": "skipped", "order": order, "tasks": {}}
            st.rerun()
    st.caption(t("labels_keys", lang))


if __name__ == "__main__":   # run as a page by st.navigation (imported by tests, it draws nothing)
    show("labels", render)

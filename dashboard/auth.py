"""Who is looking: optional sign-in and the two roles.

- With an `[auth]` section in Streamlit secrets, users sign in with OIDC (`st.login`);
  `[roles] analysts = ["ana@example.com", ...]` lists who may read texts and export.
- Else with `[passwords]` (`viewer = "..."`, `analyst = "..."`), a password form.
- Else the local demo runs open (everyone an analyst), and the sidebar says so.

viewer: aggregates and charts. analyst: also conversation text and exports.
"""
from __future__ import annotations

import hmac

import streamlit as st

from pipelines.contract.words import t

ROLES = ("viewer", "analyst")


def _secrets() -> dict:
    try:
        return {k: st.secrets[k] for k in st.secrets}
    except Exception:  # no secrets file at all: the open demo
        return {}


def current_user(lang: str) -> dict | None:
    """{"name", "role", "open"} of the signed-in user, or None after drawing a sign-in."""
    secrets = _secrets()
    if "auth" in secrets:
        if not st.user.is_logged_in:
            st.title(t("app_title", lang))
            st.button(t("sign_in", lang), on_click=st.login, key="login")
            return None
        email = str(st.user.get("email", ""))
        analysts = [str(a).lower() for a in secrets.get("roles", {}).get("analysts", [])]
        return {"name": email, "role": "analyst" if email.lower() in analysts else "viewer", "open": False}
    passwords = secrets.get("passwords")
    if passwords:
        if "user" not in st.session_state:
            st.title(t("app_title", lang))
            typed = st.text_input(t("password", lang), type="password", key="password")
            if typed:
                for role in reversed(ROLES):  # analyst first, should both be equal
                    expected = str(passwords.get(role, ""))
                    if expected and hmac.compare_digest(typed.encode(), expected.encode()):
                        st.session_state["user"] = {"name": role, "role": role, "open": False}
                        st.rerun()
                st.error(t("wrong_password", lang))
            return None
        return st.session_state["user"]
    return {"name": "local", "role": "analyst", "open": True}

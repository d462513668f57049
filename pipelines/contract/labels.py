"""The label ids: fixed, shared by the warehouse, the metrics, the dashboard and the tests.

Customer follow-ups carry `followup`: `fixed` when the customer confirms the problem is
solved, `still_broken` when they report it is not, `none` otherwise. Escalation success
reads it: an escalated conversation whose customer later says `fixed` succeeded, one
where they say `still_broken` (or threaten to leave) failed.
"""
from __future__ import annotations

SENTIMENT = ("negative", "neutral", "positive")
CATEGORY = ("billing", "network", "activation_porting", "offers_devices", "telemarketing_privacy",
            "cancellation_contract", "customer_service", "other")
CHURN = ("none", "threat", "switched", "cancel")
FOLLOWUP = ("none", "fixed", "still_broken")
ACT = ("acknowledge", "request_data", "escalate", "resolve", "deflect", "other")

# task -> (role it applies to, its label ids)
TASKS = {
    "sentiment": ("customer", SENTIMENT),
    "category": ("customer", CATEGORY),
    "churn": ("customer", CHURN),
    "followup": ("customer", FOLLOWUP),
    "act": ("brand", ACT),
}
CUSTOMER_TASKS = tuple(t for t, (role, _) in TASKS.items() if role == "customer")
BRAND_TASKS = tuple(t for t, (role, _) in TASKS.items() if role == "brand")

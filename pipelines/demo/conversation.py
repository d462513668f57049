"""One simulated conversation: its rows as a source would export them, and its truth."""
from __future__ import annotations

from datetime import datetime, timedelta

from pipelines.demo import phrases
from pipelines.demo.world import BRAND_AUTHORS, SOURCE


class Conversation:
    """Collects one conversation's rows and its truth."""

    def __init__(self, sim, conv_id, op, channel, customer, name, category, messiness):
        self.sim, self.conv_id, self.op, self.channel = sim, conv_id, op, channel
        self.customer_handle, self.name, self.category, self.messiness = customer, name, category, messiness
        self.rows: list[dict] = []
        self.labels: list[dict] = []
        self.first_at: datetime | None = None
        self.last_at: datetime | None = None
        self.truth = {
            "conversation_id": f"{SOURCE}:{conv_id}", "operator": op, "channel": channel, "category": category,
            "escalated": False, "escalation_outcome": "none", "deflected": False,
            "repeated_data_request": False, "resolved_at": None, "count_still_broken": 0,
        }

    def _row(self, t: datetime, is_brand: bool, text: str) -> dict:
        self.sim.msg_seq += 1
        row = {
            "message_id": f"m{self.sim.p.seed}-{self.sim.msg_seq:08d}",
            "source": SOURCE,
            "conversation_id": self.conv_id,
            "in_reply_to": self.rows[-1]["message_id"] if self.rows else None,
            "operator": self.op,
            "channel": self.channel,
            "author_id": BRAND_AUTHORS[self.op] if is_brand else self.customer_handle,
            "is_brand": is_brand,
            "created_at": t,
            "text": text,
            "lang": "it",
        }
        if self.first_at is None:
            self.first_at = t
        self.last_at = max(self.last_at or t, t)
        self.rows.append(row)
        return row

    def customer(self, t, text, *, sentiment, churn="none", competitor=None, followup="none") -> None:
        text = phrases.decorate(self.sim.rng, text, self.messiness, sentiment)
        row = self._row(t, False, text)
        if followup == "still_broken":
            self.truth["count_still_broken"] += 1
        self.labels.append({"message_id": row["message_id"], "role": "customer", "sentiment": sentiment,
                            "category": self.category, "churn": churn or "none", "competitor": competitor or "",
                            "followup": followup, "act": None})

    def brand(self, t, act) -> None:
        if t < self.last_at:
            t = self.last_at + timedelta(minutes=1)
        row = self._row(t, True, phrases.brand_reply(self.sim.rng, act, self.op, self.name))
        self.labels.append({"message_id": row["message_id"], "role": "brand", "sentiment": None,
                            "category": None, "churn": None, "competitor": None, "followup": None, "act": act})

    def finish(self) -> tuple[list[dict], dict]:
        # The corpus is extracted at the end of its last day: later messages do not exist yet.
        cutoff = self.sim.cutoff
        if self.rows[-1]["created_at"] > cutoff:
            kept = [i for i, r in enumerate(self.rows) if r["created_at"] <= cutoff]
            self.rows = [self.rows[i] for i in kept]
            self.labels = [self.labels[i] for i in kept]
            truth = self.truth
            if truth["resolved_at"] is not None and truth["resolved_at"] > cutoff:
                truth["resolved_at"] = None
                if truth["escalation_outcome"] == "success":
                    truth["escalation_outcome"] = "unknown"
            if truth["escalation_outcome"] == "failure" and not any(
                    lab["followup"] == "still_broken" for lab in self.labels):
                truth["escalation_outcome"] = "unknown"
            if truth["escalated"] and not any(lab["act"] == "escalate" for lab in self.labels):
                truth["escalated"], truth["escalation_outcome"] = False, "none"
            truth["deflected"] = truth["deflected"] and any(lab["act"] == "deflect" for lab in self.labels)
            truth["repeated_data_request"] = truth["repeated_data_request"] and sum(
                lab["act"] == "request_data" for lab in self.labels) >= 2
        truth = self.truth
        customer_labels = [lab for lab in self.labels if lab["role"] == "customer"]
        brand_times = [r["created_at"] for r in self.rows if r["is_brand"]]
        churn = [lab for lab in customer_labels if lab["churn"] != "none"]
        truth.update({
            "opened_at": self.first_at,
            "is_answered": bool(brand_times),
            "first_reply_at": min(brand_times) if brand_times else None,
            "first_sentiment": customer_labels[0]["sentiment"],
            "last_sentiment": customer_labels[-1]["sentiment"],
            "churn": churn[0]["churn"] if churn else "none",
            "competitor": next((lab["competitor"] for lab in churn if lab["competitor"]), ""),
            "count_messages": len(self.rows),
        })
        del truth["count_still_broken"]
        for lab in self.labels:
            lab["conversation_id"] = truth["conversation_id"]
        return self.rows, {"conversation": truth, "messages": self.labels}

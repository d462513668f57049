"""The demo corpus: a seeded simulation of Italian social-care conversations.

Each conversation is a story the field knows (fast reply but no fix, a technician who
never comes, data asked twice, a customer bounced to the call centre, a public threat
to switch, thanks after a fix), played by an operator with its own habits: reply-time
distribution, care hours, how often it escalates and how often the escalation works.
Volumes follow the week and the day, with a few outage days. Every message carries its
true labels and every conversation its true outcome, so the classifier and the metrics
can be checked against the truth.

The generator is pure: same parameters and seed, same rows.
"""
from __future__ import annotations

import math
import random
from datetime import date, datetime, time, timedelta, timezone
from typing import Iterator

from pipelines.contract.operators import Operators
from pipelines.demo import phrases
from pipelines.demo.conversation import Conversation
from pipelines.demo.world import (AVG_MESSAGES_PER_CONVERSATION, CATEGORY_MIX, CHANNELS, COMPETITOR_WEIGHTS,
                                  COMPETITORS, FIRST_NAMES, HANDLES, HOUR_WEIGHTS, PROFILES, WEEKDAY_WEIGHTS,
                                  DemoParams, Outage)
from pipelines.marts.care_calendar import CareClock
from pipelines.normalise.timeparse import ROME


class Simulation:
    def __init__(self, params: DemoParams, operators: Operators):
        self.p = params
        self.rng = random.Random(params.seed)
        self.clock = CareClock(operators, range(params.start.year, params.end.year + 1))
        self.days = [params.start + timedelta(days=i) for i in range(7 * params.weeks)]
        self.outages = self._outages()
        self.day_weights = self._day_weights()
        self.customers = self._customers()
        self.msg_seq = 0
        self.conv_seq = 0
        self.cutoff = datetime.combine(params.end + timedelta(days=1), time(0), tzinfo=ROME).astimezone(timezone.utc)

    # --- the calendar -------------------------------------------------------------
    def _outages(self) -> list[Outage]:
        rng = random.Random(self.p.seed * 7919 + 1)
        count = max(2, round(len(self.days) / 30))
        picks = rng.sample(range(7, len(self.days)), k=min(count, len(self.days) - 7)) if len(self.days) > 8 else []
        return [Outage(rng.choice(list(PROFILES)), self.days[i], rng.uniform(3.0, 5.5)) for i in sorted(picks)]

    def _day_weights(self) -> dict[str, list[float]]:
        weights = {}
        for op in PROFILES:
            cum, total = [], 0.0
            for i, day in enumerate(self.days):
                w = WEEKDAY_WEIGHTS[day.weekday()] * (1 + 0.15 * math.sin(i / 9.0))
                for outage in self.outages:
                    if outage.operator == op:
                        if outage.day == day:
                            w *= outage.multiplier
                        elif outage.day + timedelta(days=1) == day:
                            w *= 1 + (outage.multiplier - 1) / 3  # the day after still hurts
                total += w
                cum.append(total)
            weights[op] = cum
        return weights

    def _customers(self) -> list[str]:
        # Some customers write often (re-contacts); most write once.
        rng = random.Random(self.p.seed * 31 + 5)
        n = max(50, int(self.p.messages / AVG_MESSAGES_PER_CONVERSATION * 0.7))
        suffixes = ("", "_", ".", "__")
        pool = []
        for i in range(n):
            name = rng.choice(FIRST_NAMES).lower()
            pool.append(f"{name}{rng.choice(suffixes)}{rng.choice('abcdefghilmnoprstuvz')}{i}")
        return pool

    def outage_on(self, operator: str, day: date) -> Outage | None:
        for outage in self.outages:
            if outage.operator == operator and outage.day == day:
                return outage
        return None

    # --- one conversation -----------------------------------------------------------
    def conversations(self) -> Iterator[tuple[list[dict], dict]]:
        ops = list(PROFILES)
        shares = [PROFILES[o].share for o in ops]
        produced = 0
        while produced < self.p.messages:
            op = self.rng.choices(ops, shares)[0]
            rows, truth = self.conversation(op)
            produced += len(rows)
            yield rows, truth

    def _open_time(self, op: str) -> tuple[datetime, bool]:
        rng = self.rng
        day = self.days[_bisect(self.day_weights[op], rng.random() * self.day_weights[op][-1])]
        outage = self.outage_on(op, day)
        hour = rng.choices(range(24), HOUR_WEIGHTS)[0]
        local = datetime.combine(day, time(hour, rng.randrange(60), rng.randrange(60)), tzinfo=ROME)
        return local, outage is not None

    def _category(self, op: str, during_outage: bool) -> str:
        if during_outage and self.rng.random() < 0.8:
            return "network"
        tilt = PROFILES[op].category_tilt
        cats = list(CATEGORY_MIX)
        return self.rng.choices(cats, [CATEGORY_MIX[c] * tilt.get(c, 1.0) for c in cats])[0]

    def _competitor(self, op: str) -> str | None:
        if self.rng.random() < 0.35:
            return None
        names = [c for c in COMPETITOR_WEIGHTS if c != op]
        return self.rng.choices(names, [COMPETITOR_WEIGHTS[c] for c in names])[0]

    def conversation(self, op: str) -> tuple[list[dict], dict]:
        rng, prof = self.rng, PROFILES[op]
        self.conv_seq += 1
        conv_id = f"c{self.p.seed}-{self.conv_seq:07d}"
        local, during_outage = self._open_time(op)
        category = self._category(op, during_outage)
        channel = rng.choices([c for c, _ in CHANNELS], [w for _, w in CHANNELS])[0]
        customer = self.customers[min(len(self.customers) - 1, int(rng.paretovariate(1.3)) - 1)
                                  if rng.random() < 0.25 else rng.randrange(len(self.customers))]
        name = rng.choice(FIRST_NAMES) if rng.random() < 0.6 else None
        handle = HANDLES[op]
        messiness = rng.random() ** 1.5
        conv = Conversation(self, conv_id, op, channel, customer, name, category, messiness)

        sentiment = "positive" if category == "other" and rng.random() < 0.35 else (
            "neutral" if rng.random() < 0.28 else "negative")
        churn_open = None
        roll = rng.random()
        if sentiment == "negative":
            if roll < 0.05:
                churn_open = "threat"
            elif roll < 0.08:
                churn_open = "cancel"
            elif roll < 0.10:
                churn_open = "switched"
        if category == "cancellation_contract" and rng.random() < 0.45:
            churn_open, sentiment = "cancel", "negative" if sentiment == "positive" else sentiment
        t = local.astimezone(timezone.utc)
        if churn_open:
            competitor = self._competitor(op) if churn_open != "cancel" else None
            text = phrases.churn_message(rng, churn_open, COMPETITORS.get(competitor), handle)
            if rng.random() < 0.5:
                text = phrases.customer_opening(rng, category, "negative", handle) + " " + text.replace(handle, "").strip()
            conv.customer(t, text, sentiment="negative", churn=churn_open, competitor=competitor)
        else:
            conv.customer(t, phrases.customer_opening(rng, category, sentiment, handle), sentiment=sentiment)

        # A customer often adds a second post before any answer.
        if rng.random() < 0.18:
            t = t + timedelta(minutes=rng.uniform(5, 240))
            conv.customer(t, phrases.customer_followup(rng, "impatient", category), sentiment="negative")

        reply_rate = prof.reply_rate * (0.85 if during_outage else 1.0)
        if rng.random() > reply_rate:
            return conv.finish()

        # First reply: calendar delay from a log-normal, held until care opens.
        frt = rng.lognormvariate(math.log(prof.frt_median * (2.5 if during_outage else 1.0)), prof.frt_sigma)
        t = self._reply_time(op, conv.first_at, frt)
        if sentiment == "positive" and category == "other":
            conv.brand(t, "other")
            return conv.finish()

        roll = rng.random()
        if roll < prof.deflect:
            conv.brand(t, "deflect")
            conv.truth["deflected"] = True
            if rng.random() < 0.55:
                t = t + timedelta(minutes=rng.uniform(10, 600))
                conv.customer(t, phrases.customer_followup(rng, "bounced", category), sentiment="negative")
                if rng.random() < 0.35:
                    t = t + timedelta(minutes=rng.uniform(2, 120))
                    kind = rng.choice(("threat", "threat", "switched"))
                    comp = self._competitor(op)
                    conv.customer(t, phrases.churn_message(rng, kind, COMPETITORS.get(comp), handle),
                                  sentiment="negative", churn=kind, competitor=comp)
            return conv.finish()

        if roll < prof.deflect + prof.ask_data:
            conv.brand(t, "request_data")
            t = t + timedelta(minutes=rng.lognormvariate(math.log(25), 1.0))
            conv.customer(t, phrases.customer_followup(rng, "data_sent", category), sentiment="neutral")
            if rng.random() < prof.repeat_data:
                t = self._reply_time(op, t, rng.lognormvariate(math.log(prof.frt_median * 2), 0.8))
                conv.brand(t, "request_data")
                conv.truth["repeated_data_request"] = True
                t = t + timedelta(minutes=rng.uniform(5, 180))
                conv.customer(t, phrases.customer_followup(rng, "repeat_data", category), sentiment="negative")
            t = self._reply_time(op, t, rng.lognormvariate(math.log(prof.frt_median * 1.5), 0.8))
        elif rng.random() < 0.35:
            conv.brand(t, "acknowledge")
            t = self._reply_time(op, t, rng.lognormvariate(math.log(prof.frt_median * 3), 0.9))
        elif rng.random() < 0.25:
            # A question answered on the spot: resolved without escalation.
            conv.brand(t, "resolve")
            conv.truth["resolved_at"] = t
            self._maybe_confirm(conv, t, prof, category)
            return conv.finish()

        if rng.random() > prof.escalate:
            conv.brand(t, "acknowledge" if rng.random() < 0.6 else "other")
            return conv.finish()

        conv.brand(t, "escalate")
        conv.truth["escalated"] = True
        fix_delay = timedelta(hours=rng.lognormvariate(math.log(prof.fix_hours), 0.9))
        outcome = rng.random()
        if outcome < prof.fix:
            t = self._reply_time(op, t + fix_delay, rng.uniform(0, 60))
            conv.brand(t, "resolve")
            conv.truth["resolved_at"] = t
            if rng.random() < 0.20:
                # "ancora nulla" first, then fixed: success, after a detour.
                conv.customer(t + timedelta(hours=rng.uniform(1, 20)),
                              phrases.customer_followup(rng, "still_broken", category),
                              sentiment="negative", followup="still_broken")
                t2 = self._reply_time(op, conv.last_at, rng.lognormvariate(math.log(prof.frt_median * 2), 0.8))
                conv.brand(t2, "resolve")
                conv.truth["resolved_at"] = t2
                t = t2
            self._maybe_confirm(conv, t, prof, category, forced=conv.truth["count_still_broken"] > 0)
            conv.truth["escalation_outcome"] = "success"
        elif outcome < prof.fix + (1 - prof.fix) * 0.7:
            # The fix never comes: the customer is back, angrier.
            t = t + fix_delay + timedelta(hours=rng.uniform(2, 48))
            kind = "technician_no_show" if category == "network" and rng.random() < 0.5 else "still_broken"
            conv.customer(t, phrases.customer_followup(rng, kind, category), sentiment="negative", followup="still_broken")
            conv.truth["escalation_outcome"] = "failure"
            if rng.random() < 0.5:
                t = self._reply_time(op, t, rng.lognormvariate(math.log(prof.frt_median * 2), 0.9))
                conv.brand(t, rng.choice(("acknowledge", "escalate", "request_data")))
            if rng.random() < 0.45:
                t = t + timedelta(hours=rng.uniform(1, 72))
                kind = rng.choices(("threat", "switched", "cancel"), (0.55, 0.30, 0.15))[0]
                comp = self._competitor(op) if kind != "cancel" else None
                conv.customer(t, phrases.churn_message(rng, kind, COMPETITORS.get(comp), handle),
                              sentiment="negative", churn=kind, competitor=comp)
        else:
            conv.truth["escalation_outcome"] = "unknown"  # escalated, then silence
        return conv.finish()

    def _maybe_confirm(self, conv, t, prof, category, forced=False) -> None:
        if forced or self.rng.random() < prof.confirm:
            conv.customer(t + timedelta(minutes=self.rng.lognormvariate(math.log(90), 1.0)),
                          phrases.customer_followup(self.rng, "fixed", category),
                          sentiment="positive", followup="fixed")

    def _reply_time(self, op: str, after: datetime, minutes: float) -> datetime:
        """A reply `minutes` of working time after `after`, held until care opens."""
        local = after.astimezone(ROME)
        start = self.clock.next_open(op, local)
        reply = start + timedelta(minutes=max(0.5, minutes))
        return reply.astimezone(timezone.utc)


def _bisect(cum: list[float], x: float) -> int:
    lo, hi = 0, len(cum) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if cum[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def generate(params: DemoParams, operators: Operators, batch_rows: int = 50_000) -> Iterator[tuple[list[dict], list[dict], list[dict]]]:
    """Batches of (canonical rows, message truth, conversation truth)."""
    sim = Simulation(params, operators)
    rows: list[dict] = []
    msg_truth: list[dict] = []
    conv_truth: list[dict] = []
    for conv_rows, truth in sim.conversations():
        rows.extend(conv_rows)
        msg_truth.extend(truth["messages"])
        conv_truth.append(truth["conversation"])
        if len(rows) >= batch_rows:
            yield rows, msg_truth, conv_truth
            rows, msg_truth, conv_truth = [], [], []
    if rows:
        yield rows, msg_truth, conv_truth


def outages(params: DemoParams, operators: Operators) -> list[Outage]:
    return Simulation(params, operators).outages

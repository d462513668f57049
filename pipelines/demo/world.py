"""The demo's world: the operators' habits (profiles), the channels, the week's and the
day's rhythm, the customers' names, and the parameters of a run. Numbers only: the
simulation that plays them is generator.py."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

SOURCE = "demo"
CHANNELS = (("twitter", 0.42), ("facebook", 0.30), ("instagram", 0.16), ("dm", 0.12))
CATEGORY_MIX = {
    "billing": 0.20, "network": 0.22, "activation_porting": 0.13, "offers_devices": 0.10,
    "telemarketing_privacy": 0.08, "cancellation_contract": 0.09, "customer_service": 0.12, "other": 0.06,
}
# Customers write in the morning and the evening; hour weights in Italian local time.
HOUR_WEIGHTS = (0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.2, 2.0, 2.4, 2.3, 2.1,
                1.8, 1.7, 1.8, 1.9, 1.9, 2.0, 2.2, 2.4, 2.3, 1.9, 1.3, 0.7)
WEEKDAY_WEIGHTS = (1.18, 1.10, 1.05, 1.00, 0.97, 0.72, 0.62)
FIRST_NAMES = ("Giulia", "Marco", "Francesca", "Luca", "Chiara", "Alessandro", "Sara", "Andrea",
               "Valentina", "Matteo", "Elena", "Davide", "Martina", "Simone", "Federica", "Lorenzo",
               "Paola", "Giuseppe", "Anna", "Roberto", "Silvia", "Antonio", "Laura", "Salvatore",
               "Ilaria", "Stefano", "Roberta", "Fabio", "Giorgia", "Vincenzo")
COMPETITORS = {"iliad": "Iliad", "vodafone": "Vodafone", "tim": "TIM", "windtre": "WindTre",
               "fastweb": "Fastweb", "ho": "ho. Mobile", "kena": "Kena", "verymobile": "Very Mobile",
               "postemobile": "PosteMobile", "skywifi": "Sky WiFi"}
COMPETITOR_WEIGHTS = {"iliad": 5, "ho": 3, "fastweb": 3, "vodafone": 3, "tim": 2, "windtre": 2,
                      "kena": 1.5, "verymobile": 1.5, "postemobile": 1, "skywifi": 1}


@dataclass(frozen=True)
class Profile:
    """How an operator's care team behaves. Times in minutes."""
    share: float            # of all conversations
    reply_rate: float       # conversations that get any reply
    frt_median: float       # first reply, when open
    frt_sigma: float        # log-normal spread
    deflect: float          # first reply only sends the customer elsewhere
    ask_data: float         # first reply asks for data
    repeat_data: float      # asks for the same data again
    escalate: float         # escalates a fixable problem
    fix: float              # an escalation that ends fixed
    fix_hours: float        # median hours from escalation to fix
    confirm: float          # customer confirms a fix in public
    category_tilt: dict = field(default_factory=dict)


PROFILES = {
    # Replies fast, fixes less: the "fast reply but no fix" story.
    "vodafone": Profile(0.25, 0.93, 9, 0.9, 0.14, 0.45, 0.12, 0.62, 0.56, 20, 0.55,
                        {"billing": 1.2, "offers_devices": 1.2}),
    "tim": Profile(0.27, 0.87, 32, 1.0, 0.18, 0.50, 0.22, 0.60, 0.62, 30, 0.50,
                   {"network": 1.2, "telemarketing_privacy": 1.3}),
    # Slow and bounces customers to 159: many churn signals.
    "windtre": Profile(0.22, 0.79, 70, 1.1, 0.30, 0.45, 0.28, 0.50, 0.45, 48, 0.45,
                       {"network": 1.1, "billing": 1.2, "customer_service": 1.3}),
    # Slower first reply, but escalations work.
    "fastweb": Profile(0.14, 0.90, 45, 0.9, 0.08, 0.40, 0.10, 0.72, 0.78, 24, 0.60,
                       {"network": 1.4, "activation_porting": 1.2}),
    "iliad": Profile(0.12, 0.74, 110, 1.2, 0.12, 0.35, 0.10, 0.55, 0.66, 36, 0.55,
                     {"activation_porting": 1.5, "offers_devices": 0.7}),
}
HANDLES = {"vodafone": "@VodafoneIT", "tim": "@TIM_Official", "windtre": "@WINDTRE",
           "fastweb": "@FASTWEB", "iliad": "@iliad_Italia"}
BRAND_AUTHORS = {"vodafone": "VodafoneIT", "tim": "TIMCare", "windtre": "WINDTRE",
                 "fastweb": "FastwebSupport", "iliad": "iliad_Italia"}
AVG_MESSAGES_PER_CONVERSATION = 4.6


@dataclass
class Outage:
    operator: str
    day: date
    multiplier: float


@dataclass
class DemoParams:
    messages: int = 200_000
    seed: int = 7
    weeks: int = 26
    end: date = date(2026, 11, 22)

    @property
    def start(self) -> date:
        return self.end - timedelta(days=7 * self.weeks - 1)

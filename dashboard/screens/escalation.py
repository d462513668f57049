from dashboard.screen import show
from dashboard.views import escalation

show("escalation", escalation)

from dashboard.screen import show
from dashboard.views import scorecard

show("scorecard", scorecard)

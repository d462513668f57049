from dashboard.screen import show
from dashboard.views import topics

show("topics", topics)

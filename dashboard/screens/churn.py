from dashboard.screen import show
from dashboard.views import churn

show("churn", churn)

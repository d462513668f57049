from dashboard.screen import show
from dashboard.views import data_model

show("data", data_model)

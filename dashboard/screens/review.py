from dashboard.screen import show
from dashboard.views import review

show("review", review)

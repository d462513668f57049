from dashboard.screen import show
from dashboard.views import conversations

show("conversations", conversations)

from dashboard.screen import show
from dashboard.views import reply_speed

show("speed", reply_speed)

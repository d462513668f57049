from dashboard.screen import show
from dashboard.views import export

show("export", export)

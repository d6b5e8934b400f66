from django.urls import path

from itatrack.insight.views import dashboard, home

# Under /o/<org>/ (see itatrack.urls).
urlpatterns = [
    path("", home.org_home, name="org_home"),
    path("dashboard/", dashboard.dashboard_view, name="dashboard"),
]

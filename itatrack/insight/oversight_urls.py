from django.urls import path

from itatrack.insight.views import overview

# A supervising office's read-only view over the bodies in its scope, under /s/<oversight>/.
urlpatterns = [
    path("", overview.overview_view, name="overview"),
    path("export.csv", overview.overview_export, {"fmt": "csv"}, name="overview_csv"),
    path("export.xlsx", overview.overview_export, {"fmt": "xlsx"}, name="overview_xlsx"),
    path("o/<slug:org_slug>/", overview.overview_org, name="overview_org"),
]

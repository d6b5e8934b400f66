from django.urls import path

from assessments.views import assessments, finding_paste, findings, grid, imports

# Under /o/<org>/ (see itatrack.urls).
urlpatterns = [
    path("", assessments.assessment_list, name="assessment_list"),
    path("new/", assessments.assessment_create, name="assessment_create"),
    path("<int:pk>/", assessments.assessment_detail, name="assessment_detail"),
    path("<int:pk>/edit/", assessments.assessment_edit, name="assessment_edit"),
    path("<int:pk>/delete/", assessments.assessment_delete, name="assessment_delete"),
    path("<int:pk>/result.pdf", assessments.assessment_pdf, name="assessment_pdf"),
    path("<int:pk>/scores/", grid.score_grid, name="score_grid"),
    path("<int:pk>/import/", imports.import_upload, name="import_upload"),
    path("<int:pk>/import/confirm/", imports.import_confirm, name="import_confirm"),
    path("<int:pk>/export.csv", imports.assessment_export_csv, name="assessment_export_csv"),
    path("<int:pk>/export.xlsx", imports.assessment_export_xlsx, name="assessment_export_xlsx"),
    path("<int:pk>/findings/", findings.finding_list, name="finding_list"),
    path("<int:pk>/findings/propose/", findings.finding_propose, name="finding_propose"),
    path("<int:pk>/findings/confirm/", findings.finding_confirm_many, name="finding_confirm_many"),
    path("<int:pk>/findings/new/", findings.finding_create, name="finding_create"),
    path("<int:pk>/findings/paste/", finding_paste.finding_paste, name="finding_paste"),
    path("<int:pk>/findings/<int:finding_pk>/edit/", findings.finding_edit, name="finding_edit"),
    path("<int:pk>/findings/<int:finding_pk>/card/", findings.finding_card, name="finding_card"),
    path(
        "<int:pk>/findings/<int:finding_pk>/discard/",
        findings.finding_discard,
        name="finding_discard",
    ),
]

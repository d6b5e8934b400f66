from django.urls import path

from reports.views import files, final, memos, oit, publish, register, routes

# Under /o/<org>/ (see itatrack.urls).
urlpatterns = [
    path("memos/", memos.memo_list, name="memo_list"),
    path("memos/<int:pk>/delete/", memos.memo_delete, name="memo_delete"),
    path("memos/new/", memos.memo_create, name="memo_create"),
    path("memos/inbox/", memos.inbox, name="inbox"),
    path("memos/<int:pk>/", memos.memo_detail, name="memo_detail"),
    path("memos/<int:pk>/edit/", memos.memo_edit, name="memo_edit"),
    path("memos/<int:pk>/route/", memos.memo_route, name="memo_route"),
    path("memos/<int:pk>/submit/", memos.memo_submit, name="memo_submit"),
    path(
        "memos/<int:pk>/sections/<int:section_pk>/redraft/",
        memos.memo_redraft_section,
        name="memo_redraft_section",
    ),
    path("memos/<int:pk>/decide/", memos.memo_decide, name="memo_decide"),
    path("memos/<int:pk>/number/", memos.memo_number, name="memo_number"),
    path("memos/<int:pk>/files/", memos.memo_file_add, name="memo_file_add"),
    path(
        "memos/<int:pk>/files/<int:file_pk>/remove/",
        memos.memo_file_remove,
        name="memo_file_remove",
    ),
    path("register/", register.register_page, name="register"),
    path("memos/<int:pk>/pdf/", files.memo_pdf, name="memo_pdf"),
    path("memos/<int:pk>/final/", final.memo_final, name="memo_final"),
    path("memos/<int:pk>/pages/<int:page>.png", files.memo_page, name="memo_page"),
    path("memos/<int:pk>/publish/", publish.memo_publish, name="memo_publish"),
    path("signing/", publish.certificate, name="certificate"),
    path("routes/", routes.route_template_list, name="route_template_list"),
    path("routes/new/", routes.route_template_edit, name="route_template_create"),
    path("routes/<int:pk>/edit/", routes.route_template_edit, name="route_template_edit"),
    path("oit/", oit.oit_home, name="oit_home"),
    path("oit/<int:year>/", oit.oit_workspace, name="oit_workspace"),
    path("oit/<int:year>/publish/", oit.oit_publish, name="oit_publish"),
    path("oit/<int:year>/assign/", oit.oit_bulk_plan, name="oit_bulk_plan"),
    path("oit/<int:year>/checklist/", oit.oit_checklist, name="oit_checklist"),
    path("oit/<int:year>/itas.csv", oit.oit_export, {"fmt": "csv"}, name="oit_export_csv"),
    path("oit/<int:year>/itas.xlsx", oit.oit_export, {"fmt": "xlsx"}, name="oit_export_xlsx"),
    path("oit/<int:year>/<str:code>/", oit.oit_item, name="oit_item"),
    path("oit/<int:year>/<str:code>/evidence/", oit.oit_evidence_add, name="oit_evidence_add"),
    path("oit/<int:year>/<str:code>/check/", oit.oit_check, name="oit_check"),
    path("oit/evidence/<int:pk>/remove/", oit.oit_evidence_remove, name="oit_evidence_remove"),
]

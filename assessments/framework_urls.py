from django.urls import path

from assessments.views import framework_parts as parts
from assessments.views import frameworks, imports

urlpatterns = [
    path("", frameworks.framework_list, name="framework_list"),
    path("<int:year>/", frameworks.framework_detail, name="framework_detail"),
    path("<int:year>/edit/", frameworks.framework_edit, name="framework_edit"),
    path("<int:year>/copy/", frameworks.framework_copy, name="framework_copy"),
    path("import/", parts.framework_import, name="framework_import"),
    path("import/confirm/", parts.framework_import_confirm, name="framework_import_confirm"),
    path("<int:year>/confirm/", parts.framework_confirm, name="framework_confirm"),
    path("<int:year>/export.xlsx", parts.framework_export, name="framework_export"),
    path("<int:year>/indicators/add/", parts.indicator_add, name="indicator_add"),
    path("<int:year>/indicators/<int:pk>/edit/", parts.indicator_edit, name="indicator_edit"),
    path("<int:year>/indicators/<int:pk>/delete/", parts.indicator_delete, name="indicator_delete"),
    path("<int:year>/indicators/<int:pk>/subs/add/", parts.sub_add, name="sub_add"),
    path("<int:year>/subs/<int:pk>/edit/", parts.sub_edit, name="sub_edit"),
    path("<int:year>/subs/<int:pk>/delete/", parts.sub_delete, name="sub_delete"),
    path("<int:year>/items/add/", parts.item_add, name="item_add"),
    path("<int:year>/items/<int:pk>/edit/", frameworks.item_edit, name="item_edit"),
    path("<int:year>/items/<int:pk>/move/", parts.item_move, name="item_move"),
    path("<int:year>/items/<int:pk>/remove/", parts.item_remove, name="item_remove"),
    path("<int:year>/items/<int:pk>/restore/", parts.item_restore, name="item_restore"),
    path(
        "<int:year>/template.csv",
        imports.framework_template,
        {"fmt": "csv"},
        name="framework_template_csv",
    ),
    path(
        "<int:year>/template.xlsx",
        imports.framework_template,
        {"fmt": "xlsx"},
        name="framework_template_xlsx",
    ),
]

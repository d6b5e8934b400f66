from django.urls import path

from assessments.views import frameworks, imports

urlpatterns = [
    path("", frameworks.framework_list, name="framework_list"),
    path("<int:year>/", frameworks.framework_detail, name="framework_detail"),
    path("<int:year>/edit/", frameworks.framework_edit, name="framework_edit"),
    path("<int:year>/copy/", frameworks.framework_copy, name="framework_copy"),
    path("<int:year>/items/<int:pk>/edit/", frameworks.item_edit, name="item_edit"),
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

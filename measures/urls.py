from django.urls import path

from measures.views import (
    followups,
    issue_areas,
    lists,
    measures,
    paste,
    plans,
    results_paste,
    steps,
)

# Under /o/<org>/ (see itatrack.urls).
urlpatterns = [
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/<int:pk>/delete/", plans.plan_delete, name="plan_delete"),
    path("plans/new/", plans.plan_create, name="plan_create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/timeline/", lists.plan_timeline, name="plan_timeline"),
    path("plans/<int:pk>/export.xlsx", lists.plan_export_xlsx, name="plan_export_xlsx"),
    path("plans/<int:pk>/paste/", paste.plan_paste, name="plan_paste"),
    path(
        "plans/<int:pk>/results/paste/",
        results_paste.plan_results_paste,
        name="plan_results_paste",
    ),
    path("plans/<int:pk>/measures/new/", measures.measure_create, name="measure_create"),
    path("measures/mine/", measures.my_measures, name="my_measures"),
    path("measures/due/", measures.due_measures, name="due_measures"),
    path("measures/<int:pk>/", measures.measure_detail, name="measure_detail"),
    path("measures/<int:pk>/edit/", measures.measure_edit, name="measure_edit"),
    path("measures/<int:pk>/close/", measures.measure_close, name="measure_close"),
    path("measures/<int:pk>/cancel/", measures.measure_cancel, name="measure_cancel"),
    path("measures/<int:pk>/reopen/", measures.measure_reopen, name="measure_reopen"),
    path("measures/<int:pk>/outcome/", measures.measure_outcome, name="measure_outcome"),
    path("measures/<int:pk>/follow-ups/new/", followups.follow_up_add, name="follow_up_add"),
    path("measures/<int:pk>/steps/new/", steps.step_add, name="step_add"),
    path("measures/<int:pk>/steps/<int:step_pk>/edit/", steps.step_edit, name="step_edit"),
    path("measures/<int:pk>/steps/<int:step_pk>/row/", steps.step_row, name="step_row"),
    path("measures/<int:pk>/steps/<int:step_pk>/delete/", steps.step_delete, name="step_delete"),
    path("issue-areas/", issue_areas.issue_area_list, name="issue_area_list"),
    path("issue-areas/<int:pk>/edit/", issue_areas.issue_area_edit, name="issue_area_edit"),
]

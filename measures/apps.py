from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


class MeasuresConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "measures"
    verbose_name = "มาตรการ"

    def ready(self) -> None:
        from itatrack.history import track
        from itatrack.views.media import MEDIA_ACCESS
        from measures.models import Evidence, FollowUp, IssueArea, Measure, MeasureStep, Plan

        for model in (Plan, IssueArea, MeasureStep, FollowUp, Evidence):
            track(model)
        track(Measure, m2m={"departments", "owners", "items", "findings"})
        MEDIA_ACCESS["evidence"] = _evidence_readable


def _evidence_readable(user: AbstractBaseUser, name: str) -> bool:
    from itatrack.models import Organization
    from measures.models import Evidence

    return Evidence.objects.filter(
        file=name, follow_up__measure__plan__organization__in=Organization.objects.for_user(user)
    ).exists()

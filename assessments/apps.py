from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


class AssessmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "assessments"
    verbose_name = "การประเมิน ITA"

    def ready(self) -> None:
        from assessments.models import (
            Assessment,
            Finding,
            Framework,
            IndicatorScore,
            Item,
            ItemScore,
        )
        from itatrack.history import track

        for model in (Framework, Item, Assessment, IndicatorScore, ItemScore):
            track(model)
        track(Finding, m2m={"items"})

        from itatrack.views.media import MEDIA_ACCESS

        MEDIA_ACCESS["itas"] = _itas_pdf_readable


def _itas_pdf_readable(user: AbstractBaseUser, name: str) -> bool:
    from assessments.models import Assessment
    from itatrack.models import Organization

    return Assessment.objects.filter(
        result_pdf=name, organization__in=Organization.objects.for_user(user)
    ).exists()

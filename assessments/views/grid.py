from __future__ import annotations

import json
from itertools import groupby

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from assessments.access import EDIT_ROLES, get_assessment
from assessments.actions import do_save_scores, sheet_of
from assessments.forms import ScoreGridForm
from assessments.scoresheet import warnings
from itatrack.access import OrgRequest, org_view
from itatrack.thai import screen_digits


@org_view(*EDIT_ROLES)
def score_grid(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    assessment = get_assessment(request.membership, pk)
    framework = assessment.framework
    if request.method == "POST":
        form = ScoreGridForm(request.POST, framework=framework)
        if form.is_valid():
            do_save_scores(assessment, form.sheet, actor=request.membership, source="grid")
            for warning in warnings(framework, form.sheet):
                messages.warning(request, warning)
            messages.success(request, _("บันทึกคะแนนแล้ว"))
            return redirect("assessment_detail", org_slug=org_slug, pk=pk)
        messages.error(
            request,
            _("ยังไม่ได้บันทึก: มีช่องที่ต้องแก้ %(n)s ช่อง (ทำเครื่องหมายสีแดง)")
            % {"n": screen_digits(len(form.errors))},
        )
    else:
        form = ScoreGridForm(
            initial=ScoreGridForm.initial_from(sheet_of(assessment)), framework=framework
        )
    groups = [
        (
            indicator,
            [form[f"ind_{indicator.number}"]],
            [
                (
                    item,
                    form[f"pass_{item.code}"] if item.is_pass_fail else form[f"item_{item.code}"],
                    form[f"remark_{item.code}"],
                )
                for item in items
            ],
        )
        for indicator, items in groupby(
            sorted(form.items, key=lambda i: (i.indicator.number, i.order)),
            key=lambda i: i.indicator,
        )
    ]
    bands = [[str(b.min_score), b.level] for b in framework.bands.all()]
    return render(
        request,
        "assessments/score_grid.html",
        {
            "assessment": assessment,
            "form": form,
            "groups": groups,
            "tools": [form[f"tool_{t}"] for t in ("IIT", "EIT", "OIT")],
            "bands_json": json.dumps(bands),
        },
    )

"""Frameworks are shared by every organisation: any member reads them, site staff edit them."""

from __future__ import annotations

from copy import copy
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from assessments.actions import do_copy_framework, do_update_framework
from assessments.forms import (
    BandFormSet,
    CopyFrameworkForm,
    FrameworkForm,
    IndicatorWeightsForm,
    ItemForm,
)
from assessments.framework_actions import do_update_item
from assessments.models import Framework
from itatrack.access import AuthedRequest
from itatrack.actions import ActionError
from itatrack.actors import Operator
from itatrack.thai import screen_digits


def staff_only(view: Any) -> Any:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _framework(year: int) -> Framework:
    return get_object_or_404(Framework.objects.prefetch_related("bands"), fiscal_year=year)


@login_required
def framework_list(request: HttpRequest) -> HttpResponse:
    frameworks = Framework.objects.by_year()
    return render(
        request,
        "assessments/framework_list.html",
        {
            "frameworks": frameworks,
            "copy_form": CopyFrameworkForm(),
        },
    )


@login_required
def framework_detail(request: HttpRequest, year: int) -> HttpResponse:
    framework = _framework(year)
    indicators = framework.indicators.prefetch_related("subs", "items__sub_indicator")
    return render(
        request,
        "assessments/framework_detail.html",
        {
            "framework": framework,
            "indicators": indicators,
            "without_wording": framework.items.active().filter(text="").count(),
        },
    )


@staff_only
def framework_edit(request: HttpRequest, year: int) -> HttpResponse:
    framework = _framework(year)
    form = FrameworkForm(request.POST or None, instance=copy(framework))
    bands = BandFormSet(
        request.POST or None,
        prefix="b",
        initial=[{"level": b.level, "min_score": b.min_score} for b in framework.bands.all()],
    )
    weights = IndicatorWeightsForm(request.POST or None, prefix="w", framework=framework)
    if request.method == "POST" and form.is_valid() and bands.is_valid() and weights.is_valid():
        rows = [
            (f.cleaned_data["level"].strip().upper(), f.cleaned_data["min_score"])
            for f in bands.forms
            if f.cleaned_data.get("level") and f.cleaned_data.get("min_score") is not None
        ]
        try:
            do_update_framework(
                framework,
                form.cleaned_data,
                rows,
                weights.weights(),
                actor=Operator(request.user),
            )
        except ActionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("บันทึกกรอบการประเมินแล้ว"))
            return redirect("framework_detail", year=year)
    return render(
        request,
        "assessments/framework_form.html",
        {"framework": framework, "form": form, "bands": bands, "weights": weights},
    )


@staff_only
def item_edit(request: AuthedRequest, year: int, pk: int) -> HttpResponse:
    framework = _framework(year)
    item = get_object_or_404(framework.items, pk=pk)
    form = ItemForm(request.POST or None, instance=copy(item))
    if request.method == "POST" and form.is_valid():
        try:
            do_update_item(item, form.cleaned_data, actor=Operator(request.user))
        except ActionError as exc:
            form.add_error(None, str(exc))
        else:
            if request.htmx:
                return render(
                    request,
                    "assessments/partials/item_row.html",
                    {"item": item, "framework": framework},
                )
            return redirect(reverse("framework_detail", args=[year]) + f"#item-{item.pk}")
    template = (
        "assessments/partials/item_form.html" if request.htmx else "assessments/item_form.html"
    )
    return render(request, template, {"item": item, "form": form, "framework": framework})


@staff_only
def framework_copy(request: HttpRequest, year: int) -> HttpResponse:
    source = _framework(year)
    form = CopyFrameworkForm(request.POST or None, initial={"fiscal_year": year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            new = do_copy_framework(
                source, form.cleaned_data["fiscal_year"], actor=Operator(request.user)
            )
        except ActionError as exc:
            form.add_error("fiscal_year", str(exc))
        else:
            messages.success(
                request,
                _("สร้างกรอบการประเมินปี %(year)s จากปี %(source)s แล้ว")
                % {"year": screen_digits(new.fiscal_year), "source": screen_digits(year)},
            )
            return redirect("framework_detail", year=new.fiscal_year)
    return render(request, "assessments/framework_copy.html", {"framework": source, "form": form})

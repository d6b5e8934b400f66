"""The operators' console (site staff): every organisation with its state, a new one set up
with its departments and first admin in one form, and suspending or restoring one. Thai, in
the app: Django's admin stays for developers."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from itatrack import mail
from itatrack.access import AuthedRequest
from itatrack.actors import Operator
from itatrack.errors import ActionError
from itatrack.forms import OrganizationSetUpForm
from itatrack.invitations import set_password_url
from itatrack.models import AuditEvent, Organization, YearFigures
from itatrack.operators import do_set_organization_active, do_set_up_organization
from itatrack.thai import fiscal_year

PAGE_SIZE = 50


def staff_view(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    @login_required
    @wraps(view)
    def wrapped(request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@staff_view
def console(request: AuthedRequest) -> HttpResponse:
    year = fiscal_year(timezone.localdate())
    query = request.GET.get("q", "").strip()[:100]
    organizations = Organization.objects.order_by("name", "id")
    if query:
        organizations = organizations.filter(
            Q(name__icontains=query) | Q(short_name__icontains=query) | Q(province__icontains=query)
        )
    page = Paginator(organizations, PAGE_SIZE).get_page(request.GET.get("page"))
    ids = [org.pk for org in page.object_list]
    figures = YearFigures.objects.filter(organization=OuterRef("pk"), fiscal_year=year)
    rows = (
        Organization.objects.filter(pk__in=ids)
        .annotate(
            member_count=Count(
                "memberships",
                filter=Q(memberships__is_active=True, memberships__user__is_active=True),
            ),
            last_activity=Subquery(
                AuditEvent.objects.filter(organization=OuterRef("pk"))
                .order_by("-created_at")
                .values("created_at")[:1]
            ),
            measures_done=Subquery(figures.values("measures_done")[:1]),
            measures_total=Subquery(figures.values("measures_total")[:1]),
            published=Subquery(figures.values("published")[:1]),
        )
        .order_by("name", "id")
    )
    return render(
        request,
        "itatrack/console/list.html",
        {"page": page, "rows": rows, "query": query, "year": year},
    )


@staff_view
def console_new(request: AuthedRequest) -> HttpResponse:
    form = OrganizationSetUpForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            org, invitation = do_set_up_organization(
                form.organization_fields(),
                form.cleaned_data["departments"],
                form.admin(),
                actor=Operator(request.user),
            )
        except ActionError as exc:
            form.add_error(None, str(exc))
        else:
            # Without a mail server the operator hands the one-time link over themself.
            link = ""
            if not mail.delivers() and not invitation.user.has_usable_password():
                link = set_password_url(invitation.user)
            return render(
                request,
                "itatrack/console/created.html",
                {"created": org, "invitation": invitation, "link": link, "mails": mail.delivers()},
            )
    return render(request, "itatrack/console/new.html", {"form": form})


@staff_view
@require_POST
def console_set_active(request: AuthedRequest, slug: str) -> HttpResponse:
    org = get_object_or_404(Organization, slug=slug)
    active = request.POST.get("active") == "1"
    do_set_organization_active(org, active, actor=Operator(request.user))
    text = _("เปิดใช้ %(name)s อีกครั้งแล้ว") if active else _("ระงับ %(name)s แล้ว")
    messages.success(request, text % {"name": org.name})
    return redirect("console")

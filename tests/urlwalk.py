"""Enumerate every URL pattern that lives under an organisation, with real arguments."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from assessments.models import Assessment, Finding, Item, Tool
from itatrack.models import Department, Invitation, Membership, Organization, OutgoingMail
from itatrack.views.history import HISTORY_LOOKUPS
from measures.models import IssueArea, Measure, Plan
from reports.models import Memo, MemoFile, OitEvidence, RouteTemplate

# How to find, for a URL name, an object of the organisation to put in its <pk>.
PK_SOURCES: dict[str, Callable[[Organization], int]] = {
    "department_": lambda org: Department.objects.for_org(org).first().pk,
    "member_": lambda org: Membership.objects.for_org(org).first().pk,
    "assessment_": lambda org: Assessment.objects.for_org(org).first().pk,
    "score_": lambda org: Assessment.objects.for_org(org).first().pk,
    "import_": lambda org: Assessment.objects.for_org(org).first().pk,
    "finding_": lambda org: Finding.objects.for_org(org).first().assessment_id,
    "plan_": lambda org: Plan.objects.for_org(org).first().pk,
    "measure_": lambda org: walked_measure(org).pk,
    "step_": lambda org: walked_measure(org).pk,
    "follow_up_": lambda org: walked_measure(org).pk,
    "issue_area_": lambda org: IssueArea.objects.filter(organization=org).first().pk,
    "memo_": lambda org: Memo.objects.for_org(org).order_by("pk").first().pk,
    "route_template_": lambda org: RouteTemplate.objects.filter(organization=org).first().pk,
    "oit_evidence_": lambda org: OitEvidence.objects.filter(entry__organization=org).first().pk,
    "invitation_": lambda org: (
        Invitation.objects.for_org(org).values_list("pk", flat=True).first() or 0
    ),
    "mail_": lambda org: (
        OutgoingMail.objects.filter(organization=org).values_list("pk", flat=True).first() or 0
    ),
}
# Names whose <pk> is not what their prefix above says.
PK_BY_NAME: dict[str, Callable[[Organization], int]] = {
    "measure_create": lambda org: Plan.objects.for_org(org).first().pk,
}
# History kinds whose pk is not what their prefix above says.
HISTORY_PKS: dict[str, Callable[[Organization], int]] = {
    "finding": lambda org: Finding.objects.for_org(org).first().pk,
}
# Other URL parameters, by name.
PARAM_SOURCES: dict[str, Callable[[Organization], int]] = {
    "finding_pk": lambda org: Finding.objects.for_org(org).first().pk,
    "step_pk": lambda org: walked_measure(org).steps.first().pk,
    "page": lambda org: 1,
    "section_pk": lambda org: Memo.objects.for_org(org).order_by("pk").first().sections.first().pk,
    "year": lambda org: OIT_YEAR,
    "file_pk": lambda org: (
        MemoFile.objects.filter(memo__organization=org).values_list("pk", flat=True).first() or 0
    ),
    "code": lambda org: (
        Item.objects.filter(framework__fiscal_year=OIT_YEAR, indicator__tool=Tool.OIT).first().code
    ),
}
OIT_YEAR = 2569  # the demo's newest framework


def _oit_items():
    return Item.objects.filter(framework__fiscal_year=OIT_YEAR, indicator__tool=Tool.OIT)


def walked_measure(org: Organization) -> Measure:
    """An open measure with steps, so that every measure URL has something to act on."""
    return Measure.objects.for_org(org).open().filter(steps__isnull=False).first()


def walk_patterns(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from walk_patterns(entry, route)
        else:
            yield route, entry


def org_url_names() -> list[tuple[str, set[str]]]:
    found = []
    for route, pattern in walk_patterns(get_resolver()):
        # Only the signed-in area: /p/<org>/ public pages are walked by test_public_urls.
        if route.startswith("o/<slug:org_slug>/") and pattern.name:
            params = set(pattern.pattern.converters) | {"org_slug"}
            found.append((pattern.name, params))
    return found


def org_urls(org: Organization) -> list[str]:
    """Every URL of org, each object URL filled with a real object of org. A URL the walker
    cannot fill fails loudly, so a new URL cannot slip past the isolation tests."""
    urls = []
    for name, params in org_url_names():
        kwargs: dict[str, object] = {"org_slug": org.slug}
        if "pk" in params:
            if name == "object_history":
                for kind in HISTORY_LOOKUPS:
                    pk = HISTORY_PKS.get(kind, PK_SOURCES[f"{kind}_"])(org)
                    urls.append(reverse(name, kwargs={**kwargs, "kind": kind, "pk": pk}))
                continue
            source = PK_BY_NAME.get(name) or next(
                (fn for prefix, fn in PK_SOURCES.items() if name.startswith(prefix)), None
            )
            if source is None:
                raise AssertionError(f"tests/urlwalk.py does not know how to fill <pk> of {name}")
            kwargs["pk"] = source(org)
        for param in params & set(PARAM_SOURCES):
            kwargs[param] = PARAM_SOURCES[param](org)
        unknown = params - {"org_slug", "pk"} - set(PARAM_SOURCES)
        if unknown:
            raise AssertionError(f"tests/urlwalk.py cannot fill {unknown} of {name}")
        urls.append(reverse(name, kwargs=kwargs))
    return urls

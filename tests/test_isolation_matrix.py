"""Who may open what: every URL pattern of the site, for every persona, by GET.

The matrix below names a rule for each URL; a URL added without a rule fails the first test, so
nobody can add a page without saying who may see it. Personas are the demo's: an anonymous
visitor, the outsider (admin of another body), the municipality's clerk, reviewer, executive
and admin, and the provincial supervisor (who only reads, through /s/)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import get_resolver, resolve, reverse

from assessments.models import Item
from itatrack.models import Membership, Organization, Oversight
from measures.access import is_owner
from reports.models import OitEvidence, Publication
from tests.urlwalk import org_urls, walk_patterns, walked_measure

PERSONAS = {
    "anonymous": None,
    "outsider": "outsider",
    "clerk": "clerk",
    "reviewer": "reviewer",
    "executive": "palat",
    "admin": "orgadmin",
    "supervisor": "supervisor",
}
MEMBERS = ("clerk", "reviewer", "executive", "admin")


def rule(default: int, **by_persona: int) -> dict[str, int]:
    return {persona: by_persona.get(persona, default) for persona in PERSONAS}


def org_rule(**members: int) -> dict[str, int]:
    """Inside /o/<org>/: anonymous visitors go to log in; outsiders and supervisors get 404
    (the body's existence is not confirmed); members get what their role allows."""
    return {"anonymous": 302, "outsider": 404, "supervisor": 404, **members}


EVERY_MEMBER = org_rule(clerk=200, reviewer=200, executive=200, admin=200)
STAFF_FORM = org_rule(clerk=200, reviewer=403, executive=403, admin=200)
STAFF_ACTION = org_rule(clerk=405, reviewer=403, executive=403, admin=405)  # POST only
ADMIN_PAGE = org_rule(clerk=403, reviewer=403, executive=403, admin=200)
ADMIN_ACTION = org_rule(clerk=403, reviewer=403, executive=403, admin=405)
MEMBER_ACTION = org_rule(clerk=405, reviewer=405, executive=405, admin=405)  # POST only
AUTHOR_PAGE = org_rule(clerk=200, reviewer=200, executive=403, admin=200)
PUBLIC = rule(200)
SUPERVISOR_ONLY = rule(404, anonymous=302, supervisor=200)
SITE_STAFF = rule(403, anonymous=302)  # frameworks: the installation's own staff

MATRIX: dict[str, dict[str, int]] = {
    # the organisation's working pages
    **dict.fromkeys(
        [
            "org_home",
            "dashboard",
            "assessment_list",
            "assessment_detail",
            "assessment_export_csv",
            "assessment_export_xlsx",
            "finding_list",
            "plan_list",
            "plan_detail",
            "plan_timeline",
            "plan_export_xlsx",
            "measure_detail",
            "my_measures",
            "due_measures",
            "memo_list",
            "memo_detail",
            "memo_pdf",
            "memo_page",
            "memo_final",
            "inbox",
            "oit_workspace",
            "oit_item",
            "oit_checklist",
            "oit_export_csv",
            "oit_export_xlsx",
        ],
        EVERY_MEMBER,
    ),
    "oit_home": org_rule(clerk=302, reviewer=302, executive=302, admin=302),  # to the year
    "oit_check": org_rule(clerk=403, reviewer=405, executive=405, admin=405),  # POST only
    "oit_publish": STAFF_ACTION,
    **dict.fromkeys(
        [
            "assessment_edit",
            "assessment_delete",
            "oit_bulk_plan",
            "plan_delete",
            "memo_delete",
            "score_grid",
            "import_upload",
            "finding_create",
            "finding_edit",
            "finding_card",
            "finding_paste",
            "plan_create",
            "plan_edit",
            "plan_paste",
            "plan_results_paste",
            "measure_create",
            "measure_edit",
            "step_edit",
            "step_row",
        ],
        STAFF_FORM,
    ),
    # Owners report on their own measures: the walked measure belongs to สำนักปลัดเทศบาล, where
    # the reviewer and the ปลัด sit (test_the_walked_measure_is_owned_by_the_reviewers_department).
    "follow_up_add": EVERY_MEMBER,
    **dict.fromkeys(
        [
            "assessment_create",
            "import_confirm",
            "finding_propose",
            "finding_discard",
            "finding_confirm_many",
            "measure_close",
            "measure_cancel",
            "measure_reopen",
            "measure_outcome",
            "step_add",
            "step_delete",
            "oit_evidence_add",
            "oit_evidence_remove",
        ],
        STAFF_ACTION,
    ),
    **dict.fromkeys(
        [
            "organization_edit",
            "organization_history",
            "department_list",
            "department_edit",
            "department_row",
            "member_list",
            "member_add",
            "member_edit",
            "object_history",
            "audit_log",
            "audit_log_xlsx",
            "issue_area_list",
            "issue_area_edit",
            "route_template_list",
            "route_template_create",
            "route_template_edit",
            "certificate",
            "register",
        ],
        ADMIN_PAGE,
    ),
    "member_set_active": ADMIN_ACTION,
    "invitation_resend": ADMIN_ACTION,
    "invitation_cancel": ADMIN_ACTION,
    "mail_resend": ADMIN_ACTION,
    **dict.fromkeys(
        [
            "memo_create",
            "memo_submit",
            "memo_decide",
            "memo_publish",
            "memo_redraft_section",
            "memo_number",
            "memo_file_add",
            "memo_file_remove",
        ],
        MEMBER_ACTION,
    ),
    "memo_route": AUTHOR_PAGE,
    # the demo's memo is approved: its authors are sent back to it, executives may not edit
    "memo_edit": org_rule(clerk=302, reviewer=302, executive=403, admin=302),
    # no result PDF was uploaded for the demo's assessment
    "assessment_pdf": org_rule(clerk=404, reviewer=404, executive=404, admin=404),
    # a supervising office's pages
    "overview": SUPERVISOR_ONLY,
    "overview_csv": SUPERVISOR_ONLY,
    "overview_xlsx": SUPERVISOR_ONLY,
    "overview_org": SUPERVISOR_ONLY,
    # the ITA frameworks, kept by the installation's staff
    # read by anyone signed in
    "framework_list": rule(200, anonymous=302),
    "framework_detail": rule(200, anonymous=302),
    **dict.fromkeys(
        [
            "framework_edit",
            "framework_copy",
            "item_edit",
            "framework_import",
            "framework_import_confirm",
            "framework_confirm",
            "framework_export",
            "indicator_add",
            "indicator_edit",
            "indicator_delete",
            "sub_add",
            "sub_edit",
            "sub_delete",
            "item_add",
            "item_move",
            "item_remove",
            "item_restore",
        ],
        SITE_STAFF,
    ),
    # the year's blank import template, for anyone signed in
    "framework_template_csv": rule(200, anonymous=302),
    "framework_template_xlsx": rule(200, anonymous=302),
    # public: no login
    **dict.fromkeys(
        [
            "transparency",
            "transparency_embed",
            "open_data_json",
            "open_data_csv",
            "public_document",
            "public_document_pdf",
            "verify",
            "public_emblem",
            "ita_page",
            "ita_embed",
            "public_evidence",
            "public_search",
            "site_search",
            "healthz",
        ],
        PUBLIC,
    ),
    "ita_latest": rule(302),  # to the current year's ITA page
    # the shell
    "index": rule(302),  # to the person's organisation, the supervisor's office, or log in
    "switch_org": rule(405),  # POST only
    "login": rule(302, anonymous=200),  # signed-in people are sent on
    "logout": rule(405),  # POST only
    "password_change": rule(200, anonymous=302),
    "password_change_done": rule(200, anonymous=302),
    # self-service password reset, for anyone (a link that is no longer valid says so)
    "password_reset": rule(200),
    "password_reset_done": rule(200),
    "password_reset_confirm": rule(200),
    "password_reset_complete": rule(200),
    # the operators' console (site staff only; nobody here is)
    "console": SITE_STAFF,
    "console_new": SITE_STAFF,
    "console_set_active": SITE_STAFF,
    # the invitations waiting for the signed-in person's answer
    "invitations": rule(200, anonymous=302),
    "set_language": rule(302),
    # the second factor: offered to executives and admins (the outsider admins their own body)
    "two_factor": rule(403, anonymous=302, executive=200, admin=200, outsider=200),
    "two_factor_verify": rule(302),  # nobody here has a device: straight on
    "protected_media": org_rule(clerk=200, reviewer=200, executive=200, admin=200),
}
# Unnamed or included from Django: checked by their own paths.
UNNAMED = {"favicon.ico": rule(302), "django-admin/": rule(302)}


@pytest.fixture
def demo(frameworks):
    call_command("seed_demo", verbosity=0)
    return Organization.objects.get(slug="ban-tuayang")


def site_urls(demo: Organization) -> dict[str, str]:
    """One real URL for every named URL pattern of the site."""
    publication = Publication.objects.filter(organization=demo).first()
    oversight = Oversight.objects.get(slug="lampang")
    item = Item.objects.filter(framework__fiscal_year=2569).first()
    fill: dict[str, Callable[[], str]] = {
        "overview": lambda: reverse("overview", args=[oversight.slug]),
        "overview_csv": lambda: reverse("overview_csv", args=[oversight.slug]),
        "overview_xlsx": lambda: reverse("overview_xlsx", args=[oversight.slug]),
        "overview_org": lambda: reverse("overview_org", args=[oversight.slug, demo.slug]),
        "framework_detail": lambda: reverse("framework_detail", args=[2569]),
        "framework_edit": lambda: reverse("framework_edit", args=[2569]),
        "framework_copy": lambda: reverse("framework_copy", args=[2569]),
        "framework_template_csv": lambda: reverse("framework_template_csv", args=[2569]),
        "framework_template_xlsx": lambda: reverse("framework_template_xlsx", args=[2569]),
        "item_edit": lambda: reverse("item_edit", args=[2569, item.pk]),
        "item_move": lambda: reverse("item_move", args=[2569, item.pk]),
        "item_remove": lambda: reverse("item_remove", args=[2569, item.pk]),
        "item_restore": lambda: reverse("item_restore", args=[2569, item.pk]),
        "item_add": lambda: reverse("item_add", args=[2569]),
        "framework_confirm": lambda: reverse("framework_confirm", args=[2569]),
        "framework_export": lambda: reverse("framework_export", args=[2569]),
        "indicator_add": lambda: reverse("indicator_add", args=[2569]),
        "indicator_edit": lambda: reverse("indicator_edit", args=[2569, item.indicator_id]),
        "indicator_delete": lambda: reverse("indicator_delete", args=[2569, item.indicator_id]),
        "sub_add": lambda: reverse("sub_add", args=[2569, item.indicator_id]),
        "sub_edit": lambda: reverse("sub_edit", args=[2569, 1]),
        "sub_delete": lambda: reverse("sub_delete", args=[2569, 1]),
        "transparency": lambda: reverse("transparency", args=[demo.slug]),
        "transparency_embed": lambda: reverse("transparency_embed", args=[demo.slug]),
        "open_data_json": lambda: reverse("open_data_json", args=[demo.slug]),
        "open_data_csv": lambda: reverse("open_data_csv", args=[demo.slug]),
        "public_emblem": lambda: reverse("public_emblem", args=[demo.slug]),
        "public_document": lambda: reverse("public_document", args=[publication.token]),
        "public_document_pdf": lambda: reverse("public_document_pdf", args=[publication.token]),
        "verify": lambda: reverse("verify", args=[publication.memo.public_token]),
        "protected_media": lambda: demo.emblem.url,
        "password_reset_confirm": lambda: reverse("password_reset_confirm", args=["MQ", "x-y"]),
        "console_set_active": lambda: reverse("console_set_active", args=[demo.slug]),
        "ita_page": lambda: reverse("ita_page", args=[demo.slug, 2569]),
        "ita_latest": lambda: reverse("ita_latest", args=[demo.slug]),
        "public_search": lambda: reverse("public_search", args=[demo.slug]) + "?q=มาตรการ",
        "site_search": lambda: reverse("site_search") + "?q=มาตรการ&year=2569",
        "ita_embed": lambda: reverse("ita_embed", args=[demo.slug, 2569]),
        "public_evidence": lambda: reverse(
            "public_evidence",
            args=[
                OitEvidence.objects.public()
                .filter(entry__organization=demo)
                .exclude(file="")[0]
                .token
            ],
        ),
    }
    urls = {}
    for url in org_urls(demo):
        urls.setdefault(resolve(url).url_name, url)
    for route, pattern in walk_patterns(get_resolver()):
        name = pattern.name
        if not name or name in urls or route.startswith("django-admin/"):
            continue
        urls[name] = fill[name]() if name in fill else reverse(name)
    return urls


def every_named_route() -> set[str]:
    return {
        pattern.name
        for route, pattern in walk_patterns(get_resolver())
        if pattern.name and not route.startswith("django-admin/")
    }


def test_every_url_of_the_site_has_a_rule():
    assert every_named_route() - set(MATRIX) == set(), "add the new URLs to MATRIX"
    assert set(MATRIX) - every_named_route() == set(), "MATRIX names URLs that are gone"


def test_the_walked_measure_is_owned_by_the_reviewers_department(demo):
    reviewer = Membership.objects.get(organization=demo, user__username="reviewer")
    assert is_owner(reviewer, walked_measure(demo)), "follow_up_add's rule assumes it"


def test_each_persona_gets_exactly_what_its_rule_allows(demo):
    urls = site_urls(demo)
    wrong = {}
    for persona, username in PERSONAS.items():
        client = Client()
        if username:
            client.force_login(get_user_model().objects.get(username=username))
        got = {name: client.get(url).status_code for name, url in urls.items()}
        got |= {path: client.get(f"/{path}").status_code for path in UNNAMED}
        wanted = {name: MATRIX[name][persona] for name in urls}
        wanted |= {path: UNNAMED[path][persona] for path in UNNAMED}
        wrong |= {
            f"{persona} {name}": (got[name], wanted[name])
            for name in got
            if got[name] != wanted[name]
        }
    assert wrong == {}, "(got, rule)"

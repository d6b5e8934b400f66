"""Every page type passes axe-core with no serious or critical violation, in Chromium, as the
people who use it: the org admin inside, a citizen outside. axe-core is fetched by `make test`
(npm) and served by the app itself, the only scripts its CSP allows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User

from assessments.models import Assessment
from measures.models import Plan
from reports.models import Memo, Publication
from tests.browser import chromium, log_in, new_page

pytestmark = pytest.mark.django_db(transaction=True)

AXE_VERSION = "4.14.1"  # as the Makefile fetches it
AXE = Path(settings.BASE_DIR) / "static" / "vendor" / "axe" / f"axe-{AXE_VERSION}.min.js"
SLUG = "ban-tuayang"
IMPORT_CSV = "รหัส,รายการ,คะแนน\nI1,,๘๐\nI99,,70\n".encode()
RUN = r"""async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,
                first: v.nodes[0].target.join(" "),
                summary: v.nodes[0].failureSummary.split("\n").slice(0, 2).join(" ")}));
}"""


def inside_pages() -> dict[str, str]:
    assessment = Assessment.objects.filter(organization__slug=SLUG).by_year().first()
    plan = Plan.objects.get(organization__slug=SLUG, fiscal_year=2570)
    measure = plan.measures.first()
    memo = Memo.objects.filter(organization__slug=SLUG, status=Memo.Status.SUBMITTED).first()
    o = f"/o/{SLUG}"
    return {
        "home": f"{o}/",
        "assessments": f"{o}/assessments/",
        "assessment": f"{o}/assessments/{assessment.pk}/",
        "score grid": f"{o}/assessments/{assessment.pk}/scores/",
        "import": f"{o}/assessments/{assessment.pk}/import/",
        "findings": f"{o}/assessments/{assessment.pk}/findings/",
        "findings paste": f"{o}/assessments/{assessment.pk}/findings/paste/",
        "plans": f"{o}/plans/",
        "plan": f"{o}/plans/{plan.pk}/",
        "measures paste": f"{o}/plans/{plan.pk}/paste/",
        "timeline": f"{o}/plans/{plan.pk}/timeline/",
        "due": f"{o}/measures/due/",
        "measure": f"{o}/measures/{measure.pk}/",
        "measure edit": f"{o}/measures/{measure.pk}/edit/",
        "my measures": f"{o}/measures/mine/",
        "memos": f"{o}/memos/",
        "memo": f"{o}/memos/{memo.pk}/",
        "memo edit": f"{o}/memos/{memo.pk}/route/",
        "inbox": f"{o}/memos/inbox/",
        "oit": f"{o}/oit/2569/",
        "members": f"{o}/members/",
        "departments": f"{o}/departments/",
        "settings": f"{o}/settings/",
        "audit": f"{o}/audit/",
        "history": f"{o}/history/measure/{measure.pk}/",
        "member invite": f"{o}/members/add/",
        "invitations": "/invitations/",
        "console": "/ops/",
        "console new": "/ops/new/",
    }


def outside_pages() -> dict[str, str]:
    publication = Publication.objects.filter(organization__slug=SLUG).first()
    return {
        "login": "/accounts/login/",
        "forgot password": "/accounts/password/reset/",
        "public list": f"/p/{SLUG}/",
        "public document": f"/d/{publication.token}/",
        "verify": f"/v/{publication.memo.public_token}/",
        "ita page": f"/p/{SLUG}/ita/2569/",
        "embed": f"/p/{SLUG}/embed/",
        "ita embed": f"/p/{SLUG}/ita/2569/embed/",
    }


def violations(page, base: str, path: str) -> list[dict]:
    page.goto(f"{base}{path}")
    page.wait_for_load_state("networkidle")
    assert "/accounts/login/" not in page.url or path == "/accounts/login/", path
    page.add_script_tag(url=f"{base}/static/vendor/axe/{AXE.name}")
    return page.evaluate(RUN)


def test_every_page_type_has_no_serious_or_critical_accessibility_violation(demo_server):
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: `make test` fetches axe-core {AXE_VERSION} with npm")
    found: dict[str, list[dict]] = {}
    with chromium() as browser:
        admin = new_page(browser)
        # The organisation admin is also site staff here, to walk the operators' console.
        User.objects.filter(username="orgadmin").update(is_staff=True)
        log_in(admin, demo_server, "orgadmin", "itatrack-demo")
        for name, path in inside_pages().items():
            if problems := violations(admin, demo_server, path):
                found[name] = problems
        # The import preview: a file with a problem row, as the page shows it.
        admin.goto(f"{demo_server}{inside_pages()['import']}")
        admin.set_input_files(
            "input[type=file]",
            files=[{"name": "ita.csv", "mimeType": "text/csv", "buffer": IMPORT_CSV}],
        )
        admin.get_by_role("button", name="ตรวจไฟล์").click()
        admin.wait_for_load_state("networkidle")
        admin.add_script_tag(url=f"{demo_server}/static/vendor/axe/{AXE.name}")
        if problems := admin.evaluate(RUN):
            found["import preview"] = problems
        citizen = new_page(browser, 390, 844)
        for name, path in outside_pages().items():
            if problems := violations(citizen, demo_server, path):
                found[name] = problems
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)

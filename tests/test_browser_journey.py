"""One body's whole ITA year in Chromium, done by its own people on a live server.

The admin sets up signing and the approval route; the clerk imports the year's result from the
downloaded template, confirms findings, pastes the measures table, drafts the analysis memo
and submits it; the reviewer sends it back with a comment, the clerk mends and resubmits, the
reviewer endorses and the executive approves; the memo is signed and published, and a citizen
finds it, downloads it and verifies it. Later the clerk reports follow-ups with evidence,
closes a measure, and the results memo goes the same way. Every step leaves a screenshot in
test-artifacts/journey/.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from concurrent.futures import ThreadPoolExecutor

import pdfplumber
import pytest
from PIL import Image

from assessments.models import Assessment, Finding
from itatrack.models import AuditEvent, Department
from itatrack.thai import to_thai_digits
from measures.models import Measure, Plan
from reports import signing
from reports.models import Memo, Publication, SigningCertificate
from reports.pdf import page_count, page_png
from tests.assessment_helpers import fill_template, framework, sample_sheet
from tests.browser import ARTIFACTS, chromium, log_in, new_page, screenshot
from tests.conftest import PASSWORD
from tests.measure_helpers import memo_measures_table

pytestmark = pytest.mark.django_db(transaction=True)

SLUG = "ban-thotsob"
ASSESSED, PLANNED = 2568, 2569
CERT_PASSWORD = "p12-journey-secret"


@pytest.fixture
def base(browser_server, personas) -> str:
    """A fresh body with no result yet: the owners' departments the pasted table names."""
    for name in ("กองคลัง", "กองช่าง"):
        Department.objects.create(organization=personas.org, name=name)
    return browser_server


class Journey:
    """The people of ทต.บ้านทดสอบ, each at a browser of their own, and the steps they take."""

    def __init__(self, browser, base: str, tmp_path) -> None:
        self.browser, self.base, self.tmp = browser, base, tmp_path
        self.pages: dict[str, object] = {}
        self.shots = 0

    def _open(self, who: str, width: int = 1280, height: int = 900):
        page = self.pages[who] = new_page(self.browser, width, height)
        page.set_default_timeout(15_000)
        return page

    def as_(self, username: str):
        if username not in self.pages:
            page = self._open(username)
            log_in(page, self.base, username, PASSWORD)
            assert "/accounts/login/" not in page.url, f"{username} could not log in"
        return self.pages[username]

    def anonymous(self):
        return self.pages.get("citizen") or self._open("citizen", 390, 844)

    def go(self, page, path: str) -> None:
        page.goto(f"{self.base}{path}")
        page.wait_for_load_state("networkidle")

    def press(self, page, name: str) -> None:
        page.get_by_role("button", name=name, exact=True).click()
        page.wait_for_load_state("networkidle")

    def artifact(self, name: str) -> str:
        """The next numbered name under test-artifacts/journey/, so files sort by step."""
        self.shots += 1
        (ARTIFACTS / "journey").mkdir(parents=True, exist_ok=True)
        return f"journey/{self.shots:02d}-{name}"

    def snap(self, page, name: str) -> None:
        screenshot(page, self.artifact(name))

    def main_text(self, page) -> str:
        return page.locator("main").inner_text()

    def console_errors(self) -> dict[str, list[str]]:
        return {who: page.console_errors for who, page in self.pages.items() if page.console_errors}


def test_a_body_runs_its_whole_ita_year_in_the_browser(base, personas, tmp_path):
    with chromium() as browser:
        journey = Journey(browser, base, tmp_path)
        admin_prepares_signing_and_route(journey, personas)
        assessment = clerk_imports_the_result(journey)
        clerk_confirms_findings(journey, assessment)
        plan = clerk_pastes_the_measures(journey, assessment)
        analysis = memo_goes_through_the_chain(journey, personas, "analysis", assessment, plan)
        first = publish_and_verify(journey, analysis, oit_code="O25")
        clerk_follows_up(journey, plan)
        results = memo_goes_through_the_chain(journey, personas, "results", None, plan)
        # The results of plan 2569 are read by ITA 2570's results item, whose year has no
        # framework here: it is filed under 2570 with no item until the year's items exist.
        second = publish_and_verify(journey, results, oit_code="")
        assert second.fiscal_year == PLANNED + 1
        citizen_sees_both_documents(journey, first, second)
        assert journey.console_errors() == {}
    assert_every_change_was_audited(personas)


def admin_prepares_signing_and_route(journey: Journey, personas) -> None:
    page = journey.as_("orgadmin")
    emblem = journey.tmp / "emblem.png"
    Image.new("RGB", (200, 200), "#1f4e79").save(emblem)
    journey.go(page, f"/o/{SLUG}/settings/")
    page.set_input_files("#id_emblem", str(emblem))
    journey.press(page, "บันทึก")
    assert "บันทึกข้อมูลหน่วยงานแล้ว" in journey.main_text(page)

    p12 = journey.tmp / "ban-thotsob.p12"
    p12.write_bytes(signing.self_signed_p12(personas.org.name, CERT_PASSWORD))
    journey.go(page, f"/o/{SLUG}/signing/")
    page.set_input_files("#id_file", str(p12))
    page.fill("#id_password", CERT_PASSWORD)
    journey.press(page, "บันทึกใบรับรอง")
    assert "บันทึกใบรับรองแล้ว" in journey.main_text(page)
    assert personas.org.name in journey.main_text(page)
    journey.snap(page, "admin-certificate")

    journey.go(page, f"/o/{SLUG}/routes/new/")
    page.fill("#id_name", "หัวหน้าสำนักปลัด → นายก")
    page.check("#id_is_default")
    page.select_option("#id_r-0-member", str(personas.reviewer.pk))
    page.select_option("#id_r-0-verb", "endorse")
    page.select_option("#id_r-1-member", str(personas.executive.pk))
    page.select_option("#id_r-1-verb", "approve")
    journey.snap(page, "admin-route")
    journey.press(page, "บันทึก")
    assert "บันทึกเส้นทางแล้ว" in journey.main_text(page)
    assert SigningCertificate.objects.filter(organization=personas.org).exists()


def clerk_imports_the_result(journey: Journey) -> Assessment:
    page = journey.as_("clerk")
    journey.go(page, f"/o/{SLUG}/assessments/")
    page.select_option("#id_framework", str(framework(ASSESSED).pk))
    journey.press(page, "สร้าง")
    assert page.url.endswith("/scores/")
    assessment = Assessment.objects.get(organization__slug=SLUG)

    journey.go(page, f"/o/{SLUG}/assessments/{assessment.pk}/import/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (.xlsx)").click()
    template = download.value.path().read_bytes()
    filled = journey.tmp / "ita-2568.xlsx"
    filled.write_bytes(fill_template(template, sample_sheet(framework(ASSESSED))))
    page.set_input_files("input[type=file]", str(filled))
    journey.press(page, "ตรวจไฟล์")
    assert "ไฟล์ถูกต้อง" in journey.main_text(page)
    journey.snap(page, "clerk-import-preview")
    journey.press(page, "ยืนยันนำเข้า")

    assert page.url.endswith(f"/assessments/{assessment.pk}/")
    text = journey.main_text(page)
    assert "๘๖.๔๑" in text, text[:800]
    journey.snap(page, "clerk-assessment")
    assessment.refresh_from_db()
    assert str(assessment.total_score) == "86.41"
    return assessment


def clerk_confirms_findings(journey: Journey, assessment: Assessment) -> None:
    page = journey.as_("clerk")
    journey.go(page, f"/o/{SLUG}/assessments/{assessment.pk}/findings/")
    journey.press(page, "ให้ระบบเสนอข้อค้นพบจากคะแนน")
    proposed = list(assessment.findings.filter(state=Finding.State.PROPOSED)[:2])
    assert len(proposed) == 2, "the result has questions below the pass mark"
    for finding, cause in zip(
        proposed, ["ขาดการสื่อสารภายในหน่วยงาน", "ยังไม่มีคู่มือที่เผยแพร่"], strict=True
    ):
        card = page.locator(f"#finding-{finding.pk}")
        card.get_by_role("link", name="ตรวจและยืนยัน").click()
        card.locator("textarea[name=root_cause]").fill(cause)
        card.get_by_role("button", name="ยืนยัน").click()
        page.wait_for_selector(f"#finding-{finding.pk} >> text={cause}")
    journey.snap(page, "clerk-findings")
    assert assessment.findings.filter(state=Finding.State.CONFIRMED).count() == 2


def clerk_pastes_the_measures(journey: Journey, assessment: Assessment) -> Plan:
    page = journey.as_("clerk")
    journey.go(page, f"/o/{SLUG}/plans/new/")
    page.fill("#id_fiscal_year", str(PLANNED))
    page.select_option("#id_assessment", label=to_thai_digits(ASSESSED))
    page.fill("#id_meeting_date", "2025-10-20")
    page.fill("#id_meeting_participants", "คณะทำงานส่งเสริมคุณธรรมและความโปร่งใส")
    journey.press(page, "บันทึก")
    plan = Plan.objects.get(organization__slug=SLUG, fiscal_year=PLANNED)
    assert page.url.endswith(f"/plans/{plan.pk}/")

    journey.go(page, f"/o/{SLUG}/plans/{plan.pk}/paste/")
    # The sample table of a 2566 plan, its years moved to this plan's.
    table = memo_measures_table().replace("2566", "2569").replace(".66", ".69")
    page.locator("#id_text").fill(table.replace("ITA 2565", f"ITA {ASSESSED}"))
    journey.press(page, "ตรวจตาราง")
    assert "อ่านได้ ๔ มาตรการ" in journey.main_text(page)
    for select in page.locator("select[name^=resolve_]").all():
        select.select_option(index=1)  # an ambiguous code: the first reading offered
    journey.snap(page, "clerk-paste-preview")
    journey.press(page, "ยืนยันเพิ่ม ๔ มาตรการ")
    assert page.url.endswith(f"/plans/{plan.pk}/")
    journey.snap(page, "clerk-plan")
    assert plan.measures.count() == 4
    year_start, year_end = dt.date(2025, 10, 1), dt.date(2026, 9, 30)
    for measure in plan.measures.all():
        assert year_start <= measure.start_date <= measure.end_date <= year_end, measure
    return plan


def memo_goes_through_the_chain(
    journey: Journey, personas, kind: str, assessment: Assessment | None, plan: Plan
) -> Memo:
    """Drafted by the clerk, returned once by the reviewer with a comment, mended and
    resubmitted, endorsed, approved by the executive."""
    page = journey.as_("clerk")
    journey.go(page, f"/o/{SLUG}/memos/")
    page.select_option("#id_kind", kind)
    if assessment is not None:
        page.select_option("#id_assessment", label=f"ITA {to_thai_digits(assessment.fiscal_year)}")
    page.select_option("#id_plan", label=f"มาตรการปี {to_thai_digits(plan.fiscal_year)}")
    journey.press(page, "สร้างร่าง")
    assert page.url.endswith("/edit/"), journey.main_text(page)[:500]
    memo = Memo.objects.for_org(personas.org).get(kind=kind)
    journey.snap(page, f"{kind}-draft")
    journey.press(page, "บันทึก")
    text = journey.main_text(page)
    assert "บันทึกแล้ว" in text and "นายตรวจ ทดสอบ" in text and "นายบริหาร ทดสอบ" in text
    journey.press(page, "เสนอ")
    memo.refresh_from_db()
    assert memo.status == Memo.Status.SUBMITTED and memo.number is not None
    assert f"เสนอแล้ว ที่ {memo.number_text}" in journey.main_text(page)
    journey.snap(page, f"{kind}-submitted")

    reason = "ขอให้ระบุวันที่ประชุมคณะทำงานในข้อเท็จจริงด้วย"
    decide(journey, "reviewer", memo, "ตีกลับให้แก้ไข", reason)
    memo.refresh_from_db()
    assert memo.status == Memo.Status.RETURNED

    journey.go(page, f"/o/{SLUG}/memos/{memo.pk}/")
    assert reason in journey.main_text(page)
    page.get_by_role("link", name="แก้ไขข้อความ").click()
    facts = page.locator("#id_s-1-text" if kind == "results" else "#id_s-2-text")
    added = "คณะทำงานได้ประชุมพิจารณาเมื่อวันที่ ๒๐ ตุลาคม ๒๕๖๘"
    facts.fill(f"{facts.input_value()}\n{added}")
    journey.press(page, "บันทึก")
    assert added in journey.main_text(page)
    number = memo.number
    journey.press(page, "เสนออีกครั้ง")
    journey.snap(page, f"{kind}-resubmitted")
    memo.refresh_from_db()
    assert memo.status == Memo.Status.SUBMITTED and memo.round == 2
    assert memo.number == number, "a resubmitted memo keeps its ที่ number"

    decide(journey, "reviewer", memo, "เห็นชอบ/อนุมัติ", "ตรวจแล้ว เห็นควรเสนอนายกพิจารณา")
    decide(journey, "executive", memo, "เห็นชอบ/อนุมัติ", "อนุมัติ ให้เผยแพร่บนเว็บไซต์")
    memo.refresh_from_db()
    assert memo.status == Memo.Status.APPROVED and memo.pdf_sha256
    assert added in memo.final_text
    return memo


def decide(journey: Journey, username: str, memo: Memo, decision: str, comment: str) -> None:
    """From the person's inbox, as they would: open the memo, read it, decide."""
    page = journey.as_(username)
    journey.go(page, f"/o/{SLUG}/memos/inbox/")
    page.get_by_text(memo.subject[:30]).first.click()
    page.wait_for_load_state("networkidle")
    page.get_by_label(decision).check()
    page.locator("textarea[name=comment]").fill(comment)
    page.locator("#decide").scroll_into_view_if_needed()
    journey.snap(page, f"{memo.kind}-{username}-decides")
    journey.press(page, "บันทึกการพิจารณา")
    assert memo.number_text in journey.main_text(page)  # the confirmation names the memo
    journey.press(page, f"ยืนยัน: {decision}")
    assert page.url.endswith("/memos/inbox/")
    assert "บันทึกการพิจารณาแล้ว" in journey.main_text(page)


def publish_and_verify(journey: Journey, memo: Memo, *, oit_code: str) -> Publication:
    """The clerk sees it waiting for an executive, who signs and publishes; a citizen on a
    phone finds the document, downloads it, follows the verification link printed on it and
    checks the file they hold."""
    clerk = journey.as_("clerk")
    journey.go(clerk, f"/o/{SLUG}/memos/{memo.pk}/")
    assert "รอผู้บริหารหรือผู้ดูแลหน่วยงานลงนามและเผยแพร่" in journey.main_text(clerk)
    page = journey.as_("executive")
    journey.go(page, f"/o/{SLUG}/memos/{memo.pk}/")
    journey.press(page, "ลงนามและเผยแพร่")
    assert "เผยแพร่แล้ว (ลงนามดิจิทัลแล้ว)" in journey.main_text(page)
    publication = Publication.objects.get(memo=memo)
    assert publication.signed and publication.oit_code == oit_code
    link = page.get_by_role("link", name=f"/d/{publication.token}/")
    assert link.inner_text().endswith(f"/d/{publication.token}/")
    journey.snap(page, f"{memo.kind}-published")

    citizen = journey.anonymous()
    journey.go(citizen, f"/p/{SLUG}/")
    listing = journey.main_text(citizen)
    assert "ปีงบประมาณ ๒๕๖๙" in listing and oit_code in listing and "ลงนามแล้ว" in listing
    citizen.get_by_role("link", name=publication.title[:20]).first.click()
    citizen.wait_for_load_state("networkidle")
    assert citizen.url.endswith(f"/d/{publication.token}/")
    href = citizen.get_by_role("link", name="ดาวน์โหลด PDF").get_attribute("href")
    response = citizen.request.get(f"{journey.base}{href}")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    signed = response.body()
    assert hashlib.sha256(signed).hexdigest() == publication.sha256
    with memo.pdf.open("rb") as kept:
        assert signed.startswith(kept.read()), "signing appends; the approved bytes stay"
    certificate = (journey.tmp / "ban-thotsob.p12").read_bytes()
    # pyHanko runs its own asyncio loop, which cannot nest in Playwright's: another thread.
    with ThreadPoolExecutor(1) as thread:
        trust = signing.read_p12(certificate, CERT_PASSWORD).der
        check = thread.submit(signing.validate, signed, trust).result()
    assert check.ok, check
    assert f"/v/{memo.public_token}/" in pdf_text(signed), "the verification link is printed"
    save_pages(journey, signed, f"{memo.kind}-pdf")

    journey.go(citizen, f"/v/{memo.public_token}/")
    verdict = journey.main_text(citizen)
    assert "ถูกต้อง: เอกสารไม่ถูกแก้ไขหลังลงนาม" in verdict
    assert "นายตรวจ ทดสอบ" in verdict and "นายบริหาร ทดสอบ" in verdict
    held = journey.tmp / f"{memo.kind}.pdf"
    held.write_bytes(signed)
    citizen.set_input_files("input[name=file]", str(held))
    journey.press(citizen, "ตรวจไฟล์")
    assert "ตรงกัน: ไฟล์นี้คือฉบับที่เผยแพร่" in journey.main_text(citizen)
    journey.snap(citizen, f"{memo.kind}-verified")
    altered = journey.tmp / f"{memo.kind}-altered.pdf"
    altered.write_bytes(signed.replace(b"/Producer", b"/Produced", 1))
    citizen.set_input_files("input[name=file]", str(altered))
    journey.press(citizen, "ตรวจไฟล์")
    assert "ไม่ตรงกัน" in journey.main_text(citizen)
    return publication


def pdf_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(p.extract_text() or "" for p in document.pages)


def save_pages(journey: Journey, pdf: bytes, name: str) -> None:
    """Every page of the published PDF as a PNG beside the screenshots, to be looked at."""
    stem = journey.artifact(name)
    for index in range(page_count(pdf)):
        (ARTIFACTS / f"{stem}-page{index + 1}.png").write_bytes(page_png(pdf, index))


def clerk_follows_up(journey: Journey, plan: Plan) -> None:
    """Months later: a report with evidence on the first measure, which is then closed; a
    report half way on the second."""
    page = journey.as_("clerk")
    first, second = plan.measures.order_by("number")[:2]
    evidence = journey.tmp / "ภาพกิจกรรม.png"
    Image.new("RGB", (640, 480), "#eeeeee").save(evidence)
    for measure, progress in ((first, 100), (second, 50)):
        journey.go(page, f"/o/{SLUG}/measures/{measure.pk}/")
        page.get_by_role("link", name="รายงานผล").click()
        page.fill("#id_date", "2026-06-15")
        page.fill("#id_text", f"ดำเนินการตามขั้นตอนแล้ว ความก้าวหน้าร้อยละ {progress}")
        page.fill("#id_progress", str(progress))
        if progress == 100:
            page.set_input_files("#id_files", str(evidence))
        journey.press(page, "บันทึก")
        assert page.url.endswith(f"/measures/{measure.pk}/")
    journey.go(page, f"/o/{SLUG}/measures/{first.pk}/")
    assert "ภาพกิจกรรม.png" in journey.main_text(page)
    page.locator("form[action$='/close/'] textarea").fill("ดำเนินการแล้วเสร็จตามแผน")
    journey.press(page, "ปิดมาตรการ")
    journey.snap(page, "clerk-measure-closed")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Measure.Status.DONE
    assert second.status == Measure.Status.IN_PROGRESS
    assert first.follow_ups.get().evidence.get().original_name == "ภาพกิจกรรม.png"

    journey.go(page, f"/o/{SLUG}/dashboard/")
    journey.snap(page, "clerk-dashboard")


def citizen_sees_both_documents(journey: Journey, first: Publication, second: Publication) -> None:
    citizen = journey.anonymous()
    journey.go(citizen, f"/p/{SLUG}/")
    journey.snap(citizen, "citizen-transparency-page")
    listing = journey.main_text(citizen)
    assert first.title[:40] in listing and second.title[:40] in listing
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 390
    documents = citizen.request.get(f"{journey.base}/p/{SLUG}/documents.json").json()
    assert {d["sha256"] for d in documents["documents"]} == {first.sha256, second.sha256}


def assert_every_change_was_audited(personas) -> None:
    """Each state change of the year left an event naming who made it."""
    events = AuditEvent.objects.for_org(personas.org)
    by = {
        "certificate.upload": personas.admin,
        "route_template.save": personas.admin,
        "assessment.import": personas.clerk,
        "finding.propose": personas.clerk,
        "finding.update": personas.clerk,
        "measure.import": personas.clerk,
        "memo.submit": personas.clerk,
        "memo.return": personas.reviewer,
        "memo.approve": personas.executive,
        "memo.publish": personas.executive,
        "followup.add": personas.clerk,
        "measure.close": personas.clerk,
    }
    for verb, member in by.items():
        assert events.filter(verb=verb, actor=member.user).exists(), verb
    assert events.filter(verb="memo.approve", actor=personas.reviewer.user).count() == 2
    assert events.filter(verb="memo.publish").count() == 2

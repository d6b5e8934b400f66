"""A memo over a plan of 10,000 measures: every page answers at once, and what cannot be made
into one document is refused in Thai, never left to a worker timeout."""

from __future__ import annotations

from unittest import mock

import pytest
from django.urls import reverse

from measures.models import Measure, Plan
from reports import limits, pdf
from reports.access import current_step
from reports.actions import Decision, do_decide, do_submit_memo
from reports.models import ApprovalStep, Memo
from tests.memo_helpers import analysis_memo
from tests.worker import run_tasks

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frameworks")]
REFUSAL = "เกินกว่าที่บันทึกข้อความหนึ่งฉบับจะแนบได้"


def _grow(plan: Plan, total: int) -> None:
    first = plan.measures.count() + 1
    Measure.objects.bulk_create(
        Measure(plan=plan, number=n, title=f"มาตรการนำเข้าลำดับที่ {n}")
        for n in range(first, total + 1)
    )


@pytest.fixture
def huge(personas) -> Memo:
    memo = analysis_memo(personas, 1)
    _grow(memo.plan, 10_000)
    return memo


def _no_attachment_layout():
    return mock.patch(
        "reports.attachments.build", side_effect=AssertionError("laid out the attachments")
    )


def test_the_memo_page_opens_with_the_memo_itself_and_says_why_it_is_too_large(personas, huge):
    client = personas.client_for(personas.reviewer)
    with _no_attachment_layout():
        page = client.get(reverse("memo_detail", args=[personas.org.slug, huge.pk]))
        image = client.get(reverse("memo_page", args=[personas.org.slug, huge.pk, 1]))
    text = page.content.decode()
    assert page.status_code == 200
    assert REFUSAL in text and "๑๐,๐๐๐" in text
    assert image.status_code == 200 and image["Content-Type"] == "image/png"


def test_the_whole_pdf_is_refused_in_thai(personas, huge):
    client = personas.client_for(personas.reviewer)
    with _no_attachment_layout():
        response = client.get(reverse("memo_pdf", args=[personas.org.slug, huge.pk]))
    assert response.status_code == 302
    assert REFUSAL in client.get(response["Location"]).content.decode()


def test_a_new_memo_over_the_plan_is_refused_in_thai(personas, huge):
    client = personas.client_for(personas.clerk)
    response = client.post(
        reverse("memo_create", args=[personas.org.slug]),
        {"kind": Memo.Kind.RESULTS, "plan": huge.plan.pk},
        follow=True,
    )
    assert REFUSAL in response.content.decode()
    assert Memo.objects.count() == 1


def test_submitting_it_is_refused_in_thai(personas, huge):
    client = personas.client_for(personas.clerk)
    response = client.post(reverse("memo_submit", args=[personas.org.slug, huge.pk]), follow=True)
    assert REFUSAL in response.content.decode()
    huge.refresh_from_db()
    assert huge.status == Memo.Status.DRAFT and huge.number is None


def test_the_final_approval_of_a_plan_grown_since_submission_is_refused_in_thai(personas):
    memo = analysis_memo(personas, 1)
    memo = do_submit_memo(memo, actor=personas.clerk)
    do_decide(current_step(memo), Decision.APPROVE, "เห็นชอบ", actor=personas.reviewer)
    _grow(memo.plan, 10_000)
    client = personas.client_for(personas.executive)
    with _no_attachment_layout():
        response = client.post(
            reverse("memo_decide", args=[personas.org.slug, memo.pk]),
            {"decision": Decision.APPROVE, "comment": "อนุมัติ", "confirmed": "1"},
            follow=True,
        )
    assert REFUSAL in response.content.decode()
    memo.refresh_from_db()
    assert memo.status == Memo.Status.SUBMITTED and not memo.public_token
    assert current_step(memo).member == personas.executive
    assert not ApprovalStep.objects.filter(
        memo=memo, state=ApprovalStep.State.APPROVED, member=personas.executive
    ).exists()


def test_a_plan_at_the_limit_is_approved_and_kept_by_the_worker(personas):
    memo = analysis_memo(personas, 1)
    _grow(memo.plan, limits.MAX_MEASURES)
    do_submit_memo(memo, actor=personas.clerk)
    for actor in (personas.reviewer, personas.executive):
        memo.refresh_from_db()
        do_decide(current_step(memo), Decision.APPROVE, "เห็นชอบ", actor=actor)
    run_tasks()
    memo.refresh_from_db()
    assert memo.status == Memo.Status.APPROVED and memo.pdf
    assert pdf.page_count(memo.pdf.read()) > 10


def test_a_large_draft_previews_its_own_pages_without_the_attachments(personas):
    memo = analysis_memo(personas, 1)
    _grow(memo.plan, limits.PREVIEW_MEASURES + 1)
    client = personas.client_for(personas.reviewer)
    with _no_attachment_layout():
        text = client.get(reverse("memo_detail", args=[personas.org.slug, memo.pk])).content
    assert "ตัวอย่างนี้แสดงเฉพาะตัวบันทึกข้อความ" in text.decode()
    assert REFUSAL not in text.decode()
    whole = client.get(reverse("memo_pdf", args=[personas.org.slug, memo.pk]))
    assert whole.status_code == 200 and pdf.page_count(whole.content) > 3

from __future__ import annotations

import pytest
from django.urls import reverse

from reports.models import ApprovalStep, Memo, RouteTemplate
from tests.memo_helpers import analysis_memo, memo_edit_data, plan_with_measures


@pytest.fixture
def memo(personas, frameworks):
    return analysis_memo(personas)


def test_a_memo_is_drafted_from_the_data_in_thai(personas, frameworks):
    plan = plan_with_measures(personas.org)
    response = personas.client_for(personas.clerk).post(
        reverse("memo_create", args=[personas.org.slug]),
        {"kind": "analysis", "assessment": plan.assessment.pk, "plan": plan.pk},
    )
    memo = Memo.objects.get()
    assert response["Location"] == reverse("memo_edit", args=[personas.org.slug, memo.pk])
    assert memo.subject.startswith("รายงานผลการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส")
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๕" in memo.subject
    text = "\n".join(s.text for s in memo.sections.all())
    assert "ได้คะแนนรวม ๘๖.๔๑ คะแนน อยู่ในระดับ A ผ่านเกณฑ์" in text
    assert "จำนวน ๔ มาตรการ" in text
    # the analysis of ITA 2565 with the measures for 2566 answers ITA 2566's measures item
    assert "ตามรายการ O42 มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" in text
    assert "ของการประเมิน ITA ประจำปี พ.ศ. ๒๕๖๖" in text
    assert [s.heading for s in memo.sections.all()] == [
        "๑. เรื่องเดิม",
        "๒. ข้อเท็จจริง",
        "๓. ข้อพิจารณา",
        "๔. ข้อเสนอ",
    ]
    assert (memo.oit_year, memo.oit_code) == (2566, "O42")
    assert memo.attachments == ["scores", "analysis", "measures"]


def test_a_results_memo_needs_a_plan(personas, frameworks):
    response = personas.client_for(personas.clerk).post(
        reverse("memo_create", args=[personas.org.slug]), {"kind": "results"}, follow=True
    )
    assert "บันทึกรายงานผลต้องเลือกแผนมาตรการ" in response.content.decode()
    assert not Memo.objects.exists()


def test_the_author_edits_sections_and_the_version_guards_the_edit(personas, memo):
    client = personas.client_for(personas.clerk)
    url = reverse("memo_edit", args=[personas.org.slug, memo.pk])
    data = memo_edit_data(personas, client.get(url).context["form"])
    assert client.post(url, data).status_code == 302
    memo.refresh_from_db()
    assert memo.subject == "เรื่องใหม่" and memo.signer == personas.reviewer
    assert [s.paragraphs for s in memo.sections.all()] == [["ย่อหน้าหนึ่ง", "ย่อหน้าสอง"]]
    stale = client.post(url, {**data, "subject": "ฉบับเก่า"})
    assert "มีผู้อื่นบันทึกบันทึกข้อความนี้" in stale.content.decode()
    memo.refresh_from_db()
    assert memo.subject == "เรื่องใหม่"


def test_the_whole_chain_through_the_pages(personas, memo, client):
    slug = personas.org.slug
    clerk = personas.client_for(personas.clerk)
    clerk.post(reverse("memo_submit", args=[slug, memo.pk]))
    memo.refresh_from_db()
    assert memo.status == Memo.Status.SUBMITTED
    assert clerk.get(reverse("memo_edit", args=[slug, memo.pk]), follow=True).redirect_chain

    reviewer = personas.client_for(personas.reviewer)
    inbox = reviewer.get(reverse("inbox", args=[slug])).content.decode()
    assert memo.subject[:40] in inbox
    page = reviewer.get(reverse("memo_detail", args=[slug, memo.pk])).content.decode()
    assert 'name="decision"' in page
    refused = reviewer.post(
        reverse("memo_decide", args=[slug, memo.pk]),
        {"decision": "return", "comment": ""},
        follow=True,
    )
    assert "กรุณาระบุเหตุผลเมื่อตีกลับหรือไม่อนุมัติ" in refused.content.decode()
    reviewer.post(
        reverse("memo_decide", args=[slug, memo.pk]),
        {"decision": "approve", "comment": "เห็นควรเสนอ", "confirmed": "1"},
    )
    outsider_like = personas.client_for(personas.admin)  # a member, but not the approver
    outsider_like.post(
        reverse("memo_decide", args=[slug, memo.pk]), {"decision": "approve", "confirmed": "1"}
    )
    assert memo.steps.get(order=2).state == ApprovalStep.State.CURRENT
    personas.client_for(personas.executive).post(
        reverse("memo_decide", args=[slug, memo.pk]),
        {"decision": "approve", "comment": "", "confirmed": "1"},
    )
    memo.refresh_from_db()
    assert memo.status == Memo.Status.APPROVED


def test_the_pdf_is_framed_only_by_our_own_pages(personas, memo):
    response = personas.client_for(personas.reviewer).get(
        reverse("memo_pdf", args=[personas.org.slug, memo.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["Content-Disposition"].startswith("inline")


def test_a_page_image_is_served_for_phones(personas, memo):
    client = personas.client_for(personas.executive)
    image = client.get(reverse("memo_page", args=[personas.org.slug, memo.pk, 1]))
    assert image["Content-Type"] == "image/png" and image.content[:4] == b"\x89PNG"
    assert (
        client.get(reverse("memo_page", args=[personas.org.slug, memo.pk, 99])).status_code == 404
    )


def test_the_route_is_set_and_a_default_template_fills_new_memos(personas, frameworks):
    client = personas.client_for(personas.admin)
    slug = personas.org.slug
    management = {
        "r-TOTAL_FORMS": "2",
        "r-INITIAL_FORMS": "0",
        "r-MIN_NUM_FORMS": "0",
        "r-MAX_NUM_FORMS": "10",
    }
    client.post(
        reverse("route_template_create", args=[slug]),
        {
            "name": "หัวหน้า → นายก",
            "is_default": "on",
            **management,
            "r-0-member": personas.reviewer.pk,
            "r-0-verb": "endorse",
            "r-1-member": personas.executive.pk,
            "r-1-verb": "approve",
        },
    )
    assert RouteTemplate.objects.get().is_default
    personas.client_for(personas.clerk).post(
        reverse("memo_create", args=[slug]), {"kind": "general"}
    )
    memo = Memo.objects.get()
    assert [(r.member, r.verb) for r in memo.route.all()] == [
        (personas.reviewer, "endorse"),
        (personas.executive, "approve"),
    ]
    page = personas.client_for(personas.clerk).get(reverse("memo_route", args=[slug, memo.pk]))
    assert page.context["formset"].initial_form_count() == 2  # what the page posts back
    twice = personas.client_for(personas.clerk).post(
        reverse("memo_route", args=[slug, memo.pk]),
        {
            **management,
            "r-INITIAL_FORMS": "2",
            "r-0-member": personas.reviewer.pk,
            "r-0-verb": "endorse",
            "r-1-member": personas.reviewer.pk,
            "r-1-verb": "approve",
        },
        follow=True,
    )
    assert "มีผู้พิจารณาซ้ำในเส้นทาง" in twice.content.decode()


def test_executives_read_but_do_not_draft(personas, memo):
    client = personas.client_for(personas.executive)
    assert client.get(reverse("memo_detail", args=[personas.org.slug, memo.pk])).status_code == 200
    assert (
        client.post(
            reverse("memo_create", args=[personas.org.slug]), {"kind": "general"}
        ).status_code
        == 403
    )
    assert client.get(reverse("memo_edit", args=[personas.org.slug, memo.pk])).status_code == 403


def test_the_preview_has_one_image_per_page(personas, memo):
    from reports import pdf
    from reports.views.files import pdf_bytes

    html = (
        personas.client_for(personas.reviewer)
        .get(reverse("memo_detail", args=[personas.org.slug, memo.pk]))
        .content.decode()
    )
    count = pdf.page_count(pdf_bytes(memo))
    assert count >= 2
    for n in range(1, count + 1):
        assert reverse("memo_page", args=[personas.org.slug, memo.pk, n]) in html


def test_the_memo_page_says_before_submitting_what_the_scores_disagree_on(personas, memo):
    from assessments.models import Assessment

    # 2565 carries the published tool weights: a mistyped total is caught before submitting
    Assessment.objects.filter(pk=memo.assessment_id).update(total_score="52.10")
    page = personas.client_for(personas.clerk).get(
        reverse("memo_detail", args=[personas.org.slug, memo.pk])
    )
    html = page.content.decode()
    assert 'id="screen-notes"' in html
    assert "คะแนนรวม ๕๒.๑๐ ต่างจากผลรวมถ่วงน้ำหนักของเครื่องมือ" in html

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.actions import do_propose_findings, do_save_scores
from assessments.models import Finding
from tests.assessment_helpers import framework, make_assessment, sample_sheet


@pytest.fixture
def assessment(personas, frameworks):
    a = make_assessment(personas.org, 2564)
    sheet = sample_sheet(framework(2564))
    for code in ("I19", "I20", "I21", "I22", "I23", "I24"):
        sheet.items[code].score = Decimal("95.00")
    sheet.items["I20"].score = Decimal("61.50")
    sheet.indicators[4] = Decimal("70.00")  # indicator 4 below the mark: urgent
    for code in ("I1", "I2", "I3", "I4", "I5", "I6"):
        sheet.items[code].score = Decimal("99.00")
    sheet.indicators[1] = Decimal("99.00")  # indicator 1 clean: no proposal
    do_save_scores(a, sheet, actor=None)
    a.recommendation_iit = "ควรสื่อสารแนวปฏิบัติการใช้ทรัพย์สินของราชการ"
    a.save()
    return a


def test_it_proposes_an_urgent_weakness_for_an_indicator_below_the_mark(assessment):
    proposals = {
        f.indicator.number: f
        for f in do_propose_findings(assessment, actor=None)
        if f.indicator.tool == "IIT"
    }
    finding = proposals[4]
    assert finding.kind == Finding.Kind.URGENT and finding.state == Finding.State.PROPOSED
    assert finding.text.startswith(
        "ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ ได้ ๗๐.๐๐ คะแนน ต่ำกว่าเกณฑ์ ๘๕ คะแนน"
    )
    assert "ข้อ I20" in finding.text and "๖๑.๕๐" in finding.text
    assert [i.code for i in finding.items.all()] == ["I20"]
    assert finding.recommendation == "ควรสื่อสารแนวปฏิบัติการใช้ทรัพย์สินของราชการ"
    assert 1 not in proposals


def test_it_proposes_to_improve_a_passing_indicator_with_weak_questions(assessment):
    proposals = {f.indicator.number: f for f in do_propose_findings(assessment, actor=None)}
    finding = proposals[2]  # indicator 2 scored 82.00: below the mark
    improve = proposals[8]  # indicator 8 scored 88.00: passed, with weak questions
    assert finding.kind == Finding.Kind.URGENT
    assert improve.kind == Finding.Kind.IMPROVE
    assert "ผ่านเกณฑ์ ๘๕ คะแนน แต่ยังมีข้อที่ต่ำกว่าเกณฑ์" in improve.text


def test_it_proposes_every_failed_oit_item_with_its_remark(assessment):
    oit = [f for f in do_propose_findings(assessment, actor=None) if f.indicator.tool == "OIT"]
    codes = sorted(i.code for f in oit for i in f.items.all())
    failed = sorted(s.item.code for s in assessment.item_scores.filter(passed=False))
    assert codes == failed and all(f.kind == Finding.Kind.URGENT for f in oit)
    assert "ไม่พบข้อมูลปีปัจจุบัน" in oit[0].text


def test_proposing_again_keeps_confirmed_and_discarded_findings(personas, assessment):
    client = personas.client_for(personas.clerk)
    url = reverse("finding_propose", args=[personas.org.slug, assessment.pk])
    client.post(url)
    first, second = Finding.objects.filter(assessment=assessment)[:2]
    client.post(
        reverse("finding_edit", args=[personas.org.slug, assessment.pk, first.pk]),
        {
            "indicator": first.indicator_id,
            "kind": first.kind,
            "text": "แก้ข้อความแล้ว",
            "recommendation": "",
            "root_cause": "ขาดการสื่อสาร",
        },
    )
    client.post(reverse("finding_discard", args=[personas.org.slug, assessment.pk, second.pk]))
    total = Finding.objects.filter(assessment=assessment).count()
    client.post(url)
    assert Finding.objects.filter(assessment=assessment).count() == total
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, first.text, first.root_cause) == (
        "confirmed",
        "แก้ข้อความแล้ว",
        "ขาดการสื่อสาร",
    )
    assert second.state == "discarded"


def test_it_confirms_a_proposal_inline_with_htmx(personas, assessment):
    do_propose_findings(assessment, actor=None)
    finding = Finding.objects.filter(assessment=assessment).first()
    client = personas.client_for(personas.clerk)
    url = reverse("finding_edit", args=[personas.org.slug, assessment.pk, finding.pk])
    form = client.get(url, headers={"HX-Request": "true"})
    assert b"<html" not in form.content and b"hx-post" in form.content
    response = client.post(
        url,
        {
            "indicator": finding.indicator_id,
            "kind": finding.kind,
            "text": finding.text,
            "items": [i.pk for i in finding.items.all()],
            "recommendation": "",
            "root_cause": "",
        },
        headers={"HX-Request": "true"},
    )
    assert f'id="finding-{finding.pk}"'.encode() in response.content
    assert b"<textarea" not in response.content  # the card, not the form again
    finding.refresh_from_db()
    assert finding.state == Finding.State.CONFIRMED


def test_it_refuses_items_of_another_year(personas, assessment):
    client = personas.client_for(personas.clerk)
    other_year_item = framework(2565).items.get(code="I1")
    response = client.post(
        reverse("finding_create", args=[personas.org.slug, assessment.pk]),
        {
            "indicator": framework(2564).indicators.get(number=1).pk,
            "kind": "improve",
            "text": "x",
            "items": [other_year_item.pk],
        },
    )
    assert response.status_code == 200
    assert not Finding.objects.filter(assessment=assessment).exists()


def test_reviewers_read_findings_but_cannot_change_them(personas, assessment):
    do_propose_findings(assessment, actor=None)
    finding = Finding.objects.filter(assessment=assessment).first()
    client = personas.client_for(personas.reviewer)
    html = client.get(reverse("finding_list", args=[personas.org.slug, assessment.pk])).content
    assert finding.text[:30].encode() in html and b"finding_discard" not in html
    assert (
        client.post(
            reverse("finding_discard", args=[personas.org.slug, assessment.pk, finding.pk])
        ).status_code
        == 403
    )
    finding.refresh_from_db()
    assert finding.state == Finding.State.PROPOSED

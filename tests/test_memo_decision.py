"""Deciding on a memo: no decision is preselected, and nothing is decided until a page that
names the decision and the memo's ที่ is confirmed."""

from __future__ import annotations

from html import unescape

import pytest
from django.urls import reverse

from reports.actions import do_submit_memo
from reports.models import ApprovalStep
from tests.memo_helpers import analysis_memo


@pytest.fixture
def memo(personas, frameworks):
    memo = analysis_memo(personas, measures=1)
    return do_submit_memo(memo, actor=personas.clerk)


def decide_url(memo):
    return reverse("memo_decide", args=[memo.organization.slug, memo.pk])


def test_the_memo_page_preselects_no_decision_and_shows_the_memo_first(personas, memo):
    page = personas.client_for(personas.reviewer).get(
        reverse("memo_detail", args=[personas.org.slug, memo.pk])
    )
    html = page.content.decode()
    assert 'name="decision"' in html and "checked" not in html.split('id="decide"', 1)[1]
    assert html.index("ตัวอย่างเอกสาร") < html.index('id="decide"')


def test_a_decision_is_first_named_with_the_memos_number_and_not_saved(personas, memo):
    response = personas.client_for(personas.reviewer).post(
        decide_url(memo), {"decision": "approve", "comment": "เห็นควรเสนอนายก"}
    )
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "ท่านกำลัง <strong>เห็นชอบ/อนุมัติ</strong>" in html
    assert memo.number_text in html and memo.subject in html
    assert 'name="confirmed" value="1"' in html
    assert "ยืนยัน: เห็นชอบ/อนุมัติ" in html
    step = memo.steps.get(order=1)
    assert step.state == ApprovalStep.State.CURRENT


def test_confirming_saves_the_decision(personas, memo):
    client = personas.client_for(personas.reviewer)
    response = client.post(
        decide_url(memo), {"decision": "approve", "comment": "เห็นควรเสนอ", "confirmed": "1"}
    )
    assert response["Location"] == reverse("inbox", args=[personas.org.slug])
    step = memo.steps.get(order=1)
    assert step.state == ApprovalStep.State.APPROVED and step.comment == "เห็นควรเสนอ"


def test_no_choice_is_asked_for_in_thai_and_the_comment_is_kept(personas, memo):
    response = personas.client_for(personas.reviewer).post(
        decide_url(memo), {"comment": "ขอดูรายละเอียดก่อน"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "กรุณาเลือกผลการพิจารณา" in html and "ขอดูรายละเอียดก่อน" in html
    assert memo.steps.get(order=1).state == ApprovalStep.State.CURRENT

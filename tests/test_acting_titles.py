"""Signing in someone else's place: the capacity is chosen per step (or by the approver when
deciding), frozen with the decision and printed as offices print it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from itatrack.actions import ActionError
from reports import pdf
from reports.access import current_step
from reports.actions import Decision, do_decide, do_set_route, do_submit_memo
from reports.capacity import Capacity, comment_heading, position_lines
from reports.models import Verb
from tests.memo_helpers import analysis_memo, read_pdf

MAYOR = "นายกเทศมนตรีตำบลบ้านทดสอบ"


def test_each_capacity_prints_its_lines_as_offices_do():
    assert position_lines("ปลัดเทศบาล", Capacity.IN_CHARGE, MAYOR) == [
        "ปลัดเทศบาล",
        f"รักษาราชการแทน {MAYOR}",
    ]
    assert position_lines("รองนายกเทศมนตรี", Capacity.ON_BEHALF, MAYOR) == [
        "รองนายกเทศมนตรี",
        f"ปฏิบัติราชการแทน {MAYOR}",
    ]
    assert position_lines("ปลัดเทศบาล", Capacity.ACTING, MAYOR) == [
        "ปลัดเทศบาล ปฏิบัติหน้าที่",
        MAYOR,
    ]
    assert position_lines("ปลัดเทศบาล", Capacity.OWN, "") == ["ปลัดเทศบาล"]
    assert comment_heading("ปลัดเทศบาล", Capacity.ACTING, MAYOR, "x") == f"ความเห็นของ{MAYOR}"


@pytest.fixture
def memo(personas, frameworks):
    memo = analysis_memo(personas, measures=1)
    # the ปลัด (here the reviewer persona) acts as mayor while the post is vacant
    do_set_route(
        memo,
        [(personas.executive, Verb.APPROVE)],
        actor=personas.clerk,
        capacities=[(Capacity.ACTING, MAYOR)],
    )
    return memo


def test_the_route_capacity_is_frozen_with_the_step_and_printed(personas, memo):
    do_submit_memo(memo, actor=personas.clerk)
    memo.refresh_from_db()
    step = current_step(memo)
    assert (step.capacity, step.acting_for) == (Capacity.ACTING, MAYOR)
    # the person's profile changing later does not change what was signed
    personas.executive.position = "ปลัดเทศบาลตำบลบ้านทดสอบ"
    personas.executive.save()
    do_decide(step, Decision.APPROVE, "อนุมัติ", actor=personas.executive)
    memo.refresh_from_db()
    with read_pdf(pdf.render(memo, use_cache=False)) as document:
        text = "\n".join(page.extract_text() for page in document.pages[:2])
    squeezed = text.replace(" ", "").replace("\n", "")
    assert f"ความเห็นของ{MAYOR}" in squeezed
    assert f"({personas.executive.display_name})\nนายกเทศมนตรีตำบลบ้านทดสอบ ปฏิบัติหน้าที่\n{MAYOR}" in text


def test_the_approver_sets_the_capacity_when_deciding(personas, frameworks):
    memo = analysis_memo(personas, measures=1)
    do_set_route(memo, [(personas.executive, Verb.APPROVE)], actor=personas.clerk)
    do_submit_memo(memo, actor=personas.clerk)
    client = personas.client_for(personas.executive)
    client.post(
        reverse("memo_decide", args=[personas.org.slug, memo.pk]),
        {
            "decision": "approve",
            "comment": "อนุมัติ",
            "capacity": Capacity.IN_CHARGE,
            "acting_for": MAYOR,
            "confirmed": "1",
        },
    )
    step = memo.steps.get(round=1, order=1)
    assert step.state == "approved"
    assert step.position_lines == [personas.executive.position, f"รักษาราชการแทน {MAYOR}"]


def test_a_capacity_without_the_post_is_refused(personas, frameworks):
    memo = analysis_memo(personas, measures=1)
    with pytest.raises(ActionError, match="ตำแหน่งที่ทำการแทน"):
        do_set_route(
            memo,
            [(personas.executive, Verb.APPROVE)],
            actor=personas.clerk,
            capacities=[(Capacity.IN_CHARGE, " ")],
        )
    response = personas.client_for(personas.clerk).post(
        reverse("memo_route", args=[personas.org.slug, memo.pk]),
        {
            "r-TOTAL_FORMS": "1",
            "r-INITIAL_FORMS": "0",
            "r-MIN_NUM_FORMS": "0",
            "r-MAX_NUM_FORMS": "20",
            "r-0-member": personas.executive.pk,
            "r-0-verb": Verb.APPROVE,
            "r-0-capacity": Capacity.ON_BEHALF,
            "r-0-acting_for": "",
        },
    )
    assert "กรุณาระบุตำแหน่งที่ทำการแทน" in response.content.decode()


def test_the_memo_signer_may_sign_in_an_acting_capacity(personas, frameworks):
    memo = analysis_memo(personas, measures=1)
    memo.signer_capacity, memo.signer_acting_for = Capacity.IN_CHARGE, "หัวหน้าสำนักปลัดเทศบาล"
    memo.save()
    with read_pdf(pdf.render(memo, use_cache=False, with_attachments=False)) as document:
        text = document.pages[-1].extract_text()
    assert "รักษาราชการแทน หัวหน้าสำนักปลัดเทศบาล" in text

"""No one approves their own document: the author is never on the route, the route ends with an
executive or an admin (or is exactly an admin's template), and only they publish."""

from __future__ import annotations

import pytest
from django.urls import reverse

from itatrack.actions import ActionError
from itatrack.models import Role
from reports.access import current_step
from reports.actions import (
    Decision,
    do_create_memo,
    do_decide,
    do_save_route_template,
    do_set_route,
    do_submit_memo,
)
from reports.models import ApprovalStep, Memo, Publication, RouteStep, Verb
from reports.publishing import do_publish
from tests.memo_helpers import approved_memo, demo_certificate


def general_memo(author) -> Memo:
    memo = do_create_memo(author.organization, Memo.Kind.GENERAL, actor=author)
    Memo.objects.filter(pk=memo.pk).update(subject="เรื่องทดสอบการแบ่งแยกหน้าที่")
    memo.refresh_from_db()
    return memo


def test_the_attack_post_a_clerk_routing_to_herself_is_refused_and_nothing_is_submitted(personas):
    memo = general_memo(personas.clerk)
    client = personas.client_for(personas.clerk)
    url = reverse("memo_route", args=[personas.org.slug, memo.pk])
    response = client.post(
        url,
        {
            "r-TOTAL_FORMS": "1",
            "r-INITIAL_FORMS": "0",
            "r-0-member": personas.clerk.pk,
            "r-0-verb": Verb.APPROVE,
        },
    )
    assert response.status_code == 200  # the form again, with its error
    assert not RouteStep.objects.filter(memo=memo).exists()
    client.post(reverse("memo_submit", args=[personas.org.slug, memo.pk]))
    memo.refresh_from_db()
    assert memo.status == Memo.Status.DRAFT


def test_the_route_page_does_not_offer_the_author(personas):
    memo = general_memo(personas.clerk)
    page = personas.client_for(personas.clerk).get(
        reverse("memo_route", args=[personas.org.slug, memo.pk])
    )
    html = page.content.decode()
    assert f'value="{personas.executive.pk}"' in html
    assert f'value="{personas.clerk.pk}"' not in html
    assert "ผู้จัดทำบันทึกข้อความเป็นผู้พิจารณาของตนเองไม่ได้" in html


AUTHORS = ["clerk", "reviewer", "admin", "executive"]
LAST = ["clerk", "reviewer", "executive", "admin"]


@pytest.mark.parametrize("author_name", AUTHORS)
@pytest.mark.parametrize("last_name", LAST)
def test_every_author_and_last_approver_pair_follows_the_rule(personas, author_name, last_name):
    author, last = getattr(personas, author_name), getattr(personas, last_name)
    memo = general_memo(author)
    allowed = last != author and last.role in (Role.EXECUTIVE, Role.ADMIN)
    if allowed:
        do_set_route(memo, [(last, Verb.APPROVE)], actor=author)
        do_submit_memo(memo, actor=author)
        memo.refresh_from_db()
        do_decide(current_step(memo), Decision.APPROVE, "", actor=last)
        memo.refresh_from_db()
        assert memo.status == Memo.Status.APPROVED
    else:
        with pytest.raises(ActionError):
            do_set_route(memo, [(last, Verb.APPROVE)], actor=author)
        assert not memo.route.exists()


def test_the_author_cannot_sit_anywhere_on_the_route(personas):
    memo = general_memo(personas.reviewer)
    with pytest.raises(ActionError, match="ของตนเองไม่ได้"):
        do_set_route(
            memo,
            [(personas.reviewer, Verb.ENDORSE), (personas.executive, Verb.APPROVE)],
            actor=personas.reviewer,
        )


def test_an_admins_template_may_end_with_a_reviewer_and_a_route_following_it_is_accepted(
    personas,
):
    do_save_route_template(
        personas.org,
        "ผ่านหัวหน้าสำนักปลัด",
        [(personas.reviewer, Verb.APPROVE)],
        is_default=False,
        actor=personas.admin,
    )
    memo = general_memo(personas.clerk)
    do_set_route(memo, [(personas.reviewer, Verb.APPROVE)], actor=personas.clerk)
    do_submit_memo(memo, actor=personas.clerk)
    memo.refresh_from_db()
    do_decide(current_step(memo), Decision.APPROVE, "", actor=personas.reviewer)
    memo.refresh_from_db()
    assert memo.status == Memo.Status.APPROVED
    # the same reviewer ending the route, but not as the template says, is refused
    other = general_memo(personas.clerk)
    with pytest.raises(ActionError, match="ลำดับสุดท้าย"):
        do_set_route(other, [(personas.reviewer, Verb.ENDORSE)], actor=personas.clerk)


def test_only_admins_change_route_templates(personas):
    for person in (personas.clerk, personas.reviewer, personas.executive):
        with pytest.raises(ActionError, match="เฉพาะผู้ดูแลหน่วยงาน"):
            do_save_route_template(
                personas.org, "ของฉัน", [(person, Verb.APPROVE)], is_default=True, actor=person
            )


def test_a_default_template_naming_the_author_is_used_without_them(personas):
    do_save_route_template(
        personas.org,
        "ปกติ",
        [(personas.reviewer, Verb.ENDORSE), (personas.executive, Verb.APPROVE)],
        is_default=True,
        actor=personas.admin,
    )
    memo = general_memo(personas.reviewer)
    assert [(s.order, s.member) for s in memo.route.all()] == [(1, personas.executive)]


def test_submitting_refuses_a_route_whose_last_approver_lost_the_role(personas):
    memo = general_memo(personas.clerk)
    do_set_route(memo, [(personas.executive, Verb.APPROVE)], actor=personas.clerk)
    personas.executive.role = Role.STAFF
    personas.executive.save()
    with pytest.raises(ActionError, match="ลำดับสุดท้าย"):
        do_submit_memo(memo, actor=personas.clerk)


def test_submitting_refuses_a_route_stored_with_the_author_on_it(personas):
    memo = general_memo(personas.clerk)
    RouteStep.objects.create(memo=memo, order=1, member=personas.clerk, verb=Verb.APPROVE)
    with pytest.raises(ActionError, match="ของตนเองไม่ได้"):
        do_submit_memo(memo, actor=personas.clerk)
    memo.refresh_from_db()
    assert memo.status == Memo.Status.DRAFT and memo.number is None


def test_deciding_refuses_to_approve_a_round_with_the_author_as_approver(personas):
    """A round submitted before the rule (rows written directly): the author's approval is
    refused; returning it so the route can be mended is not."""
    memo = general_memo(personas.clerk)
    do_set_route(memo, [(personas.executive, Verb.APPROVE)], actor=personas.clerk)
    do_submit_memo(memo, actor=personas.clerk)
    memo.refresh_from_db()
    step = current_step(memo)
    ApprovalStep.objects.filter(pk=step.pk).update(member=personas.clerk)
    step.refresh_from_db()
    with pytest.raises(ActionError, match="ของตนเองไม่ได้"):
        do_decide(step, Decision.APPROVE, "", actor=personas.clerk)
    memo.refresh_from_db()
    assert memo.status == Memo.Status.SUBMITTED
    do_decide(step, Decision.RETURN, "แก้เส้นทาง", actor=personas.clerk)
    memo.refresh_from_db()
    assert memo.status == Memo.Status.RETURNED


def test_deciding_refuses_the_final_approval_by_someone_who_lost_the_role(personas):
    memo = general_memo(personas.clerk)
    do_set_route(memo, [(personas.executive, Verb.APPROVE)], actor=personas.clerk)
    do_submit_memo(memo, actor=personas.clerk)
    memo.refresh_from_db()
    personas.executive.role = Role.STAFF
    personas.executive.save()
    with pytest.raises(ActionError, match="ลำดับสุดท้าย"):
        do_decide(current_step(memo), Decision.APPROVE, "", actor=personas.executive)


@pytest.mark.parametrize("name", ["clerk", "reviewer"])
def test_staff_and_reviewers_cannot_publish(personas, name):
    memo = approved_memo(personas)
    person = getattr(personas, name)
    with pytest.raises(ActionError, match="เฉพาะผู้บริหารหรือผู้ดูแลหน่วยงาน"):
        do_publish(memo, actor=person, unsigned=True)
    response = personas.client_for(person).post(
        reverse("memo_publish", args=[personas.org.slug, memo.pk]), {"unsigned": "1"}
    )
    assert response.status_code == 403
    assert not Publication.objects.exists()
    page = personas.client_for(person).get(
        reverse("memo_detail", args=[personas.org.slug, memo.pk])
    )
    assert "รอผู้บริหารหรือผู้ดูแลหน่วยงานลงนามและเผยแพร่" in page.content.decode()


@pytest.mark.parametrize("name", ["executive", "admin"])
def test_executives_and_admins_publish(personas, name):
    memo = approved_memo(personas)
    demo_certificate(personas.org, personas.admin)
    publication = do_publish(memo, actor=getattr(personas, name))
    assert publication.signed


def test_only_admins_upload_the_signing_certificate(personas):
    for person in (personas.clerk, personas.reviewer, personas.executive):
        with pytest.raises(ActionError, match="เฉพาะผู้ดูแลหน่วยงาน"):
            demo_certificate(personas.org, person)

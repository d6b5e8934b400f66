"""Approval behaviour lives on the step rows: a round has one current step, enforced by the
database; the step starts and decides itself; the queryset names the current, decided and last
decision that access, the PDF and the notifications use."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from reports.access import current_step
from reports.actions import Decision, do_decide, do_submit_memo
from reports.models import ApprovalStep
from tests.memo_helpers import analysis_memo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frameworks")]


@pytest.fixture
def submitted(personas):
    return do_submit_memo(analysis_memo(personas, 1), actor=personas.clerk)


def test_a_round_cannot_have_two_current_steps(submitted):
    second = ApprovalStep.objects.get(memo=submitted, round=1, order=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        second.start(timezone.now())


def test_a_step_that_is_not_current_cannot_be_decided(submitted):
    waiting = ApprovalStep.objects.get(memo=submitted, round=1, order=2)
    with pytest.raises(ValueError):
        waiting.decide(ApprovalStep.State.APPROVED, "", timezone.now())
    current = current_step(submitted)
    with pytest.raises(ValueError):
        current.decide(ApprovalStep.State.CANCELLED, "", timezone.now())


def test_the_queryset_names_the_current_the_decided_and_the_last_decision(personas, submitted):
    steps = ApprovalStep.objects.of_round(submitted)
    assert list(steps.current()) == [current_step(submitted)]
    assert steps.last_decision() is None
    do_decide(current_step(submitted), Decision.APPROVE, "เห็นชอบ", actor=personas.reviewer)
    submitted.refresh_from_db()
    first = steps.get(order=1)
    assert list(steps.decided()) == [first] and steps.last_decision() == first
    assert steps.current().get().member == personas.executive
    assert first.member_name == personas.reviewer.display_name  # frozen when it started

"""On PostgreSQL, two approvals of the same step at the same moment: exactly one decision."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from itatrack.actions import ActionError
from reports.actions import Decision, do_decide, do_submit_memo
from reports.models import ApprovalStep
from tests.memo_helpers import analysis_memo

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_concurrent_approvals_of_one_step_make_one_decision(personas, frameworks):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's row locks")
    memo = do_submit_memo(analysis_memo(personas, measures=1), actor=personas.clerk)
    step = memo.steps.get(state=ApprovalStep.State.CURRENT)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def approve() -> None:
        try:
            mine = ApprovalStep.objects.get(pk=step.pk)
            barrier.wait()
            do_decide(mine, Decision.APPROVE, "เห็นชอบ", actor=personas.reviewer)
            outcomes.append("decided")
        except ActionError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(outcomes) == ["decided", "refused"]
    assert ApprovalStep.objects.filter(memo=memo, state=ApprovalStep.State.APPROVED).count() == 1
    assert ApprovalStep.objects.get(memo=memo, order=2).state == ApprovalStep.State.CURRENT

"""Approvers are reminded of memos waiting for their decision: after a few days, once, and
again each week it still waits; a decided memo brings none."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from itatrack.reminders import send_digests
from reports import decision_reminders
from reports.access import current_step
from reports.actions import Decision, do_decide, do_submit_memo
from reports.models import DecisionReminderSent
from tests.memo_helpers import analysis_memo
from tests.worker import run_tasks

TZ = timezone.get_current_timezone()


@pytest.fixture
def memo(personas, frameworks):
    memo = do_submit_memo(analysis_memo(personas, measures=1), actor=personas.clerk)
    step = current_step(memo)
    step.started_at = dt.datetime(2026, 11, 2, 9, 0, tzinfo=TZ)
    step.save(update_fields=["started_at"])
    return memo


def test_a_memo_waiting_two_days_reminds_its_approver_once_in_thai(personas, memo, settings):
    settings.REMINDER_DECISION_DAYS = 2
    assert decision_reminders.events(dt.date(2026, 11, 3)) == []
    call_command("send_reminders", today=dt.date(2026, 11, 4), stdout=io.StringIO())
    run_tasks()
    [sent] = [
        m
        for m in mail.outbox
        if m.to == [personas.reviewer.user.email] and m.subject.startswith("งานที่รอท่าน")
    ]
    assert sent.to == [personas.reviewer.user.email]
    assert f"ที่ {memo.number_text} เรื่อง" in sent.body
    assert "รอการพิจารณาของท่านมา ๒ วัน" in sent.body
    assert f"/memos/{memo.pk}/" in sent.body
    mail.outbox.clear()
    call_command("send_reminders", today=dt.date(2026, 11, 5), stdout=io.StringIO())
    run_tasks()
    assert not [m for m in mail.outbox if "รอการพิจารณาของท่านมา" in m.body]


def test_a_week_more_of_waiting_brings_another(personas, memo):
    send_digests(dt.date(2026, 11, 4))
    send_digests(dt.date(2026, 11, 9))
    assert DecisionReminderSent.objects.count() == 2


def test_a_decided_step_is_not_reminded_but_the_next_approver_is(personas, memo):
    do_decide(current_step(memo), Decision.APPROVE, "เห็นชอบ", actor=personas.reviewer)
    today = timezone.localdate() + dt.timedelta(days=3)
    [event] = decision_reminders.events(today)
    assert event.step.member == personas.executive

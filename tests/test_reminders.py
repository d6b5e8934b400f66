"""Daily reminders, with a frozen clock: due soon, overdue, unreported, each sent once."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from itatrack.models import OutgoingMail
from itatrack.reminders import send_digests
from measures import reminders
from measures.actions import EvidenceInput, MeasureLinks, do_add_follow_up, do_save_measure
from measures.models import Measure, ReminderSent
from tests.measure_helpers import make_plan
from tests.worker import run_tasks


@pytest.fixture
def plan(personas, frameworks):
    return make_plan(personas.org)


def add(plan, personas, title, end, **links):
    return do_save_measure(
        Measure(plan=plan),
        {"title": title, "start_date": dt.date(2022, 10, 1), "end_date": end},
        MeasureLinks(**links),
        actor=None,
    )


def kinds(today):
    return {(e.measure.title, e.kind) for e in reminders.events(today)}


def test_it_finds_due_soon_overdue_and_unreported_measures(plan, personas, settings):
    settings.REMINDER_DUE_SOON_DAYS, settings.REMINDER_STALE_DAYS = 14, 30
    add(plan, personas, "ใกล้ครบ", dt.date(2023, 3, 14), owners=[personas.clerk])
    add(plan, personas, "เลยกำหนด", dt.date(2023, 2, 28), owners=[personas.clerk])
    add(plan, personas, "ยังอีกนาน", dt.date(2023, 9, 30), owners=[personas.clerk])
    today = dt.date(2023, 3, 1)
    assert kinds(today) == {
        ("ใกล้ครบ", "due_soon"),
        ("ใกล้ครบ", "stale"),
        ("ยังอีกนาน", "stale"),
        ("เลยกำหนด", "overdue"),
        ("เลยกำหนด", "stale"),
    }
    assert ("ใกล้ครบ", "due_soon") in kinds(dt.date(2023, 2, 28))  # 14 days: still due soon
    assert ("ใกล้ครบ", "due_soon") not in kinds(dt.date(2023, 2, 27))  # 15 days: not yet


def test_a_recent_report_silences_the_unreported_reminder(plan, personas, settings):
    settings.REMINDER_STALE_DAYS = 30
    measure = add(plan, personas, "มีรายงาน", dt.date(2023, 9, 30), owners=[personas.clerk])
    with time_machine.travel(dt.datetime(2023, 2, 20, 3, tzinfo=dt.UTC), tick=False):
        do_add_follow_up(
            measure,
            date=dt.date(2023, 2, 20),
            text="ทำแล้ว",
            progress=30,
            evidence=EvidenceInput(),
            actor=personas.clerk,
        )
    assert kinds(dt.date(2023, 3, 1)) == set()
    assert kinds(dt.date(2023, 3, 22)) == {("มีรายงาน", "stale")}


def test_each_event_is_mailed_once_in_the_owners_daily_digest_in_thai(plan, personas):
    add(plan, personas, "เลยกำหนด", dt.date(2023, 2, 28), owners=[personas.clerk])
    with time_machine.travel(dt.datetime(2023, 3, 1, 1, tzinfo=dt.UTC), tick=False):
        call_command("send_reminders", verbosity=0)
        run_tasks()
        first = len(mail.outbox)
        call_command("send_reminders", verbosity=0)
        run_tasks()
    # overdue and unreported are two lines of one mail, and the second run adds nothing
    assert first == 1 and len(mail.outbox) == 1
    [digest] = mail.outbox
    assert digest.to == ["clerk@example.org"]
    assert digest.subject == "งานที่รอท่านในระบบ ITA ๒ เรื่อง (๑ มีนาคม ๒๕๖๖)"
    assert digest.body.startswith("เรียน นางสาวใจดี ทดสอบ")
    assert "เลยกำหนดมาแล้ว ๑ วัน (ครบกำหนด ๒๘ กุมภาพันธ์ ๒๕๖๖)" in digest.body
    assert "ยังไม่มีการรายงานผลตั้งแต่" in digest.body
    assert "/follow-ups/new/" in digest.body
    assert ReminderSent.objects.count() == 2


def test_a_new_end_date_is_a_new_event(plan, personas):
    measure = add(plan, personas, "เลื่อน", dt.date(2023, 2, 28), owners=[personas.clerk])
    send_digests(dt.date(2023, 3, 1))
    run_tasks()
    sent = len(mail.outbox)
    do_save_measure(measure, {"end_date": dt.date(2023, 3, 5)}, MeasureLinks(), actor=None)
    send_digests(dt.date(2023, 3, 6))
    run_tasks()
    assert len(mail.outbox) == sent + 1
    assert "เลยกำหนดมาแล้ว ๑ วัน (ครบกำหนด ๕ มีนาคม ๒๕๖๖)" in mail.outbox[-1].body


def people(today, title):
    return sorted(p.user.email for r in reminders.due(today) if title in r.title for p in r.people)


def test_without_owners_the_department_then_the_admins_are_told(plan, personas):
    add(plan, personas, "ของสำนักปลัด", dt.date(2023, 2, 28), departments=[personas.department])
    add(plan, personas, "ไม่มีเจ้าของ", dt.date(2023, 2, 28))
    today = dt.date(2023, 3, 1)
    assert people(today, "ของสำนักปลัด") == sorted(
        ["clerk@example.org", "reviewer@example.org", "orgadmin@example.org"] * 2
    )  # overdue and unreported
    assert people(today, "ไม่มีเจ้าของ") == ["orgadmin@example.org"] * 2


def test_a_mail_server_that_is_down_loses_no_reminder(plan, personas, monkeypatch):
    add(plan, personas, "เลยกำหนด", dt.date(2023, 2, 28), owners=[personas.clerk])

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    with monkeypatch.context() as patched:
        patched.setattr("itatrack.mail.send_mail", broken)
        assert len(send_digests(dt.date(2023, 3, 1))) == 2
        run_tasks()
    assert ReminderSent.objects.count() == 2 and mail.outbox == []
    waiting = OutgoingMail.objects.filter(kind="reminder.digest")
    assert {m.state for m in waiting} == {OutgoingMail.State.QUEUED}
    assert all("smtp down" in m.last_error for m in waiting)
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=2)):
        run_tasks()  # the retry, once the server answers
    assert len(mail.outbox) == 1
    assert {m.state for m in waiting.all()} == {OutgoingMail.State.SENT}


def test_dry_run_sends_nothing(plan, personas):
    add(plan, personas, "เลยกำหนด", dt.date(2023, 2, 28), owners=[personas.clerk])
    assert len(send_digests(dt.date(2023, 3, 1), dry_run=True)) == 2
    assert mail.outbox == [] and not ReminderSent.objects.exists()

"""One mail a day per person: everything due, overdue or waiting for them, grouped, once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from assessments.models import Item, Tool
from itatrack.mail import safe_subject
from itatrack.reminders import send_digests
from measures.actions import MeasureLinks, do_save_measure
from measures.models import Measure
from reports.access import current_step
from reports.actions import do_submit_memo
from reports.oit import do_plan_oit_item
from tests.memo_helpers import analysis_memo
from tests.worker import run_tasks

TODAY = dt.date(2026, 11, 10)


@pytest.fixture
def busy_reviewer(personas, frameworks):
    """The reviewer owns an overdue measure and an overdue OIT item, and a memo has waited
    for their decision for a week."""
    memo = do_submit_memo(analysis_memo(personas, measures=1), actor=personas.clerk)
    do_save_measure(
        Measure(plan=memo.plan),
        {
            "title": "จัดอบรมเรื่องผลประโยชน์ทับซ้อนให้บุคลากรทุกส่วนราชการ",
            "start_date": dt.date(2026, 10, 1),
            "end_date": dt.date(2026, 11, 5),
        },
        MeasureLinks(owners=[personas.reviewer, personas.clerk]),
        actor=None,
    )
    item = Item.objects.filter(framework__fiscal_year=2569, indicator__tool=Tool.OIT).first()
    do_plan_oit_item(
        personas.org,
        item,
        {"due_date": dt.date(2026, 11, 1), "owner": personas.reviewer},
        actor=personas.clerk,
    )
    step = current_step(memo)
    step.started_at = timezone.make_aware(dt.datetime(2026, 11, 3, 9))
    step.save(update_fields=["started_at"])
    return personas.reviewer


def test_a_person_gets_one_mail_with_everything_of_the_day(busy_reviewer, personas):
    send_digests(TODAY)
    run_tasks()
    digests = [m for m in mail.outbox if m.subject.startswith("งานที่รอท่านในระบบ ITA")]
    to_reviewer = [m for m in digests if m.to == [busy_reviewer.user.email]]
    to_clerk = [m for m in digests if m.to == [personas.clerk.user.email]]
    assert len(to_reviewer) == 1 and len(to_clerk) == 1
    body = to_reviewer[0].body
    for heading in ("มาตรการ\n", "รายการ OIT ปี ๒๕๖๙\n", "บันทึกข้อความรอการพิจารณาของท่าน\n"):
        assert heading in body
    assert "จัดอบรมเรื่องผลประโยชน์ทับซ้อน" in to_clerk[0].body
    assert "รายการ OIT" not in to_clerk[0].body  # not the clerk's


def test_the_next_day_brings_nothing_already_said(busy_reviewer):
    send_digests(TODAY)
    run_tasks()
    count = len(mail.outbox)
    assert send_digests(TODAY + dt.timedelta(days=1)) == []
    run_tasks()
    assert len(mail.outbox) == count


def test_a_long_subject_is_cut_between_words():
    subject = "บันทึกข้อความรอการพิจารณา: " + "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรม" * 8
    cut = safe_subject(subject)
    assert cut.endswith("…") and len(cut) <= 200
    assert cut[:-1].endswith(("คุณธรรม", "รายงาน", "ผล", "การ", "ดำเนิน", "ตาม", "มาตรการ", "ส่งเสริม"))

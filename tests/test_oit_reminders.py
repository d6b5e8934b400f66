"""Reminders about OIT items due soon or overdue, through the daily send_reminders run."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from assessments.models import Item, Tool
from itatrack.models import Membership
from itatrack.reminders import send_digests
from reports import oit_reminders
from reports.models import OitEntry, OitReminderSent
from reports.oit import do_add_oit_evidence, do_check_oit_item, do_plan_oit_item
from tests.worker import run_tasks

YEAR = 2566


@pytest.fixture
def items(frameworks):
    return list(Item.objects.filter(framework__fiscal_year=YEAR, indicator__tool=Tool.OIT))


def plan(personas, item, due, **changes):
    return do_plan_oit_item(personas.org, item, {"due_date": due, **changes}, actor=personas.clerk)


def kinds(today):
    return {(e.entry.item.code, e.kind) for e in oit_reminders.events(today)}


def test_it_finds_items_due_soon_and_overdue_but_not_ready_ones(personas, items, settings):
    settings.REMINDER_DUE_SOON_DAYS = 14
    plan(personas, items[0], dt.date(2023, 3, 14), owner=personas.clerk)
    plan(personas, items[1], dt.date(2023, 2, 28), owner=personas.clerk)
    plan(personas, items[2], dt.date(2023, 9, 30), owner=personas.clerk)
    ready = plan(personas, items[3], dt.date(2023, 2, 1), owner=personas.clerk)
    do_add_oit_evidence(
        personas.org, items[3], links=["https://www.example.go.th/o4"], actor=personas.clerk
    )
    do_check_oit_item(ready, ready=True, comment="", actor=personas.reviewer)
    assert kinds(dt.date(2023, 3, 1)) == {
        (items[0].code, "due_soon"),
        (items[1].code, "overdue"),
    }
    assert (items[0].code, "due_soon") not in kinds(dt.date(2023, 2, 27))  # 15 days: not yet


def test_each_reminder_is_a_line_of_the_owners_digest_once(personas, items):
    plan(personas, items[1], dt.date(2023, 2, 28), owner=personas.clerk)
    output = io.StringIO()
    with time_machine.travel(dt.datetime(2023, 3, 1, 1, tzinfo=dt.UTC), tick=False):
        call_command("send_reminders", stdout=output)
        run_tasks()
        call_command("send_reminders", verbosity=0, stdout=io.StringIO())
        run_tasks()
    [message] = mail.outbox
    assert message.to == [personas.clerk.user.email]
    assert f"รายการ OIT ปี ๒๕๖๖\n๑) {items[1].code} " in message.body
    assert "เลยกำหนดมาแล้ว ๑ วัน" in message.body
    assert f"/o/{personas.org.slug}/oit/{YEAR}/{items[1].code}/" in message.body
    assert f"overdue\t{personas.org.slug}" in output.getvalue()
    assert OitReminderSent.objects.count() == 1


def test_a_new_due_date_brings_a_new_reminder(personas, items):
    entry = plan(personas, items[0], dt.date(2023, 2, 28), owner=personas.clerk)
    send_digests(dt.date(2023, 3, 1))
    assert send_digests(dt.date(2023, 3, 2)) == []
    do_plan_oit_item(
        personas.org,
        items[0],
        {"due_date": dt.date(2023, 3, 1)},
        actor=personas.clerk,
        expected_version=OitEntry.objects.get(pk=entry.pk).version,
    )
    assert len(send_digests(dt.date(2023, 3, 2))) == 1


def people(today):
    return [p.user.email for r in oit_reminders.due(today) for p in r.people]


def test_without_an_owner_the_department_then_the_admins_are_told(personas, items):
    Membership.objects.filter(pk=personas.reviewer.pk).update(department=personas.department)
    Membership.objects.exclude(pk=personas.reviewer.pk).update(department=None)
    entry = plan(personas, items[0], dt.date(2023, 2, 28), department=personas.department)
    assert people(dt.date(2023, 3, 1)) == [personas.reviewer.user.email]
    OitEntry.objects.filter(pk=entry.pk).update(department=None)
    assert people(dt.date(2023, 3, 1)) == [personas.admin.user.email]


def test_a_dry_run_sends_nothing(personas, items):
    plan(personas, items[0], dt.date(2023, 2, 28), owner=personas.clerk)
    assert len(send_digests(dt.date(2023, 3, 1), dry_run=True)) == 1
    assert not OitReminderSent.objects.exists()

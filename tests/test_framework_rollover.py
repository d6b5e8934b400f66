"""The new ITA year never starts without a framework: from 1 October the daily run makes a
provisional copy of the latest year, once, and members are told it is provisional until an
operator confirms it."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command
from django.urls import reverse

from assessments.models import Framework
from assessments.rollover import ensure_current_framework
from itatrack.models import AuditEvent


def test_a_database_on_1_october_2570_gets_a_provisional_2570_once(frameworks):
    Framework.objects.filter(fiscal_year__gte=2570).delete()
    latest = Framework.objects.order_by("-fiscal_year").first()
    made = ensure_current_framework(dt.date(2026, 10, 1))  # fiscal year 2570 begins
    assert made is not None and made.fiscal_year == 2570 and made.is_provisional
    assert made.items.count() == latest.items.count()
    assert ensure_current_framework(dt.date(2026, 10, 2)) is None
    assert Framework.objects.filter(fiscal_year=2570).count() == 1
    event = AuditEvent.objects.get(verb="framework.copy")
    assert event.actor is None and event.data == {"source": latest.fiscal_year}


def test_the_daily_command_makes_it_and_a_second_run_adds_nothing(frameworks):
    Framework.objects.filter(fiscal_year__gte=2570).delete()
    call_command("send_reminders", today=dt.date(2026, 10, 1))
    call_command("send_reminders", today=dt.date(2026, 10, 1))
    assert Framework.objects.filter(fiscal_year=2570).count() == 1
    assert AuditEvent.objects.filter(verb="framework.copy").count() == 1


def test_members_see_that_the_years_framework_is_provisional_until_confirmed(
    personas, frameworks, time_machine
):
    time_machine.move_to(dt.datetime(2026, 12, 7, 10, 0))
    Framework.objects.filter(fiscal_year__gte=2570).delete()
    ensure_current_framework(dt.date(2026, 12, 7))
    home = reverse("org_home", args=[personas.org.slug])
    page = personas.client_for(personas.clerk).get(home).content.decode()
    assert 'id="provisional-framework"' in page and "กรอบการประเมินปี ๒๕๗๐ ยังไม่ยืนยัน" in page
    Framework.objects.filter(fiscal_year=2570).update(status=Framework.Status.CONFIRMED)
    page = personas.client_for(personas.clerk).get(home).content.decode()
    assert 'id="provisional-framework"' not in page

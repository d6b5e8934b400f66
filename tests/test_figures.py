"""The overview's kept counts follow every change that moves them, and the date."""

from __future__ import annotations

import datetime as dt
import io

import time_machine
from django.core.management import call_command

from itatrack import figures
from itatrack.models import YearFigures
from measures.actions import (
    MeasureLinks,
    do_cancel_measure,
    do_close_measure,
    do_reopen_measure,
    do_save_measure,
    do_update_plan,
)
from measures.models import Measure
from reports.publishing import do_publish
from tests.memo_helpers import approved_memo, plan_with_measures


def counts(org, year=2566) -> tuple[int, int, int, int]:
    row = YearFigures.objects.get(organization=org, fiscal_year=year)
    return row.measures_total, row.measures_done, row.measures_overdue, row.published


@time_machine.travel(dt.datetime(2023, 1, 10, 9, 0), tick=False)
def test_each_measure_change_recounts_the_body_on_commit(
    personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        plan = plan_with_measures(personas.org, count=3)  # ending 31 March 2023
    assert counts(personas.org) == (3, 0, 0, 0)
    first, second, third = plan.measures.order_by("number")
    with django_capture_on_commit_callbacks(execute=True):
        do_close_measure(first, "เสร็จแล้ว", actor=None)
        do_cancel_measure(second, "ไม่ได้รับงบประมาณ", actor=None)
        do_save_measure(third, {"end_date": dt.date(2023, 1, 5)}, MeasureLinks(), actor=None)
    assert counts(personas.org) == (2, 1, 1, 0)
    with django_capture_on_commit_callbacks(execute=True):
        do_reopen_measure(second, actor=None)
    assert counts(personas.org) == (3, 1, 1, 0)


def test_nothing_is_recounted_before_the_change_commits(personas):
    plan_with_measures(personas.org, count=2)  # the test's transaction never commits
    assert not YearFigures.objects.filter(organization=personas.org).exists()


def test_a_measure_turns_overdue_with_the_daily_recount(personas):
    plan_with_measures(personas.org, count=2)
    with time_machine.travel(dt.datetime(2023, 3, 1, 9, 0), tick=False):
        call_command("refresh_figures", stdout=io.StringIO())
    assert counts(personas.org)[2] == 0
    with time_machine.travel(dt.datetime(2023, 4, 1, 9, 0), tick=False):
        call_command("refresh_figures", stdout=io.StringIO())
    row = YearFigures.objects.get(organization=personas.org, fiscal_year=2566)
    assert row.measures_overdue == 2
    assert row.counted_on == dt.date(2023, 4, 1)


def test_a_year_whose_plan_moved_away_reads_zero(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        plan = plan_with_measures(personas.org, count=2)
    assert counts(personas.org)[0] == 2
    with django_capture_on_commit_callbacks(execute=True):
        do_update_plan(plan, {"fiscal_year": 2567}, actor=None)
    assert counts(personas.org) == (0, 0, 0, 0)
    assert counts(personas.org, 2567)[0] == 2


def test_publishing_counts_the_document(personas, django_capture_on_commit_callbacks):
    memo = approved_memo(personas, measures=1)
    with django_capture_on_commit_callbacks(execute=True):
        do_publish(memo, actor=personas.admin, unsigned=True)
    assert counts(personas.org)[3] == 1


def test_other_bodies_are_left_alone_by_a_recount_of_one(personas):
    plan_with_measures(personas.org, count=1)
    plan_with_measures(personas.other_org, count=2)
    figures.refresh([personas.org.pk])
    assert YearFigures.objects.filter(organization=personas.org).exists()
    assert not YearFigures.objects.filter(organization=personas.other_org).exists()
    assert Measure.objects.filter(plan__organization=personas.other_org).count() == 2

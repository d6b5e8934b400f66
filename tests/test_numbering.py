from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from itatrack.actions import ActionError
from itatrack.models import Organization
from reports.actions import do_create_memo, do_set_route, do_submit_memo, do_update_memo
from reports.models import Memo, Verb
from reports.numbering import allocate, next_number, prefix_for
from reports.register import do_set_memo_number, do_set_next_number, do_set_number_year
from tests.memo_helpers import analysis_memo

NOV_2568 = dt.date(2025, 11, 3)  # fiscal year 2569, calendar year 2568
DEC_2568 = dt.date(2025, 12, 30)
JAN_2569 = dt.date(2026, 1, 2)


def test_numbers_run_through_the_calendar_year_and_restart_on_the_first_of_january(personas, db):
    org = personas.org
    # 1 October does not restart the register (ระเบียบงานสารบรรณ ข้อ 43.1.2)
    assert [allocate(org, None, day)[2] for day in (dt.date(2025, 9, 30), NOV_2568)] == [1, 2]
    assert allocate(org, None, DEC_2568) == ("ลพ 99901", 2568, 3)
    assert allocate(org, None, JAN_2569) == ("ลพ 99901", 2569, 1)


def test_an_organisation_that_numbers_by_fiscal_year_restarts_on_the_first_of_october(personas, db):
    org = personas.org
    do_set_number_year(org, Organization.NumberYear.FISCAL, actor=personas.admin)
    org.refresh_from_db()
    assert allocate(org, None, dt.date(2025, 9, 30)) == ("ลพ 99901", 2568, 1)
    assert allocate(org, None, NOV_2568) == ("ลพ 99901", 2569, 1)
    assert allocate(org, None, JAN_2569) == ("ลพ 99901", 2569, 2)


def test_only_an_admin_changes_how_the_register_counts(personas, db):
    with pytest.raises(ActionError):
        do_set_number_year(personas.org, "fiscal", actor=personas.clerk)


def test_a_department_with_its_own_prefix_counts_apart_when_configured(personas, db):
    org, department = personas.org, personas.department
    department.doc_prefix = "ลพ 99901.1"
    department.save()
    assert prefix_for(org, department) == "ลพ 99901"  # not configured: one counter
    org.number_per_department = True
    org.save()
    assert allocate(org, department, NOV_2568) == ("ลพ 99901.1", 2568, 1)
    assert allocate(org, None, NOV_2568) == ("ลพ 99901", 2568, 1)


def test_the_admin_continues_the_counter_where_the_paper_register_is(personas, db):
    org = personas.org
    assert do_set_next_number(org, "ลพ 99901", 2568, 237, actor=personas.admin) == 237
    assert next_number(org, "ลพ 99901", 2568) == 237
    assert allocate(org, None, NOV_2568)[2] == 237
    assert allocate(org, None, NOV_2568)[2] == 238


def test_the_counter_never_goes_back_to_a_number_a_memo_holds(personas, frameworks):
    memo = analysis_memo(personas, measures=1)
    memo.date = NOV_2568
    memo.save(update_fields=["date"])
    do_set_next_number(personas.org, "ลพ 99901", 2568, 40, actor=personas.admin)
    do_submit_memo(memo, actor=personas.clerk)
    memo.refresh_from_db()
    assert memo.number == 40
    with pytest.raises(ActionError, match="ไม่น้อยกว่า ๔๑"):
        do_set_next_number(personas.org, "ลพ 99901", 2568, 40, actor=personas.admin)
    with pytest.raises(ActionError):
        do_set_next_number(personas.org, "ลพ 99901", 2568, 300, actor=personas.clerk)


def test_a_number_from_the_central_register_is_typed_at_submission_and_is_unique(
    personas, frameworks
):
    first = analysis_memo(personas, measures=1)
    do_submit_memo(first, actor=personas.clerk, number=236)
    first.refresh_from_db()
    assert (first.number, first.number_external) == (236, True)
    assert first.number_text.endswith("/๒๓๖")
    second = _general_memo(personas)
    with pytest.raises(ActionError, match="มีบันทึกอื่นใช้แล้ว"):
        do_submit_memo(second, actor=personas.clerk, number=236)
    second.refresh_from_db()
    assert second.number is None and second.status == Memo.Status.DRAFT
    # the counter continues after the typed number: it is never given again
    do_submit_memo(second, actor=personas.clerk)
    second.refresh_from_db()
    assert second.number == 237


def _general_memo(personas) -> Memo:
    memo = do_create_memo(personas.org, Memo.Kind.GENERAL, actor=personas.clerk)
    do_update_memo(memo, {"subject": "เรื่องทั่วไป"}, None, actor=personas.clerk)
    do_set_route(memo, [(personas.executive, Verb.APPROVE)], actor=personas.clerk)
    return memo


def test_the_saraban_officer_sets_the_register_number_before_the_final_approval(
    personas, frameworks
):
    memo = analysis_memo(personas, measures=1)
    do_submit_memo(memo, actor=personas.clerk)
    do_set_memo_number(memo, 512, actor=personas.clerk)
    memo.refresh_from_db()
    assert memo.number == 512
    Memo.objects.filter(pk=memo.pk).update(status=Memo.Status.APPROVED)
    with pytest.raises(ActionError, match="อนุมัติแล้ว"):
        do_set_memo_number(memo, 513, actor=personas.clerk)


def test_numbers_given_per_fiscal_year_before_the_change_are_never_given_again(
    personas, frameworks
):
    """The migration marks old numbers as fiscal-year numbers; a calendar year that already
    holds some of them continues after the highest."""
    old = analysis_memo(personas, measures=1)
    Memo.objects.filter(pk=old.pk).update(
        number=5, number_year=2569, number_basis="fiscal", number_prefix="ลพ 99901", date=NOV_2568
    )
    assert allocate(personas.org, None, DEC_2568)[2] == 6  # dated in calendar 2568
    assert allocate(personas.org, None, JAN_2569)[2] == 6  # fiscal 2569's /5 exists


@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_once_never_share_a_number(personas, frameworks):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's row locks")
    first = analysis_memo(personas, measures=1)
    second = do_create_memo(personas.org, Memo.Kind.GENERAL, actor=personas.clerk)
    do_update_memo(second, {"subject": "เรื่องทั่วไป"}, None, actor=personas.clerk)
    do_set_route(second, [(personas.executive, Verb.APPROVE)], actor=personas.clerk)
    barrier = threading.Barrier(2)
    numbers: list[int] = []

    def submit(pk: int) -> None:
        try:
            memo = Memo.objects.get(pk=pk)
            barrier.wait()
            numbers.append(do_submit_memo(memo, actor=personas.clerk).number)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(m.pk,)) for m in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(numbers) == [1, 2]

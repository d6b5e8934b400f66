"""A memo's dates agree: its วันที่, the fiscal year of its ที่ number and its approvals' dates,
or the memo page says which is off; the edit form keeps a numbered memo's date in its year."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.access import current_step
from reports.actions import Decision, do_decide, do_submit_memo
from reports.datecheck import date_problems
from reports.forms import MemoForm
from reports.models import Memo
from tests.memo_helpers import analysis_memo, memo_edit_data

TZ = timezone.get_current_timezone()


@pytest.fixture
def memo(personas, frameworks):
    return analysis_memo(personas, measures=1)


def submitted(memo: Memo, personas, date: dt.date) -> Memo:
    memo.date = date
    memo.save(update_fields=["date"])
    do_submit_memo(memo, actor=personas.clerk)
    memo.refresh_from_db()
    return memo


def test_a_memo_submitted_as_dated_has_agreeing_dates(personas, memo):
    memo = submitted(memo, personas, timezone.localdate())
    assert memo.number_year is not None
    assert date_problems(memo) == []


def test_a_date_moved_into_another_year_after_numbering_is_said(personas, memo):
    memo = submitted(memo, personas, dt.date(2025, 12, 25))  # calendar year 2568
    assert memo.number_year == 2568
    Memo.objects.filter(pk=memo.pk).update(date=dt.date(2026, 1, 2))  # as older data may be
    memo.refresh_from_db()
    assert date_problems(memo, today=dt.date(2026, 1, 5)) == [
        f"เลขที่หนังสือ ที่ {memo.number_text} ออกในปี พ.ศ. ๒๕๖๘ วันที่ของบันทึกต้องอยู่ระหว่าง "
        "๑ มกราคม ๒๕๖๘ ถึง ๓๑ ธันวาคม ๒๕๖๘ (ไม่ใช่ ๒ มกราคม ๒๕๖๙)"
    ]


def test_an_old_number_given_per_fiscal_year_keeps_its_fiscal_bounds(personas, memo):
    memo = submitted(memo, personas, dt.date(2025, 9, 25))
    Memo.objects.filter(pk=memo.pk).update(
        number_basis="fiscal", number_year=2568, date=dt.date(2025, 10, 2)
    )
    memo.refresh_from_db()
    assert date_problems(memo, today=dt.date(2025, 10, 5)) == [
        f"เลขที่หนังสือ ที่ {memo.number_text} ออกในปีงบประมาณ ๒๕๖๘ วันที่ของบันทึกต้องอยู่ระหว่าง "
        "๑ ตุลาคม ๒๕๖๗ ถึง ๓๐ กันยายน ๒๕๖๘ (ไม่ใช่ ๒ ตุลาคม ๒๕๖๘)"
    ]


def test_an_approval_dated_before_the_memo_is_said(personas, memo):
    memo = submitted(memo, personas, dt.date(2025, 9, 25))
    step = current_step(memo)
    do_decide(step, Decision.APPROVE, "เห็นชอบ", actor=personas.reviewer)
    step.refresh_from_db()
    step.decided_at = dt.datetime(2025, 9, 20, 10, 0, tzinfo=TZ)
    step.save(update_fields=["decided_at"])
    problems = date_problems(memo, today=dt.date(2025, 9, 26))
    assert problems == [
        f"{personas.reviewer.display_name} ลงความเห็นเมื่อ ๒๐ กันยายน ๒๕๖๘ "
        "ก่อนวันที่ของบันทึก (๒๕ กันยายน ๒๕๖๘)"
    ]


def test_a_submitted_memo_dated_ahead_is_said(personas, memo):
    ahead = timezone.localdate() + dt.timedelta(days=3)
    memo = submitted(memo, personas, ahead)
    assert any("ยังไม่ถึง" in p for p in date_problems(memo))


def test_the_memo_page_says_which_date_is_off(personas, memo):
    memo = submitted(memo, personas, timezone.localdate() + dt.timedelta(days=3))
    page = personas.client_for(personas.clerk).get(
        reverse("memo_detail", args=[personas.org.slug, memo.pk])
    )
    html = page.content.decode()
    assert 'id="date-problems"' in html and "วันที่ในบันทึกไม่สอดคล้องกัน" in html


def test_a_returned_memo_cannot_be_redated_outside_its_numbers_year(personas, memo):
    memo = submitted(memo, personas, timezone.localdate())
    do_decide(current_step(memo), Decision.RETURN, "ขอแก้วันที่", actor=personas.reviewer)
    memo.refresh_from_db()
    start_of_next = dt.date(memo.number_year - 543 + 1, 1, 1)
    form = MemoForm(instance=memo)
    client = personas.client_for(personas.clerk)
    response = client.post(
        reverse("memo_edit", args=[personas.org.slug, memo.pk]),
        memo_edit_data(personas, form, date=start_of_next.isoformat()),
    )
    assert response.status_code == 200
    assert "ออกในปี พ.ศ." in response.content.decode()
    memo.refresh_from_db()
    assert memo.date != start_of_next


def test_a_numbered_memo_keeps_a_date(personas, memo):
    memo = submitted(memo, personas, timezone.localdate())
    form = MemoForm(data={"date": ""}, instance=memo)
    form.is_valid()
    assert form.errors["date"] == ["บันทึกนี้มีเลขที่หนังสือแล้ว กรุณาระบุวันที่"]


def test_a_draft_may_be_dated_in_any_year(personas, memo):
    form = MemoForm(data={"date": "2024-10-01"}, instance=memo)
    form.is_valid()
    assert "date" not in form.errors


def route_data(members, initial: int = 2) -> dict:
    """What the route page posts: the memo starts with the two approvers of analysis_memo."""
    data = {
        "r-TOTAL_FORMS": str(len(members)),
        "r-INITIAL_FORMS": str(initial),
        "r-MIN_NUM_FORMS": "0",
        "r-MAX_NUM_FORMS": "20",
    }
    for index, member in enumerate(members):
        data[f"r-{index}-member"] = member.pk
        data[f"r-{index}-verb"] = "approve" if index == len(members) - 1 else "endorse"
    return data


def test_a_route_of_five_approvers_is_set_in_one_go(personas, memo):
    from tests.conftest import make_member

    more = [
        make_member(personas.org, f"approver{n}", "reviewer", f"นายผู้พิจารณา{n} ทดสอบ")
        for n in range(3)
    ]
    chain = [personas.reviewer, *more, personas.executive]
    client = personas.client_for(personas.clerk)
    page = client.get(reverse("memo_route", args=[personas.org.slug, memo.pk])).content.decode()
    assert "data-formset-add" in page and "__prefix__" in page  # rows are added on the page
    client.post(reverse("memo_route", args=[personas.org.slug, memo.pk]), route_data(chain))
    assert [r.member for r in memo.route.order_by("order")] == chain


def test_a_route_longer_than_twenty_is_refused(personas, memo):
    client = personas.client_for(personas.clerk)
    data = route_data([personas.reviewer] * 21)
    response = client.post(reverse("memo_route", args=[personas.org.slug, memo.pk]), data)
    assert response.status_code == 200
    assert "เส้นทางมีผู้พิจารณาได้ไม่เกิน ๒๐ คน" in response.content.decode()
    assert [r.member for r in memo.route.all()] == [personas.reviewer, personas.executive]

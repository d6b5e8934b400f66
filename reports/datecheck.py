"""Do a memo's dates agree? The วันที่ line, the register year its ที่ number was given in, and
the dates its approvers decided on are printed on one page; a reader who sees an approval
dated before the memo, or a number of another year, doubts the document.

The number is given in the register year (calendar or fiscal, as the organisation counts) of
the memo's date at its first submission, so they
disagree only when the date is changed afterwards (a returned memo) or the data predates that
rule; approvals disagree when the memo is dated ahead of the day it is decided on.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from itatrack.thai import screen_date, screen_digits
from reports.models import ApprovalStep, Memo
from reports.numbering import FISCAL, year_bounds


def number_bounds(memo: Memo) -> tuple[dt.date, dt.date] | None:
    """The first and last day the memo may be dated under its ที่ number."""
    if memo.number is None or memo.number_year is None:
        return None
    return year_bounds(memo.number_basis or FISCAL, memo.number_year)


def year_word(memo: Memo) -> str:
    return _("ปีงบประมาณ") if (memo.number_basis or FISCAL) == FISCAL else _("ปี พ.ศ.")


def number_year_problem(memo: Memo, date: dt.date | None) -> str:
    """Why date cannot be the memo's date under its ที่ number ("" when it can)."""
    bounds = number_bounds(memo)
    if bounds is None or date is None or bounds[0] <= date <= bounds[1]:
        return ""
    start, end = bounds
    return _(
        "เลขที่หนังสือ ที่ %(number)s ออกใน%(word)s %(number_year)s วันที่ของบันทึกต้องอยู่ระหว่าง "
        "%(start)s ถึง %(end)s (ไม่ใช่ %(date)s)"
    ) % {
        "date": screen_date(date),
        "word": year_word(memo),
        "number": memo.number_text,
        "number_year": screen_digits(memo.number_year),
        "start": screen_date(start),
        "end": screen_date(end),
    }


def date_problems(memo: Memo, *, today: dt.date | None = None) -> list[str]:
    """Each disagreement between the memo's dates, said in Thai; [] when they agree."""
    today = today or timezone.localdate()
    found = []
    if memo.number is not None and memo.date is None:
        found.append(_("บันทึกมีเลขที่หนังสือแล้วแต่ไม่มีวันที่ กรุณาแก้ไขบันทึกแล้วระบุวันที่"))
    if problem := number_year_problem(memo, memo.date):
        found.append(problem)
    if memo.date is None:
        return found
    if memo.status in (Memo.Status.SUBMITTED, Memo.Status.APPROVED) and memo.date > today:
        found.append(
            _("วันที่ของบันทึก (%(date)s) ยังไม่ถึง ผู้พิจารณาจะลงความเห็นก่อนวันที่ของบันทึก")
            % {"date": screen_date(memo.date)}
        )
    steps = memo.steps.filter(round=memo.round, state__in=ApprovalStep.DECIDED).order_by("order")
    for step in steps:
        decided = timezone.localdate(step.decided_at) if step.decided_at else None
        if decided is not None and decided < memo.date:
            found.append(
                _("%(who)s ลงความเห็นเมื่อ %(decided)s ก่อนวันที่ของบันทึก (%(date)s)")
                % {
                    "who": step.member_name or step.member.display_name,
                    "decided": screen_date(decided),
                    "date": screen_date(memo.date),
                }
            )
    return found

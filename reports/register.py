"""Services of the send register: how the organisation counts, where the counter continues,
and a number typed from the central register (e-saraban) for one memo."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from itatrack.actions import ActionError
from itatrack.actors import Actor, check_actor, check_role
from itatrack.audit import record
from itatrack.models import Organization
from itatrack.thai import screen_digits
from reports import duties, numbering
from reports.models import Memo

NUMBERABLE = (Memo.Status.DRAFT, Memo.Status.RETURNED, Memo.Status.SUBMITTED)


@transaction.atomic(durable=True)
def do_set_number_year(org: Organization, basis: str, *, actor: Actor) -> Organization:
    check_actor(actor, org)
    check_role(actor, duties.ADMIN_ROLES, _("เปลี่ยนการนับเลขที่หนังสือได้เฉพาะผู้ดูแลหน่วยงาน"))
    if basis not in Organization.NumberYear.values:
        raise ActionError(_("ไม่รู้จักการนับเลขแบบนี้"))
    org = Organization.objects.select_for_update().get(pk=org.pk)
    before, org.number_year = org.number_year, basis
    org.save(update_fields=["number_year"])
    record("register.year", actor=actor, organization=org, target=org, previous=before, now=basis)
    return org


@transaction.atomic(durable=True)
def do_set_next_number(
    org: Organization, prefix: str, year: int, number: int, *, actor: Actor
) -> int:
    """The counter continues at number ("เลขถัดไป ๒๓๗"): never at or below a number a memo
    of that prefix and year already holds."""
    check_actor(actor, org)
    check_role(actor, duties.ADMIN_ROLES, _("กำหนดเลขที่หนังสือถัดไปได้เฉพาะผู้ดูแลหน่วยงาน"))
    if number < 1:
        raise ActionError(_("เลขถัดไปต้องเป็นจำนวนเต็มตั้งแต่ ๑ ขึ้นไป"))
    try:
        before, after = numbering.set_next(org, prefix, year, number)
    except ValueError as exc:
        raise ActionError(
            _("เลข %(number)s ออกไปแล้วหรือต่ำกว่าเลขที่ออกไปแล้ว เลขถัดไปต้องไม่น้อยกว่า %(lowest)s")
            % {"number": screen_digits(number), "lowest": screen_digits(exc.args[0])}
        ) from exc
    record(
        "register.next",
        actor=actor,
        organization=org,
        target=org,
        prefix=prefix,
        year=year,
        previous=before,
        now=after,
    )
    return after


@transaction.atomic(durable=True)
def do_set_memo_number(
    memo: Memo, number: int, *, actor: Actor, date: dt.date | None = None
) -> Memo:
    """The memo takes the number the office's register gave it (typed at submission, or by
    the สารบรรณ officer before the final approval). Unique per prefix and register year."""
    check_actor(actor, memo.organization_id)
    memo = Memo.objects.select_for_update().select_related("organization").get(pk=memo.pk)
    if memo.status not in NUMBERABLE:
        raise ActionError(_("บันทึกนี้อนุมัติแล้ว เปลี่ยนเลขที่หนังสือไม่ได้"))
    previous = memo.number_text
    assign_number(memo, number, date or memo.date or timezone.localdate())
    record(
        "memo.number",
        actor=actor,
        organization=memo.organization,
        target=memo,
        previous=previous,
        number=memo.number_text,
    )
    return memo


def assign_number(memo: Memo, number: int, day: dt.date) -> None:
    """Give the locked memo a number typed from the register (inside the caller's
    transaction), refusing one that another memo of the prefix and year holds."""
    if number < 1:
        raise ActionError(_("เลขที่หนังสือต้องเป็นจำนวนเต็มตั้งแต่ ๑ ขึ้นไป"))
    org = memo.organization
    prefix = numbering.prefix_for(org, memo.department)
    year = numbering.register_year(org, day)
    if numbering.taken(org, prefix, year, number, exclude=memo):
        raise ActionError(
            _("เลขที่ %(number)s ของปี %(year)s มีบันทึกอื่นใช้แล้ว กรุณาตรวจเลขจากทะเบียนหนังสือส่ง")
            % {
                "number": screen_digits(f"{prefix}/{number}" if prefix else number),
                "year": screen_digits(year),
            }
        )
    memo.number_prefix, memo.number_year, memo.number = prefix, year, number
    memo.number_basis, memo.number_external, memo.date = org.number_year, True, day
    memo.save(
        update_fields=[
            "number_prefix",
            "number_year",
            "number",
            "number_basis",
            "number_external",
            "date",
            "updated_at",
        ]
    )

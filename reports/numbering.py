"""ที่ numbers as the office's send register runs: per organisation (or department prefix),
per calendar year by default (ระเบียบงานสารบรรณ ข้อ 43.1.2) or per fiscal year where the
organisation says so; continued from where the register is, or typed from it.

A number is never given twice for a prefix and year. The counter is one floor; the numbers
already on memos of that year are another, so a change of counting (fiscal to calendar, as
the migration to this rule did) or a number typed from the central register can never be given
again by the counter."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Max, Q

from itatrack.models import Department, Organization
from itatrack.thai import be_year, ce_year, fiscal_year, fiscal_year_bounds
from reports.models import DocumentCounter, Memo

CALENDAR = Organization.NumberYear.CALENDAR
FISCAL = Organization.NumberYear.FISCAL


def prefix_for(org: Organization, department: Department | None) -> str:
    """The department's own prefix when the organisation numbers per department, else the
    organisation's. Departments without a prefix share the organisation's counter."""
    if org.number_per_department and department is not None and department.doc_prefix:
        return department.doc_prefix
    return org.doc_prefix


def register_year(org: Organization, day: dt.date) -> int:
    """The register year (พ.ศ.) a number given on day belongs to."""
    if org.number_year == FISCAL:
        return fiscal_year(day)
    return be_year(day.year)


def year_bounds(basis: str, year: int) -> tuple[dt.date, dt.date]:
    if basis == FISCAL:
        return fiscal_year_bounds(year)
    return dt.date(ce_year(year), 1, 1), dt.date(ce_year(year), 12, 31)


def highest_issued(org: Organization, prefix: str, basis: str, year: int) -> int:
    """The highest number on any memo of the prefix in that register year, or dated in it."""
    start, end = year_bounds(basis, year)
    found = (
        Memo.objects.filter(organization=org, number_prefix=prefix)
        .exclude(number=None)
        .filter(Q(number_year=year) | Q(date__range=(start, end)))
        .aggregate(top=Max("number"))["top"]
    )
    return found or 0


def _locked_counter(org: Organization, prefix: str, year: int) -> DocumentCounter:
    for _attempt in range(3):
        try:
            with transaction.atomic():
                counter, _created = DocumentCounter.objects.select_for_update().get_or_create(
                    organization=org, prefix=prefix, year=year
                )
            return counter
        except IntegrityError:  # another transaction created the counter first: lock it
            continue
    return DocumentCounter.objects.select_for_update().get(
        organization=org, prefix=prefix, year=year
    )


def allocate(
    org: Organization, department: Department | None, day: dt.date
) -> tuple[str, int, int]:
    """(prefix, year, number): the next number of the register, under a row lock, so two
    submissions at the same moment never get the same one. Must run inside the caller's
    transaction."""
    prefix = prefix_for(org, department)
    year = register_year(org, day)
    counter = _locked_counter(org, prefix, year)
    counter.last = _next_after(counter.last, highest_issued(org, prefix, org.number_year, year))
    counter.save(update_fields=["last"])
    return prefix, year, counter.last


def _next_after(counter_last: int, issued: int) -> int:
    """The counter's next number: after its own last one and after any a memo holds."""
    return max(counter_last, issued) + 1


def register_state(org: Organization, prefix: str, year: int) -> tuple[int, int]:
    """(the highest number issued, the number the counter gives next), for the register page."""
    counter = DocumentCounter.objects.filter(organization=org, prefix=prefix, year=year).first()
    issued = highest_issued(org, prefix, org.number_year, year)
    return issued, _next_after(counter.last if counter else 0, issued)


def next_number(org: Organization, prefix: str, year: int) -> int:
    """What the counter would give next."""
    return register_state(org, prefix, year)[1]


def set_next(org: Organization, prefix: str, year: int, number: int) -> tuple[int, int]:
    """Continue the counter at number (the paper register's next one). (before, after) next
    numbers. Raises ValueError with the lowest number allowed when number was already given."""
    counter = _locked_counter(org, prefix, year)
    floor = highest_issued(org, prefix, org.number_year, year)
    before = _next_after(counter.last, floor)
    if number <= floor:
        raise ValueError(floor + 1)
    counter.last = number - 1
    counter.save(update_fields=["last"])
    return before, number


def taken(org: Organization, prefix: str, year: int, number: int, *, exclude: Memo) -> bool:
    return (
        Memo.objects.filter(organization=org, number_prefix=prefix, number_year=year, number=number)
        .exclude(pk=exclude.pk)
        .exists()
    )

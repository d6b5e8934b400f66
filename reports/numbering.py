"""ที่ numbers: per organisation (or department prefix), per fiscal year, handed out once."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from itatrack.models import Department, Organization
from reports.models import DocumentCounter


def prefix_for(org: Organization, department: Department | None) -> str:
    """The department's own prefix when the organisation numbers per department, else the
    organisation's. Departments without a prefix share the organisation's counter."""
    if org.number_per_department and department is not None and department.doc_prefix:
        return department.doc_prefix
    return org.doc_prefix


def allocate(org: Organization, department: Department | None, fiscal_year: int) -> tuple[str, int]:
    """(prefix, number): the next number, under a row lock, so two submissions at the same
    moment never get the same one. Must run inside the caller's transaction."""
    prefix = prefix_for(org, department)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                counter, _created = DocumentCounter.objects.select_for_update().get_or_create(
                    organization=org, prefix=prefix, fiscal_year=fiscal_year
                )
            break
        except IntegrityError:  # another transaction created the counter first: lock it
            continue
    counter.last += 1
    counter.save(update_fields=["last"])
    return prefix, counter.last

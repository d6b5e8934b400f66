"""A body's counts for one fiscal year, kept for the supervisors' table."""

from __future__ import annotations

from django.db import models

from itatrack.models.organisations import Organization


class YearFigures(models.Model):
    """Counting the measures and documents of 8,000 bodies live on every sort of the overview
    costs seconds, so they are kept here: recounted for a body when its measures or
    publications change, and for everyone daily (overdue depends on the date alone)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="year_figures"
    )
    fiscal_year = models.PositiveIntegerField()
    measures_total = models.PositiveIntegerField(default=0)  # cancelled ones left out
    measures_done = models.PositiveIntegerField(default=0)
    measures_overdue = models.PositiveIntegerField(default=0)
    published = models.PositiveIntegerField(default=0)
    oit_ready = models.PositiveIntegerField(default=0)  # OIT items ready or published
    counted_on = models.DateField()

    class Meta:
        # Indexed by (fiscal_year, organization) in migration 0006: covering on PostgreSQL.
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fiscal_year"], name="one_figures_row_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.fiscal_year}"

"""Fill the database with a national-scale dataset for `make bench`
(see itatrack.devtools.national)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from tqdm import tqdm

from itatrack import figures
from itatrack.devtools import national
from itatrack.models import Organization


class Command(BaseCommand):
    help = (
        "Generate every local government of the country with eight years of results, measures "
        "and memos (for benchmarks; PostgreSQL recommended). Adds to what is there."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--organizations", type=int, default=8000)
        parser.add_argument("--years", type=int, default=8)
        parser.add_argument("--measures", type=int, default=20, help="measures a plan")
        parser.add_argument("--batch", type=int, default=200, help="bodies per transaction")
        parser.add_argument("--seed", type=int, default=2569)
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="do nothing when generated bodies are already there",
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        existing = Organization.objects.filter(slug__startswith=national.SLUG_PREFIX).count()
        organizations = options["organizations"]
        if options["if_missing"] and existing:
            if national.is_complete():
                if written := national.fill_oit():  # a dataset made before the OIT workspace
                    figures.refresh()
                    self.stdout.write(f"Added {written} OIT workspace rows to the dataset.")
                self.stdout.write(
                    f"{existing} generated bodies are already there; nothing more to do."
                )
                return
            # A run killed part way: its whole batches are kept (one transaction each), so it
            # is finished, not trusted: the missing bodies, then the figures and ANALYZE.
            organizations = max(organizations - existing, 0)
            self.stdout.write(
                f"A half-made dataset ({existing} bodies, never marked complete): "
                f"adding {organizations} bodies, then the figures and ANALYZE."
            )
        elif organizations < 1:
            raise CommandError("--organizations must be at least 1")
        if options["years"] < 1:
            raise CommandError("--years must be at least 1")
        if connection.vendor != "postgresql" and organizations > 500:
            self.stderr.write(
                "WARNING: national scale is meant for PostgreSQL (DATABASE_URL); this will be slow."
            )
        started = time.monotonic()
        generator = national.Generator(
            organizations=organizations,
            years=options["years"],
            measures=options["measures"],
            seed=options["seed"],
        )
        with tqdm(
            total=organizations,
            unit=" bodies",
            disable=options["no_progress"],
            file=self.stderr,
        ) as bar:
            counts = generator.run(batch=options["batch"], progress=bar.update)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        # Last of all: the national office marks the dataset complete (national.is_complete).
        national.national_oversight()
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts.organizations} bodies, {counts.assessments} assessments "
                f"({counts.item_scores} question scores), {counts.measures} measures, "
                f"{counts.follow_ups} follow-ups, {counts.memos} memos: "
                f"{counts.rows} rows in {seconds:.0f} s"
            )
        )

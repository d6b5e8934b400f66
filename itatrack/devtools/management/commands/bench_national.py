"""Benchmark (make bench) on the national-scale dataset (manage.py generate_national): server
time and queries of the main pages beside a trivial view, then a loopback load test."""

from __future__ import annotations

import time
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client

from itatrack import figures, pagecache
from itatrack.devtools import bench, national
from itatrack.models import Organization
from measures.models import Plan
from reports.models import Memo, OitEntry

T = TypeVar("T")
TARGET_MS = 100
TARGET_QUERIES = 20


def _present(value: T | None, what: str) -> T:
    if value is None:
        raise CommandError(f"the national dataset has no {what}: run `manage.py generate_national`")
    return value


class Command(BaseCommand):
    help = "Print page times, queries and load-test figures on the national dataset."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--runs", type=int, default=40)
        parser.add_argument("--load-seconds", type=int, default=10)
        parser.add_argument("--no-load", action="store_true")
        parser.add_argument("--users", type=int, default=50, help="mixed load: people at once")
        parser.add_argument("--mixed-seconds", type=int, default=60)

    def handle(self, *args: Any, runs: int, load_seconds: int, **options: Any) -> None:
        bodies = Organization.objects.filter(slug__startswith=national.SLUG_PREFIX).count()
        if not bodies:
            raise CommandError("no national dataset: run `manage.py generate_national` first")
        if hasattr(staticfiles_storage, "manifest_name"):  # production storage needs its manifest
            call_command("collectstatic", interactive=False, verbosity=0)
        oversight = national.national_oversight()
        national.sample_pdf()
        indexed = national.index_publications()
        if indexed:
            self.stdout.write(f"Search index: the words of {indexed} publications written first.")
            if connection.vendor == "postgresql":  # fresh rows: the planner needs their counts
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
        generated = Organization.objects.filter(slug__startswith=national.SLUG_PREFIX)
        # A typical body: a เทศบาลตำบล when there is one.
        org = _present(
            generated.filter(kind=Organization.Kind.SUBDISTRICT).order_by("slug").first()
            or generated.order_by("slug").last(),
            "a generated body",
        )
        users = get_user_model().objects
        executive = Client(HTTP_HOST="127.0.0.1")
        executive.force_login(users.get(username=f"{org.slug}-executive"))
        clerk = Client(HTTP_HOST="127.0.0.1")
        clerk.force_login(users.get(username=f"{org.slug}-staff"))
        supervisor = Client(HTTP_HOST="127.0.0.1")
        supervisor.force_login(_present(oversight.supervisors.first(), "a supervisor").user)
        anonymous = Client(HTTP_HOST="127.0.0.1")
        plan = _present(Plan.objects.for_org(org).order_by("-fiscal_year").first(), "a plan")
        memo = _present(
            Memo.objects.filter(organization=org, status=Memo.Status.APPROVED).last(),
            "an approved memo",
        )
        assessment = _present(plan.assessment, "an assessment")
        oit_year = plan.fiscal_year - 1  # the year assessed, whose framework exists
        filtered = urlencode({"province": org.province, "kind": org.kind, "sort": "-score"})
        pages = [
            ("trivial view (/healthz)", anonymous, "/healthz"),
            ("organisation dashboard", executive, f"/o/{org.slug}/dashboard/"),
            ("overview, first page", supervisor, f"/s/{oversight.slug}/"),
            ("overview, filtered", supervisor, f"/s/{oversight.slug}/?{filtered}"),
            ("overview, sorted by overdue", supervisor, f"/s/{oversight.slug}/?sort=-overdue"),
            ("overview, sorted by OIT ready", supervisor, f"/s/{oversight.slug}/?sort=-oit"),
            ("OIT workspace", clerk, f"/o/{org.slug}/oit/{oit_year}/"),
            ("public ITA page (kept copy)", anonymous, f"/p/{org.slug}/ita/{oit_year}/"),
            ("assessment grid", clerk, f"/o/{org.slug}/assessments/{assessment.pk}/scores/"),
            ("plan page", executive, f"/o/{org.slug}/plans/{plan.pk}/"),
            ("memo page", executive, f"/o/{org.slug}/memos/{memo.pk}/"),
            ("public page (kept copy)", anonymous, f"/p/{org.slug}/"),
            ("public page (rendered anew)", anonymous, f"/p/{org.slug}/"),
            ("public search, one body", anonymous, f"/p/{org.slug}/search/?q=มาตรการ"),
            ("public search, every body", anonymous, "/search/?q=มาตรการ+ทุจริต"),
            ("public search, every body, year", anonymous, f"/search/?q=มาตรการ&year={oit_year}"),
            ("trivial view again", anonymous, "/healthz"),
        ]
        self.stdout.write(
            f"National dataset: {bodies} bodies on {connection.vendor}; "
            f"pages of {org.name} ({org.slug}); {runs} timed runs each after 3 warm-ups."
        )
        self.stdout.write(f"{'page':32} {'median ms':>10} {'p95 ms':>8} {'queries':>8}  status")
        worst = 0.0
        for name, client, url in pages:
            # The second public row retires the kept copy before each request: the cost of
            # the first visitor after a publication.
            before = (lambda: pagecache.bump(org.slug)) if "anew" in name else None
            t = bench.time_page(client, name, url, runs, before=before)
            flag = "" if t.p95_ms <= TARGET_MS and t.queries <= TARGET_QUERIES else "  ← over"
            if t.status != 200:
                flag = f"  ← HTTP {t.status}"
            if not name.startswith("trivial"):
                worst = max(worst, t.p95_ms)
            self.stdout.write(
                f"{name:32} {t.median_ms:10.1f} {t.p95_ms:8.1f} {t.queries:8d}  {t.status}{flag}"
            )
        self.stdout.write(f"Worst p95 of the pages: {worst:.1f} ms (target ≤ {TARGET_MS} ms)")
        entries = OitEntry.objects.count()
        started = time.perf_counter()
        figures.refresh()
        self.stdout.write(
            f"Year figures recounted for every body (the daily job, {entries} OIT entries "
            f"among the rows counted): {time.perf_counter() - started:.1f} s"
        )
        if options["no_load"]:
            return
        self.stdout.write(
            f"Load test: gunicorn, 2 workers, wrk 2 threads × 16 connections, {load_seconds} s each"
        )
        # Loopback has no TLS proxy: the browser-side cookies must travel over plain HTTP
        # (Secure cookies would be dropped and every user would stay logged out).
        plain_cookies = {"SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0"}
        with bench.gunicorn(workers=2, env=plain_cookies) as base:
            trivial = bench.wrk(f"{base}/healthz", load_seconds)
            public = bench.wrk(f"{base}/p/{org.slug}/", load_seconds)
            for name, result in (("trivial view", trivial), ("public page", public)):
                self.stdout.write(
                    f"  {name:14} {result['rps']:8.0f} requests/s   "
                    f"p99 {result['p99_ms']:6.1f} ms   non-2xx {result['bad']:.0f}"
                )
            share = public["rps"] / trivial["rps"] * 100 if trivial["rps"] else 0
            self.stdout.write(f"  public page at {share:.0f} % of the trivial view (target ≥ 50 %)")
            users, seconds = options["users"], options["mixed_seconds"]
            self.stdout.write(
                f"Mixed authenticated load: {users} people (staff and executives of {users} "
                f"bodies, and citizens) for {seconds} s, locust against the same gunicorn"
            )
            people = bench.load_people(users)
            mixed = bench.locust(base, people, users, seconds, national.PASSWORD)
        self.stdout.write(
            f"  {mixed['requests']:.0f} requests, {mixed['failures']:.0f} errors, "
            f"{mixed['rps']:.1f} requests/s, median {mixed['median_ms']:.0f} ms, "
            f"p95 {mixed['p95_ms']:.0f} ms"
        )
        for name, row in sorted(mixed["by_name"].items()):
            self.stdout.write(
                f"    {name:16} {row['requests']:6.0f}  median {row['median_ms']:5.0f} ms"
                f"  p95 {row['p95_ms']:5.0f} ms  errors {row['failures']:.0f}"
            )
        labels = {"login": "while people log in", "steady": "steady, all logged in"}
        for phase, row in mixed["phases"].items():
            ratio = row["p95_ms"] / row["median_ms"] if row["median_ms"] else 0
            target = "  (target ≤ 5×)" if phase == "steady" else ""
            self.stdout.write(
                f"  pages {labels[phase]:22} {row['requests']:6.0f} requests  median "
                f"{row['median_ms']:5.0f} ms  p95 {row['p95_ms']:5.0f} ms  "
                f"p95/median {ratio:.1f}×{target}"
            )

"""Benchmark (make bench): render time of a memo whose measures table runs to three or more
landscape pages, warm and cached, then signing and validating it. Works in a transaction that
is rolled back: nothing stays."""

from __future__ import annotations

import datetime as dt
import statistics
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from assessments.models import Assessment, Framework
from itatrack.models import Department, Membership, Organization, Role
from measures.actions import MeasureLinks, do_create_plan, do_save_measure, do_save_step
from measures.models import Measure, MeasureStep
from reports import pdf, signing
from reports.actions import do_create_memo
from reports.models import Attachment, Memo


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Print memo render times (median of warm renders, and cached)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--runs", type=int, default=7)
        parser.add_argument("--measures", type=int, default=11)

    def handle(self, *args: Any, runs: int, measures: int, **options: Any) -> None:
        if not Framework.objects.filter(fiscal_year=2565).exists():
            raise CommandError("run `manage.py migrate` first (the frameworks are missing)")
        try:
            with transaction.atomic():
                self._bench(runs, measures)
                raise Rollback
        except Rollback:
            pass

    def _bench(self, runs: int, count: int) -> None:
        org = Organization.objects.create(
            slug="bench-org",
            name="เทศบาลตำบลทดสอบความเร็ว",
            short_name="ทต.ทดสอบ",
            kind="subdistrict",
            province="ลำปาง",
            doc_prefix="ลป 00000",
        )
        department = Department.objects.create(organization=org, name="สำนักปลัดเทศบาล")
        from django.contrib.auth.models import User

        user = User.objects.create_user("bench-clerk")
        author = Membership.objects.create(
            user=user,
            organization=org,
            role=Role.STAFF,
            display_name="นางสาวทดสอบ ความเร็ว",
            department=department,
            position="นักวิเคราะห์",
        )
        assessment = Assessment.objects.create(
            organization=org, framework=Framework.objects.get(fiscal_year=2565)
        )
        plan = do_create_plan(org, fiscal_year=2566, assessment=assessment, actor=None)
        for n in range(1, count + 1):
            measure = do_save_measure(
                Measure(plan=plan),
                {
                    "title": f"มาตรการที่ {n} ส่งเสริมความโปร่งใสในการปฏิบัติงานและการให้บริการ"
                    "ประชาชนของหน่วยงาน",
                    "start_date": dt.date(2022, 10, 1),
                    "end_date": dt.date(2023, 9, 30),
                    "follow_up_method": "รายงานผลในที่ประชุมพนักงานประจำเดือนและรอบ ๖ เดือน",
                    "note": "ข้อเสนอแนะของ ป.ป.ช. ในการประเมินปี ๒๕๖๕",
                },
                MeasureLinks(departments=[department]),
                actor=None,
            )
            for s in range(1, 4):
                do_save_step(
                    MeasureStep(measure=measure),
                    {"text": f"ขั้นตอนที่ {s} ดำเนินการตามแผนและรายงานผลต่อผู้บริหาร"},
                    actor=None,
                )
        memo = do_create_memo(
            org, Memo.Kind.ANALYSIS, actor=author, assessment=assessment, plan=plan
        )
        memo.attachments = [Attachment.MEASURES]
        memo.save()
        first = pdf.render(memo, use_cache=False)
        landscape = self._landscape_pages(first)
        warm = []
        for _ in range(runs):
            started = time.perf_counter()
            pdf.render(memo, use_cache=False)
            warm.append(time.perf_counter() - started)
        pdf.render(memo)  # fill the cache
        cached = []
        for _ in range(runs):
            started = time.perf_counter()
            pdf.render(memo)
            cached.append(time.perf_counter() - started)
        self.stdout.write(
            f"memo with {count} measures: {pdf.page_count(first)} pages, "
            f"{landscape} landscape (measures table)"
        )
        self.stdout.write(
            f"render, warm:   median {statistics.median(warm) * 1000:.0f} ms "
            f"(min {min(warm) * 1000:.0f}, max {max(warm) * 1000:.0f}, {runs} runs)"
        )
        self.stdout.write(
            f"render, cached: median {statistics.median(cached) * 1000:.1f} ms "
            f"(template and cache lookup only)"
        )
        self._bench_signing(first, runs)

    def _bench_signing(self, content: bytes, runs: int) -> None:
        """Publishing signs once; the public verification page validates on every visit."""
        p12 = signing.self_signed_p12("เทศบาลตำบลทดสอบความเร็ว", "bench")
        trust = signing.read_p12(p12, "bench").der
        signed_at, checked = [], []
        for _ in range(runs):
            started = time.perf_counter()
            signed = signing.sign(content, p12, "bench", reason="bench")
            signed_at.append(time.perf_counter() - started)
            started = time.perf_counter()
            assert signing.validate(signed, trust).ok
            checked.append(time.perf_counter() - started)
        self.stdout.write(
            f"sign (PAdES, no TSA): median {statistics.median(signed_at) * 1000:.0f} ms; "
            f"validate: median {statistics.median(checked) * 1000:.0f} ms "
            f"({len(content) // 1024} KB PDF)"
        )

    @staticmethod
    def _landscape_pages(content: bytes) -> int:
        import pypdfium2

        document = pypdfium2.PdfDocument(content)
        try:
            return sum(1 for page in document if page.get_width() > page.get_height())
        finally:
            document.close()

"""Benchmark (make bench): render time of a memo whose measures table runs to three or more
landscape pages, warm and cached, then signing and validating it. Works in a transaction that
is rolled back: nothing stays."""

from __future__ import annotations

import cProfile
import datetime as dt
import pstats
import statistics
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from assessments.models import Assessment, Framework
from itatrack import fonts
from itatrack.models import Department, Membership, Organization, Role
from measures.actions import MeasureLinks, do_create_plan, do_save_measure, do_save_step
from measures.models import Measure, MeasureStep
from reports import pdf, signing
from reports.actions import do_create_memo
from reports.models import Attachment, Memo


class Rollback(Exception):
    pass


def hello_page() -> bytes:
    """WeasyPrint's floor on this machine: the memo's @font-face rules and a Thai greeting,
    parsed and laid out afresh."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    faces = pdf.stylesheet(fonts.find_pdf_fonts()).split("/*", 1)[0]  # type: ignore[arg-type]
    font_config = FontConfiguration()
    fetcher = pdf.RestrictedFetcher(pdf.allowed_roots())
    css = CSS(
        string=faces + "html { font-family: MemoSarabun; }",
        url_fetcher=fetcher,
        font_config=font_config,
    )
    return HTML(string="<p>สวัสดี ตำบล</p>", url_fetcher=fetcher).write_pdf(
        stylesheets=[css], font_config=font_config
    )


PHASES = [
    # (label, file ending, function): cumulative time of that function over the profiled runs
    ("the whole render", "reports/pdf.py", "render"),
    ("our context: data, QR, fonts", "reports/pdf.py", "context"),
    ("  of which the attachment tables", "reports/attachments.py", "build"),
    ("HTML of the memo (templates, context, Thai digits)", "reports/pdf.py", "render_html"),
    ("HTML and stylesheet parsed (HTML, CSS objects)", "weasyprint/__init__.py", "__init__"),
    ("font faces loaded", "weasyprint/text/fonts.py", "add_font_face"),
    ("HTML parsed and styles cascaded", "weasyprint/document.py", "_build_layout_context"),
    ("boxes built", "weasyprint/formatting_structure/build.py", "build_formatting_structure"),
    ("layout", "weasyprint/layout/__init__.py", "layout_document"),
    ("PDF written", "weasyprint/document.py", "write_pdf"),
    ("  of which fonts subset and embedded", "weasyprint/pdf/fonts.py", "subset"),
]


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def timed(runs: int, work: Any) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return times


class Command(BaseCommand):
    help = (
        "Print memo render times beside WeasyPrint's floor (a Thai hello page with the same "
        "@font-face): warm and cached, one-page and four-page, and signing."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--runs", type=int, default=7)
        parser.add_argument("--measures", type=int, default=11)
        parser.add_argument(
            "--profile", type=int, default=0, help="profile this many warm four-page renders"
        )

    def handle(self, *args: Any, runs: int, measures: int, profile: int, **options: Any) -> None:
        if not Framework.objects.filter(fiscal_year=2565).exists():
            raise CommandError("run `manage.py migrate` first (the frameworks are missing)")
        if fonts.find_pdf_fonts() is None:
            raise CommandError("no Thai PDF font is installed: run `make setup`")
        try:
            with transaction.atomic():
                self._bench(runs, measures, profile)
                raise Rollback
        except Rollback:
            pass

    def _bench(self, runs: int, count: int, profile: int) -> None:
        long_memo, short_memo = self._memos(count)
        first = pdf.render(long_memo, use_cache=False)
        short = pdf.render(short_memo, use_cache=False)
        floor = median_ms(timed(runs, hello_page))
        self.stdout.write(
            f"WeasyPrint floor, a Thai hello page with the memo's @font-face: {floor:.1f} ms"
        )
        for label, memo, content in (
            ("one-page memo", short_memo, short),
            (f"memo with {count} measures", long_memo, first),
        ):
            warm = timed(runs, lambda m=memo: pdf.render(m, use_cache=False))
            pdf.render(memo)  # fill the cache
            cached = timed(runs, lambda m=memo: pdf.render(m))
            pages = pdf.page_count(content)
            self.stdout.write(
                f"{label} ({pages} page{'s' if pages > 1 else ''}, "
                f"{self._landscape_pages(content)} landscape): warm median "
                f"{median_ms(warm):.0f} ms (min {min(warm) * 1000:.0f}, max "
                f"{max(warm) * 1000:.0f}), {median_ms(warm) / floor:.1f}× the floor; "
                f"cached {median_ms(cached):.1f} ms"
            )
        if profile:
            self._profile(long_memo, profile)
        self._bench_signing(first, runs)

    def _memos(self, count: int) -> tuple[Memo, Memo]:
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
        memos = []
        for attached in ([Attachment.MEASURES], []):
            memo = do_create_memo(
                org, Memo.Kind.ANALYSIS, actor=author, assessment=assessment, plan=plan
            )
            memo.attachments = attached
            memo.save()
            memos.append(memo)
        return memos[0], memos[1]

    def _profile(self, memo: Memo, runs: int) -> None:
        """Where the warm render's time goes: cumulative time per phase over the runs."""
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(runs):
            pdf.render(memo, use_cache=False)
        profiler.disable()
        stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
        self.stdout.write(f"profile of {runs} warm renders (per render, cumulative):")
        for label, ending, name in PHASES:
            total = sum(
                value[3]
                for (path, _line, function), value in stats.items()
                if function == name and path.replace("\\", "/").endswith(ending)
            )
            self.stdout.write(f"  {label:<52} {total / runs * 1000:7.1f} ms")

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

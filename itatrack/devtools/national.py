"""A national-scale dataset for benchmarks: every local government in the country (about
8,000), eight fiscal years of ITA results with every question's score, about twenty measures a
year with steps and follow-ups, and the year's memos with their approval chains, published.

Everything is invented (names are drawn from word lists) and deterministic for a given seed.
Rows go in with COPY on PostgreSQL (see itatrack.devtools.bulk), one batch of bodies at a time, so
memory stays flat and a progress bar can show how far it is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone

from assessments.actions import do_copy_framework
from assessments.models import Assessment, Framework, IndicatorScore, Item, ItemScore
from itatrack import figures
from itatrack.devtools import bulk
from itatrack.models import Department, Membership, Organization, Oversight, Role
from itatrack.thai import fiscal_year, fiscal_year_bounds
from measures.models import FollowUp, IssueArea, Measure, MeasureStep, Plan
from measures.models.plans import STANDARD_ISSUE_AREAS
from reports.models import (
    ApprovalStep,
    DocumentCounter,
    Memo,
    MemoSection,
    OitEntry,
    Publication,
    Verb,
)
from reports.models.publications import new_token

SLUG_PREFIX = "nat-"
PASSWORD = "itatrack-bench"  # every generated account; the bench logs in with it

# Kinds in roughly the country's proportions: ~5,300 อบต., ~2,250 ทต., ~195 ทม., ~30 ทน.
KIND_WEIGHTS = [
    (Organization.Kind.SAO, 5300),
    (Organization.Kind.SUBDISTRICT, 2250),
    (Organization.Kind.TOWN, 195),
    (Organization.Kind.CITY, 30),
]
KIND_PREFIX: dict[str, tuple[str, str]] = {
    Organization.Kind.SAO: ("องค์การบริหารส่วนตำบล", "อบต."),
    Organization.Kind.SUBDISTRICT: ("เทศบาลตำบล", "ทต."),
    Organization.Kind.TOWN: ("เทศบาลเมือง", "ทม."),
    Organization.Kind.CITY: ("เทศบาลนคร", "ทน."),
    Organization.Kind.PAO: ("องค์การบริหารส่วนจังหวัด", "อบจ."),
}
PLACE_HEADS = [
    "บ้าน",
    "หนอง",
    "ดอน",
    "โคก",
    "นา",
    "ห้วย",
    "ท่า",
    "วัง",
    "บึง",
    "คลอง",
    "ป่า",
    "แม่",
    "เวียง",
    "ทุ่ง",
    "โนน",
    "สระ",
]
PLACE_TAILS = [
    "ใหม่",
    "แก้ว",
    "ทอง",
    "งาม",
    "เจริญ",
    "สมบูรณ์",
    "ใหญ่",
    "หลวง",
    "จันทร์",
    "คำ",
    "ยาง",
    "ไผ่",
    "ขาม",
    "บัว",
    "ตาล",
    "ม่วง",
    "สะอาด",
    "พัฒนา",
    "ศรี",
    "ชัย",
    "สุข",
    "เย็น",
    "หอม",
    "กลาง",
]
FIRST_NAMES = [
    "สมชาย",
    "สมหญิง",
    "วิไล",
    "ประเสริฐ",
    "สุดา",
    "อำนวย",
    "พรทิพย์",
    "สมศักดิ์",
    "นงลักษณ์",
    "ชัยวัฒน์",
]
LAST_NAMES = [
    "ใจดี",
    "มั่นคง",
    "รุ่งเรือง",
    "ทองดี",
    "ศรีสุข",
    "แก้วใส",
    "บุญมา",
    "สายทอง",
    "พึ่งบุญ",
    "คงเจริญ",
]
MEASURE_TITLES = [
    "ประกาศเจตนารมณ์ต่อต้านการทุจริตของผู้บริหารและบุคลากร",
    "กำหนดแนวปฏิบัติการยืมและการใช้ทรัพย์สินของราชการ",
    "เผยแพร่แผนการจัดซื้อจัดจ้างและผลการจัดซื้อจัดจ้างบนเว็บไซต์",
    "ปรับปรุงเว็บไซต์และช่องทางการสื่อสารกับประชาชน",
    "จัดทำคู่มือการปฏิบัติงานและมาตรฐานการให้บริการ",
    "เพิ่มช่องทางการร้องเรียนการทุจริตและการติดตามเรื่องร้องเรียน",
    "อบรมบุคลากรเรื่องการป้องกันผลประโยชน์ทับซ้อน",
    "เปิดเผยข้อมูลการใช้จ่ายงบประมาณประจำปี",
    "สำรวจความพึงพอใจของผู้รับบริการ",
    "จัดทำแผนปฏิบัติการป้องกันการทุจริต",
]
FOLLOW_UP_TEXTS = [
    "ดำเนินการตามแผนแล้ว รายงานผลในที่ประชุมประจำเดือน",
    "เผยแพร่ข้อมูลบนเว็บไซต์ของหน่วยงานแล้ว",
    "จัดอบรมบุคลากรแล้ว มีผู้เข้าร่วมครบตามเป้าหมาย",
]


@dataclass
class Counts:
    organizations: int = 0
    assessments: int = 0
    item_scores: int = 0
    measures: int = 0
    follow_ups: int = 0
    memos: int = 0
    rows: int = 0


@dataclass
class Ids:
    """The next primary key of each table, so child rows can point at parents at once."""

    next: dict[type, int] = field(default_factory=dict)

    def take(self, model: type, n: int = 1) -> int:
        first = self.next[model]
        self.next[model] = first + n
        return first


@dataclass
class Body:
    """What one body's plan of one year hangs on."""

    org_id: int
    assessment_id: int
    plan_year: int
    departments: list[int]
    members: dict[str, tuple[int, str, str]]  # role → (membership pk, name, position)
    plan_id: int = 0


@dataclass
class YearData:
    framework: Framework
    indicators: list[tuple[int, int, str]]  # (pk, number, tool)
    items: list[tuple[int, int, str]]  # (pk, indicator pk, scale)
    bands: list[tuple[Decimal, str]]
    publication: dict[str, tuple[str, str]]  # memo kind → (OIT code, title)


MODELS: list[type[models.Model]] = [
    get_user_model(),
    Organization,
    Department,
    Membership,
    Assessment,
    IndicatorScore,
    ItemScore,
    IssueArea,
    Plan,
    Measure,
    Measure.departments.through,
    MeasureStep,
    FollowUp,
    Memo,
    MemoSection,
    ApprovalStep,
    Publication,
    DocumentCounter,
]


def ensure_years(first: int, last: int) -> list[Framework]:
    """The frameworks first..last; a year without reference data is copied from its nearest
    neighbour (provisional), the way staff start a new year."""
    frameworks = {f.fiscal_year: f for f in Framework.objects.all()}
    if not frameworks:
        raise RuntimeError("no ITA frameworks: run `manage.py migrate` first")
    for year in range(first, last + 1):
        if year not in frameworks:
            source = frameworks[min(frameworks, key=lambda y: abs(y - year))]
            frameworks[year] = do_copy_framework(source, year, actor=None)
    return [frameworks[y] for y in range(first, last + 1)]


def _year_data(framework: Framework) -> YearData:
    from assessments.models.frameworks import publication_item

    publication: dict[str, tuple[str, str]] = {}
    for kind in (Memo.Kind.ANALYSIS, Memo.Kind.RESULTS):
        item = publication_item(framework, kind)
        publication[str(kind)] = (item.code, item.text) if item else ("", "")
    return YearData(
        framework,
        list(framework.indicators.values_list("pk", "number", "tool")),
        list(framework.items.values_list("pk", "indicator_id", "scale")),
        [(b.min_score, b.level) for b in framework.bands.all()],
        publication,
    )


def sample_pdf() -> tuple[str, str]:
    """One small real PDF that every generated publication points at (name, SHA-256); made
    again when the data folder was emptied but the database kept."""
    name = "published/national-sample.pdf"
    if not default_storage.exists(name):
        from weasyprint import HTML

        content = HTML(string="<p>เอกสารตัวอย่างสำหรับทดสอบประสิทธิภาพ</p>").write_pdf()
        name = default_storage.save(name, ContentFile(content))
    with default_storage.open(name, "rb") as handle:
        return name, hashlib.sha256(handle.read()).hexdigest()


class Generator:
    def __init__(
        self,
        *,
        organizations: int,
        years: int,
        measures: int,
        seed: int = 2569,
        last_year: int = 2569,
        today: dt.date | None = None,
    ) -> None:
        self.total = organizations
        self.seed = seed
        self.random = random.Random(seed)
        self.measures_a_year = measures
        self.today = today or timezone.localdate()
        self.frameworks = ensure_years(last_year - years + 1, last_year)
        self.years = [_year_data(f) for f in self.frameworks]
        self.password = make_password(PASSWORD)
        self.pdf_name, self.pdf_sha = sample_pdf()
        self.now = timezone.now()
        self.counts = Counts()
        self.ids = Ids({model: bulk.next_id(model) for model in MODELS})
        self.start = Organization.objects.filter(slug__startswith=SLUG_PREFIX).count()
        self.provinces = _provinces()

    # -- the run ----------------------------------------------------------------------------

    def run(self, batch: int = 200, progress: Callable[[int], None] | None = None) -> Counts:
        done = 0
        while done < self.total:
            n = min(batch, self.total - done)
            with transaction.atomic():
                self._batch(self.start + done, n)
            done += n
            if progress:
                progress(n)
        bulk.reset_sequences(MODELS)
        years = [f.fiscal_year for f in self.frameworks]
        self.counts.rows += fill_oit(years=years, seed=self.seed, today=self.today)
        figures.refresh(today=self.today)
        return self.counts

    def _batch(self, first: int, n: int) -> None:
        self.rows: dict[str, list[tuple]] = {name: [] for name in TABLES}
        for index in range(first, first + n):
            self._organization(index)
        for name, (model, fields) in TABLES.items():  # parents before children
            if self.rows[name]:
                self.counts.rows += bulk.insert(bulk.Table(model, fields), self.rows[name])
        self.counts.organizations += n

    # -- one body ---------------------------------------------------------------------------

    def _add(self, table: str, row: tuple) -> None:
        self.rows[table].append(row)

    def _organization(self, index: int) -> None:
        r = self.random
        add = self._add
        province = self.provinces[index % len(self.provinces)]
        kind = Organization.Kind.PAO if index < len(self.provinces) else _kind(r)
        place = (
            province
            if kind == Organization.Kind.PAO
            else r.choice(PLACE_HEADS) + r.choice(PLACE_TAILS)
        )
        long_prefix, short_prefix = KIND_PREFIX[kind]
        org_id = self.ids.take(Organization)
        add(
            "org",
            (
                org_id,
                f"{long_prefix}{place}",
                f"{short_prefix}{place}",
                kind,
                province,
                f"เมือง{province}",
                f"{SLUG_PREFIX}{index:05d}",
                f"ทดสอบ {index:05d}",
                f"นายก{long_prefix.removeprefix('องค์การ')}{place}",
            ),
        )
        departments = []
        for order, name in enumerate(("สำนักปลัด", "กองคลัง", "กองช่าง"), start=1):
            dep_id = self.ids.take(Department)
            departments.append(dep_id)
            add("department", (dep_id, org_id, name, order, True))
        members: dict[str, tuple[int, str, str]] = {}
        for role, position in (
            (Role.STAFF, "นักวิเคราะห์นโยบายและแผน"),
            (Role.REVIEWER, "หัวหน้าสำนักปลัด"),
            (Role.EXECUTIVE, f"นายก{place}"),
        ):
            user_id = self.ids.take(get_user_model())
            first, last = r.choice(FIRST_NAMES), r.choice(LAST_NAMES)
            add(
                "user",
                (user_id, f"{SLUG_PREFIX}{index:05d}-{role}", self.password, first, last, True),
            )
            member_id = self.ids.take(Membership)
            members[role] = (member_id, f"นาย{first} {last}", position)
            add(
                "membership",
                (member_id, user_id, org_id, role, departments[0], position, f"นาย{first} {last}"),
            )
        area_ids = []
        for number, name in enumerate(STANDARD_ISSUE_AREAS, start=1):
            area_id = self.ids.take(IssueArea)
            area_ids.append(area_id)
            add("issue_area", (area_id, org_id, number, name))
        ability = r.uniform(55, 92)
        for year in self.years:
            ability = min(99.0, max(30.0, ability + r.uniform(-4, 6)))
            assessment_id = self._assessment(org_id, year, ability)
            plan = Body(org_id, assessment_id, year.framework.fiscal_year + 1, departments, members)
            self._plan(plan, area_ids)

    def _assessment(self, org_id: int, year: YearData, ability: float) -> int:
        r, add = self.random, self._add
        assessment_id = self.ids.take(Assessment)
        total = Decimal(f"{ability:.2f}")
        level = next((lvl for low, lvl in year.bands if total >= low), "")
        add(
            "assessment",
            (
                assessment_id,
                org_id,
                year.framework.pk,
                total,
                level,
                Decimal(f"{min(100, ability + r.uniform(-5, 5)):.2f}"),
                Decimal(f"{min(100, ability + r.uniform(-5, 5)):.2f}"),
                Decimal(f"{min(100, ability + r.uniform(-8, 8)):.2f}"),
            ),
        )
        for pk, _number, _tool in year.indicators:
            value = Decimal(f"{min(100.0, max(0.0, ability + r.uniform(-12, 10))):.2f}")
            add("indicator_score", (self.ids.take(IndicatorScore), assessment_id, pk, value))
        for pk, _indicator, scale in year.items:
            item_id = self.ids.take(ItemScore)
            if scale == Item.Scale.PASS_FAIL:
                passed = r.random() * 100 < ability + 5
                add("item_score", (item_id, assessment_id, pk, None, passed))
            else:
                value = Decimal(f"{min(100.0, max(0.0, ability + r.uniform(-15, 10))):.2f}")
                add("item_score", (item_id, assessment_id, pk, value, None))
            self.counts.item_scores += 1
        self.counts.assessments += 1
        return assessment_id

    def _plan(self, body: Body, area_ids: list[int]) -> None:
        r, add = self.random, self._add
        start, end = fiscal_year_bounds(body.plan_year)
        body.plan_id = plan_id = self.ids.take(Plan)
        add(
            "plan",
            (plan_id, body.org_id, body.plan_year, body.assessment_id, start + dt.timedelta(20)),
        )
        current = start <= self.today <= end
        past = end < self.today
        staff_id = body.members[Role.STAFF][0]
        for number in range(1, self.measures_a_year + 1):
            measure_id = self.ids.take(Measure)
            m_start = start + dt.timedelta(days=r.randrange(0, 120))
            m_end = min(end, m_start + dt.timedelta(days=r.randrange(60, 300)))
            if past:
                status = Measure.Status.DONE if r.random() < 0.85 else Measure.Status.CANCELLED
            elif current:
                status = r.choice(
                    [Measure.Status.NOT_STARTED, Measure.Status.IN_PROGRESS, Measure.Status.DONE]
                )
            else:
                status = Measure.Status.NOT_STARTED
            add(
                "measure",
                (
                    measure_id,
                    plan_id,
                    number,
                    area_ids[number % len(area_ids)],
                    r.choice(MEASURE_TITLES),
                    m_start,
                    m_end,
                    status,
                    "ดำเนินการครบตามแผน" if status == Measure.Status.DONE else "",
                    "ไม่ได้รับงบประมาณ" if status == Measure.Status.CANCELLED else "",
                ),
            )
            add(
                "measure_department",
                (
                    self.ids.take(Measure.departments.through),
                    measure_id,
                    r.choice(body.departments),
                ),
            )
            add(
                "step",
                (self.ids.take(MeasureStep), measure_id, 1, "ดำเนินการตามแผนและรายงานผล"),
            )
            reports = 2 if status == Measure.Status.DONE else (1 if current else 0)
            for n in range(reports):
                when = min(m_end, m_start + dt.timedelta(days=30 * (n + 1)))
                add(
                    "follow_up",
                    (
                        self.ids.take(FollowUp),
                        measure_id,
                        when,
                        r.choice(FOLLOW_UP_TEXTS),
                        100 if n == reports - 1 and status == Measure.Status.DONE else 50,
                        staff_id,
                    ),
                )
                self.counts.follow_ups += 1
            self.counts.measures += 1
        self._memo(body, Memo.Kind.ANALYSIS, 1)
        if past:
            self._memo(body, Memo.Kind.RESULTS, 2)

    def _memo(self, body: Body, kind: str, number: int) -> None:
        """An analysis memo, approved and published; a results memo once the year is over.
        The newest plan's analysis memo still waits for the executive."""
        add, plan_year, org_id = self._add, body.plan_year, body.org_id
        by_year = {y.framework.fiscal_year: y for y in self.years}
        year = by_year.get(plan_year, self.years[-1])
        memo_id = self.ids.take(Memo)
        start, _end = fiscal_year_bounds(plan_year)
        date = start + dt.timedelta(days=30 if kind == Memo.Kind.ANALYSIS else 340)
        waiting = plan_year == self.years[-1].framework.fiscal_year + 1
        status = Memo.Status.SUBMITTED if waiting else Memo.Status.APPROVED
        staff, reviewer, executive = (
            body.members[role] for role in (Role.STAFF, Role.REVIEWER, Role.EXECUTIVE)
        )
        subject = (
            f"รายงานผลการวิเคราะห์ผลการประเมิน ITA และมาตรการ ประจำปีงบประมาณ {plan_year}"
            if kind == Memo.Kind.ANALYSIS
            else f"รายงานผลการดำเนินการตามมาตรการ ประจำปีงบประมาณ {plan_year}"
        )
        approved = status == Memo.Status.APPROVED
        add(
            "memo",
            (
                memo_id,
                org_id,
                kind,
                status,
                staff[0],
                "สำนักปลัด",
                plan_year,
                number,
                date,
                subject,
                "นายก",
                executive[0],
                executive[1],
                executive[2],
                body.assessment_id,
                body.plan_id,
                1,
                self.pdf_name if approved else "",
                new_token() if approved else None,
                self.pdf_sha if approved else "",
                subject if approved else "",
                self.now,
                self.now if approved else None,
            ),
        )
        for order, heading in enumerate(("เรื่องเดิม", "ข้อเท็จจริง", "ข้อเสนอ"), start=1):
            add("section", (self.ids.take(MemoSection), memo_id, order, heading, subject))
        for order, (member, verb) in enumerate(
            ((reviewer, Verb.ENDORSE), (executive, Verb.APPROVE)), start=1
        ):
            state = (
                ApprovalStep.State.APPROVED
                if approved or order == 1
                else ApprovalStep.State.CURRENT
            )
            add(
                "approval",
                (
                    self.ids.take(ApprovalStep),
                    memo_id,
                    1,
                    order,
                    member[0],
                    verb,
                    member[1],
                    member[2],
                    state,
                    "เห็นชอบ" if state == ApprovalStep.State.APPROVED else "",
                    self.now if state == ApprovalStep.State.APPROVED else None,
                    self.now,
                ),
            )
        if number == 1:
            add("counter", (self.ids.take(DocumentCounter), org_id, "", plan_year, 2))
        if approved:
            code, title = year.publication[kind]
            add(
                "publication",
                (
                    self.ids.take(Publication),
                    org_id,
                    memo_id,
                    new_token(),
                    subject,
                    plan_year,
                    code,
                    title,
                    self.pdf_name,
                    self.pdf_sha,
                    False,
                    subject,
                    staff[0],
                ),
            )
        self.counts.memos += 1


# Each table's given fields, in the order the rows above carry them.
TABLES: dict[str, tuple[Any, list[str]]] = {
    "user": (
        get_user_model(),
        ["id", "username", "password", "first_name", "last_name", "is_active"],
    ),
    "org": (
        Organization,
        [
            "id",
            "name",
            "short_name",
            "kind",
            "province",
            "district",
            "slug",
            "doc_prefix",
            "head_title",
        ],
    ),
    "department": (Department, ["id", "organization_id", "name", "order", "is_active"]),
    "membership": (
        Membership,
        ["id", "user_id", "organization_id", "role", "department_id", "position", "display_name"],
    ),
    "issue_area": (IssueArea, ["id", "organization_id", "number", "name"]),
    "assessment": (
        Assessment,
        [
            "id",
            "organization_id",
            "framework_id",
            "total_score",
            "official_level",
            "iit_score",
            "eit_score",
            "oit_score",
        ],
    ),
    "indicator_score": (IndicatorScore, ["id", "assessment_id", "indicator_id", "score"]),
    "item_score": (ItemScore, ["id", "assessment_id", "item_id", "score", "passed"]),
    "plan": (Plan, ["id", "organization_id", "fiscal_year", "assessment_id", "meeting_date"]),
    "measure": (
        Measure,
        [
            "id",
            "plan_id",
            "number",
            "issue_area_id",
            "title",
            "start_date",
            "end_date",
            "status",
            "result",
            "cancel_reason",
        ],
    ),
    "measure_department": (Measure.departments.through, ["id", "measure_id", "department_id"]),
    "step": (MeasureStep, ["id", "measure_id", "order", "text"]),
    "follow_up": (FollowUp, ["id", "measure_id", "date", "text", "progress", "reported_by_id"]),
    "memo": (
        Memo,
        [
            "id",
            "organization_id",
            "kind",
            "status",
            "author_id",
            "department_text",
            "number_year",
            "number",
            "date",
            "subject",
            "addressee",
            "signer_id",
            "signer_name",
            "signer_position",
            "assessment_id",
            "plan_id",
            "round",
            "pdf",
            "public_token",
            "pdf_sha256",
            "final_text",
            "submitted_at",
            "decided_at",
        ],
    ),
    "section": (MemoSection, ["id", "memo_id", "order", "heading", "text"]),
    "approval": (
        ApprovalStep,
        [
            "id",
            "memo_id",
            "round",
            "order",
            "member_id",
            "verb",
            "member_name",
            "member_position",
            "state",
            "comment",
            "decided_at",
            "started_at",
        ],
    ),
    "counter": (DocumentCounter, ["id", "organization_id", "prefix", "year", "last"]),
    "publication": (
        Publication,
        [
            "id",
            "organization_id",
            "memo_id",
            "token",
            "title",
            "fiscal_year",
            "oit_code",
            "oit_title",
            "pdf",
            "sha256",
            "signed",
            "text",
            "published_by_id",
        ],
    ),
}


def _kind(r: random.Random) -> str:
    kinds, weights = zip(*KIND_WEIGHTS, strict=True)
    return r.choices(kinds, weights)[0]


def _provinces() -> list[str]:
    from pythainlp.corpus import provinces

    return sorted(str(name) for name in provinces())


def is_complete() -> bool:
    """The generator makes the national office last, after the figures and ANALYZE: a dataset
    without it was cut short and is finished by `generate_national --if-missing`."""
    return Oversight.objects.filter(slug=f"{SLUG_PREFIX}country").exists()


def national_oversight() -> Oversight:
    """A supervising office over the whole country, with one supervisor account."""
    from itatrack.actions import do_add_supervisor, do_create_oversight

    oversight = Oversight.objects.filter(slug=f"{SLUG_PREFIX}country").first()
    if oversight is None:
        oversight = do_create_oversight(
            name="กรมส่งเสริมการปกครองท้องถิ่น (ข้อมูลทดสอบ)",
            slug=f"{SLUG_PREFIX}country",
            provinces=_provinces(),
            actor=None,
        )
    if not oversight.supervisors.exists():
        do_add_supervisor(
            oversight, username=f"{SLUG_PREFIX}supervisor", password=PASSWORD, actor=None
        )
    return oversight


OIT_FIELDS = ["id", "organization_id", "item_id", "owner_id", "department_id", "due_date"]
OIT_FIELDS += ["status", "check_comment", "version", "updated_at"]


def fill_oit(
    *,
    years: list[int] | None = None,
    seed: int = 2569,
    today: dt.date | None = None,
    batch: int = 500,
) -> int:
    """Every generated body's OIT workspace for every year assessed: one entry per
    item, most past years' items published, this year's spread over every status. Bodies
    that have entries already are left alone, so a dataset made before the workspace existed
    gets its share on the next `generate_national --if-missing`. Returns the rows written."""
    r = random.Random(seed)
    today = today or timezone.localdate()
    now = timezone.now()
    current = fiscal_year(today)
    frameworks = Framework.objects.order_by("fiscal_year")
    if years is None:  # the years assessed in the dataset
        years = list(
            Assessment.objects.filter(organization__slug__startswith=SLUG_PREFIX)
            .values_list("framework__fiscal_year", flat=True)
            .distinct()
        )
    oit_years = [
        (framework.fiscal_year, list(oit_item_ids(framework)))
        for framework in frameworks.filter(fiscal_year__in=years)
    ]
    bodies = (
        Organization.objects.filter(slug__startswith=SLUG_PREFIX)
        .exclude(oit_entries__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    staff = dict(
        Membership.objects.filter(
            organization__slug__startswith=SLUG_PREFIX, role=Role.STAFF
        ).values_list("organization_id", "pk")
    )
    first_department = dict(
        Department.objects.filter(organization__slug__startswith=SLUG_PREFIX, order=1).values_list(
            "organization_id", "pk"
        )
    )
    statuses = [s.value for s in OitEntry.Status]
    table = bulk.Table(OitEntry, OIT_FIELDS)
    next_id = bulk.next_id(OitEntry)
    written = 0
    ids = list(bodies)
    for start in range(0, len(ids), batch):
        rows = []
        for org_id in ids[start : start + batch]:
            for year, items in oit_years:
                past = year < current
                due = dt.date(year - 543, 3, 31)
                for item_id in items:
                    if past:
                        status = "published" if r.random() < 0.9 else r.choice(statuses)
                    else:
                        status = r.choice(statuses)
                    rows.append(
                        (
                            next_id,
                            org_id,
                            item_id,
                            staff.get(org_id),
                            first_department.get(org_id),
                            due,
                            status,
                            "",
                            1,
                            now,
                        )
                    )
                    next_id += 1
        with transaction.atomic():
            written += bulk.insert(table, rows)
    bulk.reset_sequences([OitEntry])
    return written


def oit_item_ids(framework: Framework):
    return framework.items.filter(indicator__tool="OIT").values_list("pk", flat=True)


def index_publications() -> int:
    """The public search's words of every generated publication that has none (datasets made
    before the search existed). Texts repeat across bodies, so each is tokenised once."""
    from reports.models import PublicationWord
    from reports.search import words

    missing = Publication.objects.filter(words__isnull=True).values_list("pk", "title", "text")
    known: dict[str, list[str]] = {}
    batch: list[PublicationWord] = []
    count = 0
    for pk, title, text in missing.iterator(chunk_size=2000):
        key = f"{title} {text}"
        if key not in known:
            known[key] = words(key)
        batch += [PublicationWord(publication_id=pk, word=w) for w in known[key]]
        count += 1
        if len(batch) >= 5000:
            PublicationWord.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    PublicationWord.objects.bulk_create(batch, ignore_conflicts=True)
    return count

"""A supervising office's view over the bodies in its scope: the table, its export, and a
read-only look into any one body."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from assessments import charts
from assessments.models import Framework
from itatrack import thai
from itatrack.access import OversightRequest, get_supervised_org, oversight_view
from itatrack.forms import OverviewFilterForm, choice
from itatrack.insight import dashboard, overview
from itatrack.spreadsheets import csv_bytes, download, formula_safe, xlsx_bytes
from itatrack.thai import screen_digits
from measures.models import Measure

PAGE_SIZE = 50


@dataclass
class Table:
    form: OverviewFilterForm
    filters: overview.Filters
    framework: Framework | None  # None: the current year, before its framework is entered
    rows: Any
    matching: Any
    oit_items: int

    def options(self) -> list[tuple[str, str, list[tuple[str, str, bool]]]]:
        """(name, label, [(value, text, selected)]) of each select: built here because the
        template's loop over 80 provinces with comparisons costs more than the table."""
        chosen = {
            "year": str(self.filters.fiscal_year),
            "province": self.filters.province,
            "kind": self.filters.kind,
            "level": self.filters.level,
        }
        selects = []
        for name in chosen:
            field = choice(self.form.fields[name])
            choices = [
                (str(value), screen_digits(label) if name == "year" else str(label))
                for value, label in cast("Iterable[tuple[Any, Any]]", field.choices)
            ]
            selects.append(
                (name, str(field.label), [(v, text, v == chosen[name]) for v, text in choices])
            )
        return selects


def _table(request: OversightRequest) -> Table:
    oversight = request.oversight
    frameworks, by_year = overview.frameworks()
    if not frameworks:
        raise Http404
    default = overview.default_year(oversight, frameworks)
    known = {band.level for f in frameworks for band in f.bands.all()}
    levels = [*sorted(known, key=_level_order), overview.NO_SCORE]
    # The current fiscal year too: its measures run now, though NACC scores it only in autumn.
    years = sorted({*by_year, thai.fiscal_year(timezone.localdate())}, reverse=True)
    form = OverviewFilterForm(
        request.GET,
        years=years,
        provinces=overview.provinces(oversight),
        levels=levels,
        sorts=list(overview.SORTS),
    )
    data: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
    else:
        for name, errors in form.errors.items():
            for error in errors:
                messages.error(request, f"{form.fields[name].label}: {error}")
    year: int = data.get("year") or default or frameworks[0].fiscal_year
    sort = data.get("sort") or "name"
    filters = overview.Filters(
        fiscal_year=year,
        province=data.get("province", ""),
        kind=data.get("kind", ""),
        level=data.get("level", ""),
        q=data.get("q", "").strip(),
        sort=sort.lstrip("-"),
        descending=sort.startswith("-"),
    )
    framework = by_year.get(year)
    previous = by_year.get(year - 1)
    rows = overview.table(oversight, framework, previous, filters)
    matching = overview.matching(oversight, framework, filters)
    return Table(form, filters, framework, rows, matching, overview.oit_items(framework))


def _level_order(level: str) -> tuple[int, int]:
    # AA before A before B …: longer first within a letter, then the alphabet.
    return (ord(level[:1]) if level else 999, -len(level))


@oversight_view
def overview_view(request: OversightRequest, oversight_slug: str) -> HttpResponse:
    table = _table(request)
    summary = overview.summary(table.matching, table.framework)
    paginator = Paginator(table.rows, PAGE_SIZE)
    paginator.count = summary.bodies  # already counted: spare the table a second scan
    page = paginator.get_page(request.GET.get("page"))
    current = ("-" if table.filters.descending else "") + table.filters.sort
    return render(
        request,
        "itatrack/overview.html",
        {
            "oversight": request.oversight,
            "table": table,
            "page": page,
            "summary": summary,
            "chart": charts.level_chart(summary.levels),
            "selects": table.options(),
            "current_sort": current,
            "headers": _headers(table.filters),
        },
    )


# (sort key or "" when the column does not sort, label, alignment class)
COLUMNS = [
    ("name", _lazy("หน่วยงาน"), ""),
    ("province", _lazy("จังหวัด"), ""),
    ("score", _lazy("คะแนน"), "text-end"),
    ("", _lazy("ระดับ"), "text-center"),
    ("change", _lazy("เปลี่ยนแปลง"), "text-end"),
    ("done", _lazy("มาตรการเสร็จ / ทั้งหมด"), "text-end"),
    ("overdue", _lazy("เลยกำหนด"), "text-end"),
    ("published", _lazy("เอกสารเผยแพร่"), "text-end"),
    ("oit", _lazy("รายการ OIT พร้อม"), "text-end"),
]


def _headers(filters: overview.Filters) -> list[dict[str, Any]]:
    """Each column header; clicking the sorted column again reverses it."""
    headers = []
    for key, label, align in COLUMNS:
        active = key == filters.sort
        flip = active and not filters.descending
        headers.append(
            {
                "label": label,
                "align": align,
                "sort": (f"-{key}" if flip else key) if key else "",
                "active": active,
                "descending": filters.descending,
            }
        )
    return headers


HEADER = [
    "จังหวัด",
    "อำเภอ",
    "ประเภท",
    "หน่วยงาน",
    "รหัส",
    "คะแนน",
    "ระดับ",
    "คะแนนปีก่อน",
    "เปลี่ยนแปลง",
    "มาตรการทั้งหมด",
    "มาตรการเสร็จ",
    "มาตรการเลยกำหนด",
    "เอกสารเผยแพร่",
    "รายการ OIT พร้อม",
    "รายการ OIT ทั้งหมด",
]


def _two(value: Any) -> Decimal | None:
    # SQLite hands back the difference of two decimals as a float.
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def _export_rows(table: Table):
    for org in table.rows.iterator(chunk_size=2000):
        yield [
            formula_safe(org.province),
            formula_safe(org.district),
            org.kind_label,
            formula_safe(org.name),
            org.slug,
            org.score,
            "" if org.level == overview.NO_SCORE else org.level,
            org.previous_score,
            _two(org.change),
            org.measures_total,
            org.measures_done,
            org.measures_overdue,
            org.published,
            org.oit_ready,
            table.oit_items,
        ]


@oversight_view
def overview_export(request: OversightRequest, oversight_slug: str, fmt: str) -> HttpResponse:
    table = _table(request)
    year = table.filters.fiscal_year
    name = f"{request.oversight.slug}-ita-{year}"
    rows = _export_rows(table)
    if fmt == "csv":
        return download(csv_bytes(HEADER, rows), f"{name}.csv")
    heading = _("ผลการประเมิน ITA ปี %(year)s") % {"year": year}
    return download(xlsx_bytes(f"ITA {year}", HEADER, rows, heading), f"{name}.xlsx")


@oversight_view
def overview_org(request: OversightRequest, oversight_slug: str, org_slug: str) -> HttpResponse:
    org = get_supervised_org(request.oversight, org_slug)
    board = dashboard.build(org, None)
    measures = []
    if board.plan is not None:
        measures = list(
            board.plan.measures.select_related("issue_area")
            .prefetch_related("departments")
            .order_by("number")
        )
    return render(
        request,
        "itatrack/dashboard.html",
        {
            "board": board,
            "org": org,
            "read_only": True,
            "oversight": request.oversight,
            "plan_measures": measures,
            "statuses": Measure.Status,
        },
    )

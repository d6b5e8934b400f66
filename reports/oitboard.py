"""One body's OIT year as read by the workspace, the public ITA page, the ITAS export, the
printable checklist and the self-assessment: every item of the year's framework, in its order,
with the body's entry, evidence and published memos. Four queries, whatever the size."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.conf import settings
from django.urls import reverse
from django.utils.timezone import localdate

from assessments.models import Assessment, Framework, Item, ItemScore, Tool
from assessments.scoring import OitScore, oit_score, total_score
from itatrack.models import Organization
from reports.models import OitEntry, OitEvidence, Publication

DONE = (OitEntry.Status.READY, OitEntry.Status.PUBLISHED)


@dataclass(frozen=True)
class PublicLink:
    """What a visitor of the ITA page (and an assessor, through ITAS) opens for an item."""

    label: str
    url: str  # absolute
    published_at: datetime.datetime | None
    sha256: str = ""
    size: int = 0
    kind: str = "link"


@dataclass
class Row:
    item: Item
    entry: OitEntry | None
    evidence: list[OitEvidence] = field(default_factory=list)  # what staff see (not withdrawn)
    publications: list[Publication] = field(default_factory=list)  # memos published for it
    overdue: bool = False

    @property
    def status(self) -> str:
        status = self.entry.status if self.entry else OitEntry.Status.NOT_STARTED
        if self.publications and status not in DONE:
            return OitEntry.Status.PUBLISHED  # the memo of this item is on the public page
        return status

    @property
    def status_label(self) -> str:
        return str(OitEntry.Status(self.status).label)

    @property
    def done(self) -> bool:
        return self.status in DONE

    @property
    def evidence_count(self) -> int:
        return len(self.evidence) + len(self.publications)

    @property
    def unpublished(self) -> int:
        return sum(e.published_at is None for e in self.evidence)

    @cached_property
    def public_links(self) -> list[PublicLink]:
        """Kept once worked out: the page, the checklist and the export each read it two or
        three times per item."""
        links = [_memo_link(p, p.published_at) for p in self.publications]
        shown: set[int | None] = {p.memo_id for p in self.publications}
        for e in self.evidence:
            if e.published_at is None:
                continue
            if e.file:
                links.append(
                    PublicLink(
                        label=e.original_name,
                        url=settings.SITE_URL + reverse("public_evidence", args=[e.token]),
                        published_at=e.published_at,
                        sha256=e.sha256,
                        size=e.size,
                        kind="file",
                    )
                )
            elif e.url:
                links.append(PublicLink(label=e.url, url=e.url, published_at=e.published_at))
            elif e.memo_id not in shown and (publication := _public_publication(e)):
                shown.add(e.memo_id)
                links.append(_memo_link(publication, e.published_at))
        return links

    @property
    def published_on(self) -> datetime.date | None:
        """The latest publication date among the item's public links (what ITAS asks)."""
        dates = [link.published_at for link in self.public_links if link.published_at]
        return localdate(max(dates)) if dates else None


def _memo_link(publication: Publication, published_at: datetime.datetime | None) -> PublicLink:
    return PublicLink(
        label=publication.title,
        url=settings.SITE_URL + reverse("public_document", args=[publication.token]),
        published_at=published_at,
        sha256=publication.sha256,
        kind="memo",
    )


def _public_publication(evidence: OitEvidence) -> Publication | None:
    memo = evidence.memo
    if memo is None or memo.status != memo.Status.APPROVED:
        return None
    return getattr(memo, "publication", None)


def framework_for(fiscal_year: int) -> Framework | None:
    return Framework.objects.filter(fiscal_year=fiscal_year).first()


def oit_items(framework: Framework) -> list[Item]:
    return list(
        framework.items.filter(indicator__tool=Tool.OIT).select_related(
            "indicator", "sub_indicator"
        )
    )


def board(
    org: Organization, framework: Framework, *, today: datetime.date | None = None
) -> list[Row]:
    entries = {
        e.item_id: e
        for e in OitEntry.objects.for_org(org)
        .filter(item__framework=framework)
        .select_related("owner__user", "department", "checked_by__user")
    }
    # A retired item stays on the board of a body that has already worked on it.
    items = [i for i in oit_items(framework) if not i.retired or i.pk in entries]
    evidence: dict[int, list[OitEvidence]] = defaultdict(list)
    for e in (
        OitEvidence.objects.listed()
        .filter(entry__in=entries.values())
        .select_related("memo__publication")
    ):
        evidence[e.entry_id].append(e)
    publications: dict[str, list[Publication]] = defaultdict(list)
    for p in (
        Publication.objects.public()
        .for_org(org)
        .filter(fiscal_year=framework.fiscal_year, superseded_by__isnull=True)
        .exclude(oit_code="")
        .order_by("published_at")
    ):
        publications[p.oit_code].append(p)
    rows = []
    for item in items:
        entry = entries.get(item.pk)
        row = Row(
            item=item,
            entry=entry,
            evidence=evidence.get(entry.pk, []) if entry else [],
            publications=publications.get(item.code, []),
        )
        row.overdue = bool(
            today and entry and entry.due_date and entry.due_date < today and not row.done
        )
        rows.append(row)
    return rows


def board_row(org: Organization, item: Item) -> Row:
    """One item's row (its page), read like the board's."""
    entry = OitEntry.objects.for_org(org).filter(item=item).first()
    publications = (
        Publication.objects.public()
        .for_org(org)
        .filter(
            fiscal_year=item.framework.fiscal_year,
            oit_code=item.code,
            superseded_by__isnull=True,
        )
        .order_by("published_at")
    )
    evidence = list(entry.evidence.listed().select_related("memo__publication")) if entry else []
    return Row(item=item, entry=entry, evidence=evidence, publications=list(publications))


@dataclass(frozen=True)
class SelfAssessment:
    """Before NACC scores: what the year would score if exactly the ready items passed."""

    expected: OitScore
    ready: int
    items: int
    tools_from: Assessment | None  # where the IIT/EIT scores come from
    total: Decimal | None
    level: str
    weights_known: bool

    @property
    def ready_percent(self) -> int:
        return round(100 * self.ready / self.items) if self.items else 0


def self_assessment(org: Organization, framework: Framework, rows: list[Row]) -> SelfAssessment:
    expected = oit_score(framework, {r.item.code: r.done for r in rows}, [r.item for r in rows])
    tools_from = (
        Assessment.objects.for_org(org)
        .filter(
            framework__fiscal_year__lte=framework.fiscal_year,
            iit_score__isnull=False,
            eit_score__isnull=False,
        )
        .select_related("framework")
        .by_year()
        .first()
    )
    total = (
        total_score(
            framework,
            {"IIT": tools_from.iit_score, "EIT": tools_from.eit_score, "OIT": expected.score},
        )
        if tools_from
        else None
    )
    return SelfAssessment(
        expected=expected,
        ready=sum(r.done for r in rows),
        items=len(rows),
        tools_from=tools_from,
        total=total,
        level=framework.level_for(total),
        weights_known=framework.weights is not None,
    )


@dataclass(frozen=True)
class Comparison:
    """After NACC scores: the real pass/fail per item against what the body marked ready."""

    assessment: Assessment
    actual: OitScore
    failed_though_ready: list[Row]
    passed_though_not_ready: list[Row]
    agreed: int
    scored: int


def comparison(org: Organization, framework: Framework, rows: list[Row]) -> Comparison | None:
    assessment = Assessment.objects.for_org(org).filter(framework=framework).first()
    if assessment is None:
        return None
    verdicts = {
        code: bool(passed)
        for code, passed in ItemScore.objects.filter(
            assessment=assessment, item__in=[r.item for r in rows], passed__isnull=False
        ).values_list("item__code", "passed")
    }
    if not verdicts:
        return None
    scored = [r for r in rows if r.item.code in verdicts]
    return Comparison(
        assessment=assessment,
        actual=oit_score(framework, verdicts, [r.item for r in rows]),
        failed_though_ready=[r for r in scored if r.done and not verdicts[r.item.code]],
        passed_though_not_ready=[r for r in scored if not r.done and verdicts[r.item.code]],
        agreed=sum(r.done == verdicts[r.item.code] for r in scored),
        scored=len(scored),
    )

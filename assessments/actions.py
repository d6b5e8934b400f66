"""State changes of frameworks, assessments and findings: one transaction and one audit event
each. Views call these; nothing else writes these models."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from assessments.findings_paste import DraftFinding, stray_items, stray_items_message
from assessments.models import (
    Assessment,
    Finding,
    Framework,
    ImportPreview,
    Indicator,
    IndicatorScore,
    Item,
    ItemScore,
    LevelBand,
)
from assessments.scoresheet import ItemValue, ScoreSheet
from itatrack.actions import ActionError, claim_version, save_changes
from itatrack.actors import Actor, Operator, check_actor
from itatrack.audit import record
from itatrack.models import Organization
from itatrack.storedfiles import atomic_with_files

# --- frameworks ------------------------------------------------------------------------------


@transaction.atomic(durable=True)
def do_update_framework(
    framework: Framework,
    changes: Mapping[str, Any],
    bands: list[tuple[str, Any]] | None = None,
    indicator_weights: Mapping[int, Decimal | None] | None = None,
    *,
    actor: Operator | None,
) -> Framework:
    """Edit a framework and, when given, replace its level bands, (level, minimum score) from
    the highest band down, and set its indicators' weights within their tools (by indicator
    number): all or nothing, in one transaction, the bands checked first."""
    check_actor(actor, None)
    if bands is not None:
        _check_bands(bands)
    save_changes(framework, changes, "framework.update", actor=actor, organization=None)
    if bands is not None:
        _replace_bands(framework, bands, actor=actor)
    if indicator_weights is not None:
        _set_indicator_weights(framework, indicator_weights, actor=actor)
    return framework


def _set_indicator_weights(
    framework: Framework, weights: Mapping[int, Decimal | None], *, actor: Operator | None
) -> None:
    changed = {}
    for indicator in framework.indicators.filter(number__in=list(weights)):
        weight = weights[indicator.number]
        if indicator.weight != weight:
            changed[indicator.number] = [
                None if indicator.weight is None else str(indicator.weight),
                None if weight is None else str(weight),
            ]
            indicator.weight = weight
            indicator.save(update_fields=["weight"])
    if changed:
        record(
            "framework.indicator_weights",
            actor=actor,
            organization=None,
            target=framework,
            changes=changed,
        )


def _check_bands(bands: list[tuple[str, Any]]) -> None:
    levels = [level for level, _minimum in bands]
    minimums = [minimum for _level, minimum in bands]
    if len(set(levels)) != len(levels):
        raise ActionError(_("ระดับซ้ำกัน"))
    if minimums != sorted(minimums, reverse=True) or len(set(minimums)) != len(minimums):
        raise ActionError(_("คะแนนขั้นต่ำต้องเรียงจากมากไปน้อยและไม่ซ้ำกัน"))
    if not minimums or minimums[-1] != 0:
        raise ActionError(_("ระดับต่ำสุดต้องเริ่มที่ ๐ คะแนน"))


def _replace_bands(
    framework: Framework, bands: list[tuple[str, Any]], *, actor: Operator | None
) -> None:
    previous = [(b.level, str(b.min_score)) for b in framework.bands.all()]
    if previous == [(level, str(minimum)) for level, minimum in bands]:
        return
    framework.bands.all().delete()
    LevelBand.objects.bulk_create(
        LevelBand(framework=framework, level=level, min_score=minimum) for level, minimum in bands
    )
    record(
        "framework.bands",
        actor=actor,
        organization=None,
        target=framework,
        previous=previous,
        bands=[(level, str(minimum)) for level, minimum in bands],
    )


# Not durable: the national data generator runs it inside its batches.
@transaction.atomic
def do_copy_framework(source: Framework, fiscal_year: int, *, actor: Operator | None) -> Framework:
    """Start a new year as a provisional copy of source, to be corrected from NACC's manual."""
    check_actor(actor, None)
    if Framework.objects.filter(fiscal_year=fiscal_year).exists():
        raise ActionError(_("มีกรอบการประเมินปี %(year)s อยู่แล้ว") % {"year": fiscal_year})
    copy = Framework.objects.create(
        fiscal_year=fiscal_year,
        status=Framework.Status.PROVISIONAL,
        pass_mark=source.pass_mark,
        iit_weight=source.iit_weight,
        eit_weight=source.eit_weight,
        oit_weight=source.oit_weight,
        notes=_("คัดลอกจากปี %(year)s กรุณาตรวจกับคู่มือการประเมินของปีนี้") % {"year": source.fiscal_year},
    )
    for band in source.bands.all():
        copy.bands.create(level=band.level, min_score=band.min_score)
    indicators: dict[int, Indicator] = {}
    subs = {}
    for indicator in source.indicators.prefetch_related("subs"):
        new = copy.indicators.create(
            number=indicator.number,
            name=indicator.name,
            tool=indicator.tool,
            weight=indicator.weight,
        )
        indicators[indicator.pk] = new
        for sub in indicator.subs.all():
            subs[sub.pk] = new.subs.create(code=sub.code, name=sub.name)
    Item.objects.bulk_create(
        Item(
            framework=copy,
            code=item.code,
            indicator=indicators[item.indicator_id],
            sub_indicator=subs.get(item.sub_indicator_id) if item.sub_indicator_id else None,
            text=item.text,
            scale=item.scale,
            order=item.order,
        )
        for item in source.items.all()
    )
    record("framework.copy", actor=actor, organization=None, target=copy, source=source.fiscal_year)
    return copy


# --- assessments -----------------------------------------------------------------------------


@transaction.atomic(durable=True)
def do_create_assessment(
    org: Organization, framework: Framework, *, actor: Actor | None
) -> Assessment:
    check_actor(actor, org)
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(organization=org, framework=framework)
    except IntegrityError:
        raise ActionError(
            _("มีผลการประเมินปี %(year)s อยู่แล้ว") % {"year": framework.fiscal_year}
        ) from None
    record("assessment.create", actor=actor, organization=org, target=assessment)
    return assessment


@atomic_with_files()
def do_update_assessment(
    assessment: Assessment, changes: Mapping[str, Any], *, actor: Actor | None
) -> Assessment:
    """Recommendations and the ITAS result PDF."""
    check_actor(actor, assessment.organization_id)
    save_changes(
        assessment,
        changes,
        "assessment.update",
        actor=actor,
        organization=assessment.organization,
    )
    return assessment


def sheet_of(assessment: Assessment) -> ScoreSheet:
    """The assessment's saved values in the shape of a score sheet."""
    return ScoreSheet(
        total=assessment.total_score,
        level=assessment.official_level,
        tools={
            "IIT": assessment.iit_score,
            "EIT": assessment.eit_score,
            "OIT": assessment.oit_score,
        },
        indicators={
            s.indicator.number: s.score
            for s in assessment.indicator_scores.select_related("indicator")
        },
        items={
            s.item.code: ItemValue(s.score, s.passed, s.remark)
            for s in assessment.item_scores.select_related("item")
        },
    )


# Not durable: the import's confirmation saves the sheet inside its own transaction.
@transaction.atomic
def do_save_scores(
    assessment: Assessment,
    sheet: ScoreSheet,
    *,
    actor: Actor | None,
    source: str = "grid",
    **details: Any,
) -> Assessment:
    """Replace every score of the assessment with the sheet's, all or nothing. The previous
    values stay in the audit event (and field by field in the change history)."""
    check_actor(actor, assessment.organization_id)
    # Lock the row so two saves queue up, then work on the caller's instance, made current.
    Assessment.objects.select_for_update().filter(pk=assessment.pk).first()
    assessment.refresh_from_db()
    previous = sheet_of(assessment)
    framework = assessment.framework
    indicators = {i.number: i for i in framework.indicators.all()}
    items = {i.code: i for i in framework.items.all()}
    unknown = (set(sheet.indicators) - set(indicators)) | (set(sheet.items) - set(items))
    if unknown:
        raise ActionError(_("ไม่รู้จักรหัส %(codes)s") % {"codes": ", ".join(map(str, unknown))})

    save_changes(
        assessment,
        {
            "total_score": sheet.total,
            "official_level": sheet.level,
            "iit_score": sheet.tools.get("IIT"),
            "eit_score": sheet.tools.get("EIT"),
            "oit_score": sheet.tools.get("OIT"),
        },
        "assessment.summary",
        actor=actor,
        organization=assessment.organization,
    )
    # Loaded with their indicator and item: the change history names each row by them.
    existing_ind = {
        s.indicator_id: s for s in assessment.indicator_scores.select_related("indicator")
    }
    for number, indicator in indicators.items():
        row = existing_ind.get(indicator.pk) or IndicatorScore(
            assessment=assessment, indicator=indicator
        )
        value = sheet.indicators.get(number)
        if row.pk is None or row.score != value:
            row.score = value
            row.save()
    existing_items = {s.item_id: s for s in assessment.item_scores.select_related("item")}
    for code, item in items.items():
        item_row = existing_items.get(item.pk) or ItemScore(assessment=assessment, item=item)
        given = sheet.items.get(code, ItemValue())
        if item_row.pk is None or (item_row.score, item_row.passed, item_row.remark) != (
            given.score,
            given.passed,
            given.remark,
        ):
            item_row.score, item_row.passed, item_row.remark = (
                given.score,
                given.passed,
                given.remark,
            )
            item_row.save()
    record(
        "assessment.import" if source == "import" else "assessment.scores",
        actor=actor,
        organization=assessment.organization,
        target=assessment,
        previous=previous.as_json(),
        **details,
    )
    return assessment


# --- findings --------------------------------------------------------------------------------


@transaction.atomic(durable=True)
def do_save_finding(
    finding: Finding,
    changes: Mapping[str, Any],
    items: Iterable[Item] | None,
    *,
    actor: Actor | None,
    expected_version: int | None = None,
) -> Finding:
    """Create (finding without pk) or edit a finding; saving a proposal confirms it."""
    check_actor(actor, finding.assessment.organization_id)
    assessment = finding.assessment
    creating = finding.pk is None
    claim_version(finding, expected_version, _("ข้อค้นพบ"))
    for name, value in changes.items():
        setattr(finding, name, value)
    if finding.indicator.framework_id != assessment.framework_id:
        raise ActionError(_("ตัวชี้วัดไม่ได้อยู่ในกรอบการประเมินของปีนี้"))
    finding.state = Finding.State.CONFIRMED
    finding.save()
    if items is not None:
        items = list(items)
        if any(item.framework_id != assessment.framework_id for item in items):
            raise ActionError(_("ข้อคำถามไม่ได้อยู่ในกรอบการประเมินของปีนี้"))
        strays = stray_items(finding.indicator, items)
        if strays:
            raise ActionError(stray_items_message(finding.indicator, strays))
        finding.items.set(items)
    record(
        "finding.create" if creating else "finding.update",
        actor=actor,
        organization=assessment.organization,
        target=finding,
    )
    return finding


@transaction.atomic(durable=True)
def do_import_findings(
    assessment: Assessment, drafts: Sequence[DraftFinding], *, actor: Actor | None
) -> list[Finding]:
    """Save a confirmed findings paste, all or nothing; rows already recorded are skipped."""
    check_actor(actor, assessment.organization_id)
    created = []
    for draft in drafts:
        if draft.skipped:  # left out in the preview
            continue
        if draft.problems or draft.indicator is None:
            raise ActionError(_("ยังมีรายการที่ต้องแก้ไขก่อนบันทึก"))
        if draft.duplicate:
            continue
        if draft.indicator.framework_id != assessment.framework_id or stray_items(
            draft.indicator, draft.items
        ):
            raise ActionError(_("ตัวชี้วัดหรือข้อคำถามไม่ได้อยู่ในกรอบการประเมินของปีนี้"))
        finding = Finding.objects.create(
            assessment=assessment,
            indicator=draft.indicator,
            kind=draft.kind,
            text=draft.text,
            root_cause=draft.root_cause,
            recommendation=draft.recommendation,
            state=Finding.State.CONFIRMED,
        )
        finding.items.set(draft.items)
        created.append(finding)
    record(
        "finding.import",
        actor=actor,
        organization=assessment.organization,
        target=assessment,
        count=len(created),
    )
    return created


@transaction.atomic(durable=True)
def do_discard_finding(finding: Finding, *, actor: Actor | None) -> Finding:
    """Discarded findings are kept (and not proposed again), but no longer count."""
    check_actor(actor, finding.assessment.organization_id)
    finding.state = Finding.State.DISCARDED
    finding.save(update_fields=["state"])
    record(
        "finding.discard", actor=actor, organization=finding.assessment.organization, target=finding
    )
    return finding


@transaction.atomic(durable=True)
def do_confirm_findings(
    assessment: Assessment, findings: Sequence[Finding], *, actor: Actor | None
) -> int:
    """Confirm many of the system's proposals as they stand; returns how many."""
    check_actor(actor, assessment.organization_id)
    pks = [f.pk for f in findings if f.assessment_id == assessment.pk]
    proposed = assessment.findings.select_for_update().filter(
        pk__in=pks, state=Finding.State.PROPOSED
    )
    confirmed = list(proposed.values_list("pk", flat=True))
    if not confirmed:
        raise ActionError(_("กรุณาเลือกข้อค้นพบที่ระบบเสนอ อย่างน้อยหนึ่งรายการ"))
    assessment.findings.filter(pk__in=confirmed).update(state=Finding.State.CONFIRMED)
    record(
        "finding.confirm_many",
        actor=actor,
        organization=assessment.organization,
        target=assessment,
        count=len(confirmed),
    )
    return len(confirmed)


@transaction.atomic(durable=True)
def do_propose_findings(assessment: Assessment, *, actor: Actor | None) -> list[Finding]:
    """Replace the open proposals with fresh ones from the current scores."""
    check_actor(actor, assessment.organization_id)
    from assessments.proposals import propose

    assessment.findings.filter(state=Finding.State.PROPOSED).delete()
    settled = set(
        assessment.findings.exclude(state=Finding.State.PROPOSED).values_list(
            "indicator_id", "kind"
        )
    )
    created = []
    for proposal in propose(assessment):
        if (proposal.indicator.pk, proposal.kind) in settled:
            continue
        finding = Finding.objects.create(
            assessment=assessment,
            indicator=proposal.indicator,
            kind=proposal.kind,
            text=proposal.text,
            recommendation=proposal.recommendation,
            state=Finding.State.PROPOSED,
        )
        finding.items.set(proposal.items)
        created.append(finding)
    record(
        "finding.propose",
        actor=actor,
        organization=assessment.organization,
        target=assessment,
        count=len(created),
    )
    return created


def keep_import_preview(
    assessment: Assessment, sheet: ScoreSheet, *, actor: Actor, filename: str, sha256: str
) -> ImportPreview:
    """Keep a checked sheet until its confirm: one per person and assessment, a day at most."""
    check_actor(actor, assessment.organization_id)
    ImportPreview.objects.expired().delete()
    ImportPreview.objects.for_member(actor).filter(assessment=assessment).delete()
    return ImportPreview.objects.create(
        assessment=assessment,
        membership=actor,
        sheet=sheet.as_json(),
        filename=filename[:200],
        sha256=sha256,
    )


@transaction.atomic(durable=True)
def do_confirm_import(preview: ImportPreview, *, actor: Actor | None) -> Assessment:
    """Save the previewed sheet, all or nothing, and forget the preview."""
    check_actor(actor, preview.assessment.organization_id)
    assessment = do_save_scores(
        preview.assessment,
        ScoreSheet.from_json(preview.sheet),
        actor=actor,
        source="import",
        filename=preview.filename,
        sha256=preview.sha256,
    )
    preview.delete()
    return assessment

"""State changes of plans, measures, steps and follow-ups: one transaction and one audit event
each, side effects after commit. Views call these; nothing else writes these models."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from assessments.models import Assessment, Finding, Item
from itatrack import figures
from itatrack.actions import ActionError, claim_version, save_changes
from itatrack.actors import Actor, check_actor
from itatrack.audit import record
from itatrack.models import Department, Membership, Organization
from itatrack.storedfiles import atomic_with_files
from itatrack.uploads import detect_type, sha256_of
from measures.models import (
    Evidence,
    FollowUp,
    IssueArea,
    Measure,
    MeasureStep,
    Plan,
)
from measures.models.plans import STANDARD_ISSUE_AREAS, date_order_problem
from measures.paste import DraftMeasure
from measures.results_paste import ResultRow


def ensure_issue_areas(org: Organization) -> None:
    """Give an organisation the seven standard issue areas the first time it plans."""
    if not IssueArea.objects.filter(organization=org).exists():
        IssueArea.objects.bulk_create(
            IssueArea(organization=org, number=n, name=name)
            for n, name in enumerate(STANDARD_ISSUE_AREAS, start=1)
        )


# --- plans -----------------------------------------------------------------------------------


# Not durable: the memo benchmark runs it in a transaction it rolls back.
@transaction.atomic
def do_create_plan(
    org: Organization,
    *,
    fiscal_year: int,
    assessment: Assessment | None,
    actor: Actor | None,
    **meeting: Any,
) -> Plan:
    check_actor(actor, org)
    if assessment is not None and assessment.organization_id != org.pk:
        raise ActionError(_("ผลการประเมินไม่ได้เป็นของหน่วยงานนี้"))
    ensure_issue_areas(org)
    try:
        with transaction.atomic():
            plan = Plan.objects.create(
                organization=org, fiscal_year=fiscal_year, assessment=assessment, **meeting
            )
    except IntegrityError:
        raise ActionError(_("มีแผนมาตรการปี %(year)s อยู่แล้ว") % {"year": fiscal_year}) from None
    record("plan.create", actor=actor, organization=org, target=plan)
    return plan


@transaction.atomic(durable=True)
def do_update_plan(
    plan: Plan,
    changes: Mapping[str, Any],
    *,
    actor: Actor | None,
    expected_version: int | None = None,
) -> Plan:
    check_actor(actor, plan.organization_id)
    claim_version(plan, expected_version, _("แผนมาตรการ"))
    save_changes(plan, changes, "plan.update", actor=actor, organization=plan.organization)
    if "fiscal_year" in changes:
        figures.refresh_on_commit(plan.organization_id)
    return plan


# --- measures --------------------------------------------------------------------------------


@dataclass
class MeasureLinks:
    """The many-to-many parts of a measure; None leaves that part as it is."""

    departments: Iterable[Department] | None = None
    owners: Iterable[Membership] | None = None
    items: Iterable[Item] | None = None
    findings: Iterable[Finding] | None = None


def _check_dates(start: Any, end: Any) -> None:
    if problem := date_order_problem(start, end):
        raise ActionError(problem)


def _check_links(plan: Plan, links: MeasureLinks) -> None:
    org_id = plan.organization_id
    if links.departments is not None and any(
        d.organization_id != org_id for d in links.departments
    ):
        raise ActionError(_("ส่วนราชการไม่ได้อยู่ในหน่วยงานนี้"))
    if links.owners is not None and any(m.organization_id != org_id for m in links.owners):
        raise ActionError(_("ผู้รับผิดชอบไม่ได้อยู่ในหน่วยงานนี้"))
    if links.findings is not None and any(
        f.assessment.organization_id != org_id for f in links.findings
    ):
        raise ActionError(_("ข้อค้นพบไม่ได้อยู่ในหน่วยงานนี้"))


def _apply_links(measure: Measure, links: MeasureLinks) -> None:
    for name in ("departments", "owners", "items", "findings"):
        values = getattr(links, name)
        if values is not None:
            getattr(measure, name).set(list(values))


# Not durable: the memo benchmark runs it in a transaction it rolls back.
@transaction.atomic
def do_save_measure(
    measure: Measure,
    changes: Mapping[str, Any],
    links: MeasureLinks,
    *,
    actor: Actor | None,
    expected_version: int | None = None,
) -> Measure:
    """Create (no pk) or edit a measure. An edit from a form opened before someone else's
    save is refused: the second writer is told, never silently wins."""
    check_actor(actor, measure.plan.organization_id)
    plan = measure.plan
    _check_links(plan, links)
    _check_dates(
        changes.get("start_date", measure.start_date), changes.get("end_date", measure.end_date)
    )
    if changes.get("issue_area") is not None and (
        changes["issue_area"].organization_id != plan.organization_id
    ):
        raise ActionError(_("ประเด็นไม่ได้อยู่ในหน่วยงานนี้"))
    budget = changes.get("budget_amount", measure.budget_amount)
    if budget is not None and budget < 0:
        raise ActionError(_("งบประมาณต้องไม่ติดลบ"))
    if measure.pk is None:
        for name, value in changes.items():
            setattr(measure, name, value)
        if not measure.number:
            measure.number = (plan.measures.aggregate(n=Max("number"))["n"] or 0) + 1
        measure.save()
        _apply_links(measure, links)
        record("measure.create", actor=actor, organization=plan.organization, target=measure)
        figures.refresh_on_commit(plan.organization_id)
        return measure
    claim_version(measure, expected_version, _("มาตรการ"))
    save_changes(measure, changes, "measure.update", actor=actor, organization=plan.organization)
    _apply_links(measure, links)
    figures.refresh_on_commit(plan.organization_id)
    return measure


def _require_open(measure: Measure) -> None:
    if not measure.is_open:
        raise ActionError(_("มาตรการนี้ปิดแล้ว กรุณาเปิดใหม่ก่อนแก้ไข"))


@transaction.atomic(durable=True)
def do_close_measure(measure: Measure, result: str, *, actor: Actor | None) -> Measure:
    check_actor(actor, measure.plan.organization_id)
    if not result.strip():
        raise ActionError(_("กรุณาระบุผลการดำเนินการก่อนปิดมาตรการ"))
    _require_open(measure)
    measure.status, measure.result = Measure.Status.DONE, result.strip()
    measure.version += 1
    measure.save(update_fields=["status", "result", "version", "updated_at"])
    record("measure.close", actor=actor, organization=measure.plan.organization, target=measure)
    figures.refresh_on_commit(measure.plan.organization_id)
    return measure


@transaction.atomic(durable=True)
def do_cancel_measure(measure: Measure, reason: str, *, actor: Actor | None) -> Measure:
    check_actor(actor, measure.plan.organization_id)
    if not reason.strip():
        raise ActionError(_("กรุณาระบุเหตุผลที่ยกเลิกมาตรการ"))
    _require_open(measure)
    measure.status, measure.cancel_reason = Measure.Status.CANCELLED, reason.strip()
    measure.version += 1
    measure.save(update_fields=["status", "cancel_reason", "version", "updated_at"])
    record(
        "measure.cancel",
        actor=actor,
        organization=measure.plan.organization,
        target=measure,
        reason=reason.strip(),
    )
    figures.refresh_on_commit(measure.plan.organization_id)
    return measure


@transaction.atomic(durable=True)
def do_reopen_measure(measure: Measure, *, actor: Actor | None) -> Measure:
    check_actor(actor, measure.plan.organization_id)
    if measure.is_open:
        return measure
    measure.status = (
        Measure.Status.IN_PROGRESS if measure.follow_ups.exists() else Measure.Status.NOT_STARTED
    )
    measure.version += 1
    measure.save(update_fields=["status", "version", "updated_at"])
    record("measure.reopen", actor=actor, organization=measure.plan.organization, target=measure)
    figures.refresh_on_commit(measure.plan.organization_id)
    return measure


# --- steps -----------------------------------------------------------------------------------


# Not durable: the memo benchmark runs it in a transaction it rolls back.
@transaction.atomic
def do_save_step(
    step: MeasureStep,
    changes: Mapping[str, Any],
    *,
    actor: Actor | None,
    expected_version: int | None = None,
) -> MeasureStep:
    check_actor(actor, step.measure.plan.organization_id)
    measure = step.measure
    org_id = measure.plan.organization_id
    department, owner = changes.get("department"), changes.get("owner")
    if (department and department.organization_id != org_id) or (
        owner and owner.organization_id != org_id
    ):
        raise ActionError(_("ผู้รับผิดชอบไม่ได้อยู่ในหน่วยงานนี้"))
    _check_dates(changes.get("start_date", step.start_date), changes.get("end_date", step.end_date))
    creating = step.pk is None
    if creating:
        for name, value in changes.items():
            setattr(step, name, value)
        if not step.order:
            step.order = (measure.steps.aggregate(n=Max("order"))["n"] or 0) + 1
        step.save()
        record("step.create", actor=actor, organization=measure.plan.organization, target=step)
    else:
        claim_version(step, expected_version, _("ขั้นตอน"))
        save_changes(
            step, changes, "step.update", actor=actor, organization=measure.plan.organization
        )
    return step


@transaction.atomic(durable=True)
def do_delete_step(step: MeasureStep, *, actor: Actor | None) -> None:
    check_actor(actor, step.measure.plan.organization_id)
    record(
        "step.delete",
        actor=actor,
        organization=step.measure.plan.organization,
        target=step.measure,
        step=step.text[:200],
    )
    measure = step.measure
    step.delete()
    # The steps are numbered by their order on screen and in the PDF: no gap after a delete.
    rest = list(measure.steps.select_for_update().order_by("order", "id"))
    for number, other in enumerate(rest, start=1):
        other.order = number
    MeasureStep.objects.bulk_update(rest, ["order"])


# --- follow-ups ------------------------------------------------------------------------------


@dataclass
class EvidenceInput:
    files: Sequence[UploadedFile] = field(default_factory=list)
    links: Sequence[str] = field(default_factory=list)


@atomic_with_files()
def do_add_follow_up(
    measure: Measure,
    *,
    date: Any,
    text: str,
    progress: int,
    evidence: EvidenceInput,
    actor: Actor,
) -> FollowUp:
    """A member reports progress (a follow-up always has its reporter: actor is required)."""
    check_actor(actor, measure.plan.organization_id)
    _require_open(measure)
    follow_up = FollowUp.objects.create(
        measure=measure, date=date, text=text.strip(), progress=progress, reported_by=actor
    )
    for upload in evidence.files:
        content_type = detect_type(upload)
        if content_type is None:
            raise ActionError(_("ไฟล์ %(name)s ไม่ใช่ชนิดที่รับ") % {"name": (upload.name or "")[:80]})
        Evidence.objects.create(
            follow_up=follow_up,
            file=upload,
            original_name=(upload.name or "")[:255],
            content_type=content_type,
            size=upload.size or 0,
            sha256=sha256_of(upload),
        )
    for link in evidence.links:
        Evidence.objects.create(follow_up=follow_up, url=link)
    if measure.status == Measure.Status.NOT_STARTED:
        measure.status = Measure.Status.IN_PROGRESS
        measure.save(update_fields=["status", "updated_at"])
    record(
        "followup.add",
        actor=actor,
        organization=measure.plan.organization,
        target=measure,
        progress=progress,
        evidence=len(evidence.files) + len(evidence.links),
    )
    return follow_up


@transaction.atomic(durable=True)
def do_set_outcome(measure: Measure, text: str, *, actor: Actor | None) -> Measure:
    check_actor(actor, measure.plan.organization_id)
    save_changes(
        measure,
        {"outcome_text": text.strip()},
        "measure.outcome",
        actor=actor,
        organization=measure.plan.organization,
    )
    return measure


@transaction.atomic(durable=True)
def do_import_results(
    plan: Plan,
    rows: Sequence[ResultRow],
    *,
    date: dt.date,
    progress: int,
    actor: Actor,
) -> tuple[int, int]:
    """Save a pasted results table: a follow-up for each row that brings new results, the
    outcome where it changed; (follow-ups, outcomes). All or nothing, one audit event."""
    check_actor(actor, plan.organization_id)
    if not isinstance(actor, Membership):
        raise ActionError(_("ผลการดำเนินการต้องมีผู้รายงาน"))
    if not 0 <= progress <= 100:
        raise ActionError(_("ความก้าวหน้าต้องอยู่ระหว่าง ๐ ถึง ๑๐๐"))
    follow_ups = outcomes = 0
    for row in rows:
        if row.problems:
            raise ActionError(_("ยังมีรายการที่ต้องแก้ไขก่อนบันทึก"))
        measure = row.measure
        if measure is None or measure.plan_id != plan.pk:
            raise ActionError(_("มาตรการของแถวนี้ไม่ได้อยู่ในแผนนี้"))
        measure = Measure.objects.select_for_update().get(pk=measure.pk)
        if row.adds_follow_up and measure.is_open:
            FollowUp.objects.create(
                measure=measure, date=date, text=row.results, progress=progress, reported_by=actor
            )
            if measure.status == Measure.Status.NOT_STARTED:
                measure.status = Measure.Status.IN_PROGRESS
            follow_ups += 1
        if row.sets_outcome:
            measure.outcome_text = row.outcome
            outcomes += 1
        measure.save()
    record(
        "measure.results_import",
        actor=actor,
        organization=plan.organization,
        target=plan,
        follow_ups=follow_ups,
        outcomes=outcomes,
    )
    figures.refresh_on_commit(plan.organization_id)
    return follow_ups, outcomes


# --- paste import ----------------------------------------------------------------------------


@transaction.atomic(durable=True)
def do_import_measures(
    plan: Plan, drafts: Sequence[DraftMeasure], *, actor: Actor
) -> list[Measure]:
    """Save the confirmed drafts of a paste as measures with their steps, all or nothing."""
    check_actor(actor, plan.organization_id)
    items = {}
    if plan.assessment is not None:
        items = {i.code: i for i in plan.assessment.framework.items.all()}
    next_number = (plan.measures.aggregate(n=Max("number"))["n"] or 0) + 1
    taken = set(plan.measures.values_list("number", flat=True))
    created = []
    for draft in drafts:
        if draft.problems:
            raise ActionError(_("ยังมีรายการที่ต้องแก้ไขก่อนบันทึก"))
        number = draft.number if draft.number and draft.number not in taken else next_number
        taken.add(number)
        next_number = max(taken) + 1
        measure = Measure.objects.create(
            plan=plan,
            number=number,
            issue_area=draft.issue_area,
            title=draft.title,
            finding_text=draft.finding_text,
            owner_note=draft.owner_note[:500],
            start_date=draft.period.start,
            end_date=draft.period.end,
            period_text=draft.period.phrase[:200],
            method_preamble=draft.method_preamble,
            follow_up_method=draft.follow_up,
            budget_amount=draft.budget,
            budget_source=draft.budget_source[:300],
            note=draft.note,
        )
        measure.departments.set(draft.departments)
        measure.items.set([items[c] for c in draft.item_codes if c in items])
        MeasureStep.objects.bulk_create(
            MeasureStep(measure=measure, order=order, text=text)
            for order, text in enumerate(draft.steps, start=1)
        )
        created.append(measure)
    record(
        "measure.import",
        actor=actor,
        organization=plan.organization,
        target=plan,
        count=len(created),
    )
    figures.refresh_on_commit(plan.organization_id)
    return created


@transaction.atomic(durable=True)
def do_save_issue_area(
    area: IssueArea, changes: Mapping[str, Any], *, actor: Actor | None
) -> IssueArea:
    check_actor(actor, area.organization_id)
    taken = IssueArea.objects.filter(
        organization=area.organization, number=changes.get("number", area.number)
    ).exclude(pk=area.pk)
    if taken.exists():
        raise ActionError(_("มีประเด็นลำดับนี้อยู่แล้ว"))
    if area.pk is None:
        for name, value in changes.items():
            setattr(area, name, value)
        area.save()
        record("issue_area.create", actor=actor, organization=area.organization, target=area)
    else:
        save_changes(
            area, changes, "issue_area.update", actor=actor, organization=area.organization
        )
    return area

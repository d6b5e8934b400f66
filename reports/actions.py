"""State changes of memos and their approval chains: one transaction and one audit event each;
e-mail is queued in the outbox in that transaction and sent by the worker after commit. Views
call these; nothing else writes these models."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import Assessment
from itatrack import mail
from itatrack.actions import ActionError, claim_version, save_changes
from itatrack.actors import Actor, check_actor, check_role
from itatrack.audit import record
from itatrack.models import Membership, Organization
from itatrack.thai import shorten
from measures.models import Plan
from reports import answers, drafting, duties, final, limits, numbering, register
from reports.capacity import Capacity
from reports.models import (
    ApprovalStep,
    Memo,
    MemoSection,
    RouteStep,
    RouteTemplate,
    RouteTemplateStep,
    Verb,
)


class Decision:
    APPROVE = "approve"
    RETURN = "return"
    REJECT = "reject"


def _check_member(org: Organization, *members: Membership | None) -> None:
    if any(m is not None and m.organization_id != org.pk for m in members):
        raise ActionError(_("ผู้ลงนามหรือผู้พิจารณาไม่ได้อยู่ในหน่วยงานนี้"))


def _check_capacity(capacity: str, acting_for: str) -> None:
    if capacity not in Capacity.values:
        raise ActionError(_("ไม่รู้จักฐานะการลงนามนี้"))
    if capacity and not acting_for.strip():
        raise ActionError(
            _("กรุณาระบุตำแหน่งที่ทำการแทน เมื่อลงนามในฐานะ%(capacity)s") % {"capacity": capacity}
        )


def _step_rows(
    steps: Sequence[tuple[Membership, str]], capacities: Sequence[tuple[str, str]] | None
) -> list[dict[str, Any]]:
    """The fields of each row of a route or a route template, in order: who, what they do and
    in which capacity they sign (their own post when capacities is None)."""
    capacities = list(capacities) if capacities is not None else [("", "")] * len(steps)
    if len(capacities) != len(steps):
        raise ActionError(_("ข้อมูลเส้นทางไม่ครบ กรุณาลองใหม่"))
    for capacity, acting_for in capacities:
        _check_capacity(capacity, acting_for)
    return [
        {
            "order": order,
            "member": member,
            "verb": verb,
            "capacity": capacity,
            "acting_for": acting_for.strip(),
        }
        for order, ((member, verb), (capacity, acting_for)) in enumerate(
            zip(steps, capacities, strict=True), start=1
        )
    ]


def _require_editable(memo: Memo) -> None:
    if not memo.editable:
        raise ActionError(_("บันทึกข้อความนี้เสนอแล้ว แก้ไขไม่ได้ (แก้ได้เมื่อถูกตีกลับเท่านั้น)"))


# --- drafting --------------------------------------------------------------------------------


# Not durable: the memo benchmark runs it in a transaction it rolls back.
@transaction.atomic
def do_create_memo(
    org: Organization,
    kind: str,
    *,
    actor: Actor,
    assessment: Assessment | None = None,
    plan: Plan | None = None,
) -> Memo:
    """A new draft by actor, who is its author and, until changed, its signer."""
    check_actor(actor, org)
    if assessment is not None and assessment.organization_id != org.pk:
        raise ActionError(_("ผลการประเมินไม่ได้เป็นของหน่วยงานนี้"))
    if plan is not None and plan.organization_id != org.pk:
        raise ActionError(_("แผนมาตรการไม่ได้เป็นของหน่วยงานนี้"))
    limits.check_size(plan)
    if kind == Memo.Kind.ANALYSIS:
        if assessment is None:
            raise ActionError(_("กรุณาเลือกผลการประเมินที่จะวิเคราะห์"))
        draft = drafting.analysis(org, assessment, plan)
    elif kind == Memo.Kind.RESULTS:
        if plan is None:
            raise ActionError(_("กรุณาเลือกแผนมาตรการที่จะรายงานผล"))
        draft = drafting.results(org, plan)
    else:
        draft = drafting.general(org)
    memo = Memo.objects.create(
        organization=org,
        kind=kind,
        author=actor,
        department=actor.department,
        subject=draft.subject,
        addressee=draft.addressee,
        closing=draft.closing,
        signer=actor,
        assessment=assessment,
        plan=plan,
        attachments=list(draft.attachments),
    )
    default = answers.default_answer(memo)
    if default.item is not None:  # else the default is worked out again when the year comes
        memo.oit_year, memo.oit_code = default.year, default.item.code
        memo.save(update_fields=["oit_year", "oit_code"])
    MemoSection.objects.bulk_create(
        MemoSection(memo=memo, order=order, heading=heading, text=text, drafted_text=text)
        for order, (heading, text) in enumerate(draft.sections, start=1)
    )
    template = RouteTemplate.objects.filter(organization=org, is_default=True).first()
    if template is not None:
        # The author never approves their own memo: a template naming them is used without them.
        RouteStep.objects.bulk_create(
            RouteStep(
                memo=memo,
                order=order,
                member=s.member,
                verb=s.verb,
                capacity=s.capacity,
                acting_for=s.acting_for,
            )
            for order, s in enumerate(
                template.steps.filter(member__is_active=True).exclude(member=actor), start=1
            )
        )
    record("memo.create", actor=actor, organization=org, target=memo, kind=kind)
    return memo


@transaction.atomic(durable=True)
def do_redraft_section(memo: Memo, section_pk: int, *, actor: Actor) -> MemoSection:
    """Replace one section's text with what the current data drafts, at the person's word
    (the memo page offers it when the data changed after drafting)."""
    check_actor(actor, memo.organization_id)
    memo = Memo.objects.select_for_update().get(pk=memo.pk)
    _require_editable(memo)
    section = memo.sections.filter(pk=section_pk).first()
    fresh = drafting.fresh_sections(memo)
    if section is None or section.heading not in fresh:
        raise ActionError(_("ส่วนนี้ร่างใหม่จากข้อมูลไม่ได้"))
    section.text = section.drafted_text = fresh[section.heading]
    section.save(update_fields=["text", "drafted_text"])
    memo.version += 1  # an edit form opened before this is refused, not silently saved
    memo.save(update_fields=["version", "updated_at"])
    record(
        "memo.redraft",
        actor=actor,
        organization=memo.organization,
        target=memo,
        heading=section.heading[:200],
    )
    return section


@transaction.atomic(durable=True)
def do_update_memo(
    memo: Memo,
    changes: Mapping[str, Any],
    sections: Sequence[tuple[str, str]] | None,
    *,
    actor: Actor,
    expected_version: int | None = None,
) -> Memo:
    check_actor(actor, memo.organization_id)
    _require_editable(memo)
    _check_member(memo.organization, changes.get("signer"))
    claim_version(memo, expected_version, _("บันทึกข้อความ"))
    save_changes(memo, changes, "memo.update", actor=actor, organization=memo.organization)
    if sections is not None:
        memo.sections.all().delete()
        MemoSection.objects.bulk_create(
            MemoSection(memo=memo, order=order, heading=heading, text=text)
            for order, (heading, text) in enumerate(sections, start=1)
            if heading.strip() or text.strip()
        )
        record("memo.sections", actor=actor, organization=memo.organization, target=memo)
    return memo


@transaction.atomic(durable=True)
def do_set_route(
    memo: Memo,
    steps: Sequence[tuple[Membership, str]],
    *,
    actor: Actor,
    capacities: Sequence[tuple[str, str]] | None = None,
) -> Memo:
    """The memo's route; capacities, where given, says for each step in which capacity its
    approver signs (ปฏิบัติหน้าที่ / รักษาราชการแทน / ปฏิบัติราชการแทน and the post)."""
    check_actor(actor, memo.organization_id)
    rows = _step_rows(steps, capacities)
    _require_editable(memo)
    _check_member(memo.organization, *(member for member, _verb in steps))
    if len({member.pk for member, _verb in steps}) != len(steps):
        raise ActionError(_("มีผู้พิจารณาซ้ำในเส้นทาง"))
    duties.check_route(memo, steps)
    memo.route.all().delete()
    RouteStep.objects.bulk_create(RouteStep(memo=memo, **row) for row in rows)
    record(
        "memo.route",
        actor=actor,
        organization=memo.organization,
        target=memo,
        route=[member.display_name for member, _verb in steps],
    )
    return memo


@transaction.atomic(durable=True)
def do_save_route_template(
    org: Organization,
    name: str,
    steps: Sequence[tuple[Membership, str]],
    *,
    is_default: bool,
    actor: Actor,
    template: RouteTemplate | None = None,
    capacities: Sequence[tuple[str, str]] | None = None,
) -> RouteTemplate:
    check_actor(actor, org)
    check_role(actor, duties.ADMIN_ROLES, _("แก้ไขแม่แบบเส้นทางได้เฉพาะผู้ดูแลหน่วยงาน"))
    rows = _step_rows(steps, capacities)
    _check_member(org, *(member for member, _verb in steps))
    if is_default:
        RouteTemplate.objects.filter(organization=org).update(is_default=False)
    if template is None:
        template = RouteTemplate.objects.create(organization=org, name=name, is_default=is_default)
    else:
        template.name, template.is_default = name, is_default
        template.save()
        template.steps.all().delete()
    RouteTemplateStep.objects.bulk_create(
        RouteTemplateStep(template=template, **row) for row in rows
    )
    record("route_template.save", actor=actor, organization=org, target=template)
    return template


# --- the chain -------------------------------------------------------------------------------


@transaction.atomic(durable=True)
def do_submit_memo(memo: Memo, *, actor: Actor, number: int | None = None) -> Memo:
    """Send a draft (or a returned memo, which restarts the chain) to its first approver. The
    ที่ number is the one typed from the office's register (number), else allocated by the
    counter at the first submission, and kept."""
    check_actor(actor, memo.organization_id)
    memo = Memo.objects.select_for_update().get(pk=memo.pk)
    _require_editable(memo)
    route = list(memo.route.select_related("member"))
    if not route:
        raise ActionError(_("กรุณากำหนดผู้พิจารณาอย่างน้อยหนึ่งคนก่อนเสนอ"))
    if memo.signer is None:
        raise ActionError(_("กรุณาเลือกผู้ลงนาม"))
    if not memo.subject.strip():
        raise ActionError(_("กรุณากรอกเรื่อง"))
    if any(not step.member.is_active for step in route):
        raise ActionError(_("มีผู้พิจารณาที่ถูกระงับการใช้งาน กรุณาแก้ไขเส้นทาง"))
    duties.check_route(memo, [(step.member, step.verb) for step in route])
    limits.check_size(memo.plan)
    today = timezone.localdate()
    if number is not None:
        register.assign_number(memo, number, memo.date or today)
    elif memo.number is None:
        memo.date = memo.date or today
        memo.number_prefix, memo.number_year, memo.number = numbering.allocate(
            memo.organization, memo.department, memo.date
        )
        memo.number_basis = memo.organization.number_year
    memo.signer_name = memo.signer.display_name
    memo.signer_position = memo.signer.position
    memo.round += 1
    memo.status = Memo.Status.SUBMITTED
    memo.submitted_at = timezone.now()
    memo.save()
    steps = ApprovalStep.objects.bulk_create(
        ApprovalStep(
            memo=memo,
            round=memo.round,
            order=s.order,
            member=s.member,
            verb=s.verb,
            capacity=s.capacity,
            acting_for=s.acting_for,
        )
        for s in route
    )
    steps[0].start(timezone.now())
    record(
        "memo.submit",
        actor=actor,
        organization=memo.organization,
        target=memo,
        round=memo.round,
        number=memo.number_text,
    )
    _notify_approver(steps[0])
    return memo


@transaction.atomic(durable=True)
def do_decide(
    step: ApprovalStep,
    decision: str,
    comment: str,
    *,
    actor: Actor,
    capacity: tuple[str, str] | None = None,
) -> ApprovalStep:
    """Approve (with an optional comment), return to the author (reason required) or reject
    (reason required). Only the step's own approver, only while it is current, only once: a
    second click or a second approver at the same moment is refused under the row lock.
    capacity (ฐานะ, post acted for), when given, is the approver's own word on the capacity
    they sign in, frozen with the decision."""
    check_actor(actor, step.memo.organization_id)
    step = ApprovalStep.objects.select_for_update().select_related("memo", "member").get(pk=step.pk)
    memo = Memo.objects.select_for_update().get(pk=step.memo_id)
    if step.member_id != actor.pk:
        raise ActionError(_("ท่านไม่ใช่ผู้พิจารณาในขั้นนี้"))
    if step.state != ApprovalStep.State.CURRENT or memo.status != Memo.Status.SUBMITTED:
        raise ActionError(_("ขั้นนี้ได้พิจารณาไปแล้ว"))
    comment = comment.strip()
    if decision in (Decision.RETURN, Decision.REJECT) and not comment:
        raise ActionError(_("กรุณาระบุเหตุผล"))
    if capacity is not None:
        _check_capacity(*capacity)
        step.capacity, step.acting_for = capacity[0], capacity[1].strip()
    now = timezone.now()
    if decision == Decision.APPROVE:
        # The round as submitted, checked again: an author on it (a route set before this
        # rule) or a last approver who has since lost the role cannot carry an approval.
        round_steps = ApprovalStep.objects.of_round(memo).select_related("member")
        duties.check_route(memo, [(s.member, s.verb) for s in round_steps])
        step.decide(ApprovalStep.State.APPROVED, comment, now)
        following = (
            ApprovalStep.objects.filter(memo=memo, round=step.round, order__gt=step.order)
            .order_by("order")
            .first()
        )
        if following is not None:
            following.start(now)
            _notify_approver(following)
        else:
            limits.check_size(memo.plan)
            memo.status, memo.decided_at = Memo.Status.APPROVED, now
            memo.save(update_fields=["status", "decided_at", "updated_at"])
            final.snapshot(memo)
            _notify_author(memo)
    elif decision in (Decision.RETURN, Decision.REJECT):
        returned = decision == Decision.RETURN
        step.decide(
            ApprovalStep.State.RETURNED if returned else ApprovalStep.State.REJECTED, comment, now
        )
        ApprovalStep.objects.of_round(memo).filter(state=ApprovalStep.State.WAITING).update(
            state=ApprovalStep.State.CANCELLED
        )
        memo.status = Memo.Status.RETURNED if returned else Memo.Status.REJECTED
        memo.decided_at = now
        memo.save(update_fields=["status", "decided_at", "updated_at"])
        _notify_author(memo)
    else:
        raise ActionError(_("ไม่รู้จักการพิจารณานี้"))
    record(
        f"memo.{decision}",
        actor=actor,
        organization=memo.organization,
        target=memo,
        step=step.order,
        round=step.round,
        comment=comment[:500],
    )
    return step


@transaction.atomic(durable=True)
def do_requeue_final_copy(memo: Memo, *, actor: Actor) -> Memo:
    """Queue the final copy's layout again after it failed (a font missing on the worker, the
    disk full): the snapshot of what was approved is unchanged."""
    check_actor(actor, memo.organization_id)
    memo = Memo.objects.select_for_update().get(pk=memo.pk)
    if not memo.final_pending or not memo.final_html:
        raise ActionError(_("บันทึกข้อความนี้ไม่มีฉบับจริงที่รอจัดทำ"))
    final.requeue(memo)
    record("memo.final_requeue", actor=actor, organization=memo.organization, target=memo)
    return memo


# --- e-mail ----------------------------------------------------------------------------------


def _notify_approver(step: ApprovalStep) -> None:
    step = ApprovalStep.objects.select_related("memo__organization", "member__user").get(pk=step.pk)
    memo = step.memo
    mail.queue(
        _("บันทึกข้อความรอการพิจารณา: %(subject)s") % {"subject": shorten(memo.subject, 80)},
        render_to_string(
            "reports/email/approver.txt",
            {
                "step": step,
                "memo": memo,
                "site_url": settings.SITE_URL,
                "verb": Verb(step.verb).label,
            },
        ),
        [step.member.user.email],
        kind="memo.approver",
        organization=memo.organization,
        target=memo,
    )


def _notify_author(memo: Memo) -> None:
    memo = Memo.objects.select_related("author__user", "organization").get(pk=memo.pk)
    last = ApprovalStep.objects.of_round(memo).last_decision()
    mail.queue(
        _("บันทึกข้อความ%(status)s: %(subject)s")
        % {"status": Memo.Status(memo.status).label, "subject": shorten(memo.subject, 80)},
        render_to_string(
            "reports/email/author.txt",
            {
                "memo": memo,
                "step": last,
                "site_url": settings.SITE_URL,
            },
        ),
        [memo.author.user.email],
        kind="memo.author",
        organization=memo.organization,
        target=memo,
    )

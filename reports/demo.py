"""Demo memos through the services: the standard route หัวหน้าสำนักปลัด → ปลัด → นายก, an
approved analysis memo with its comments, signed (self-signed demo certificate) and
published, a results memo waiting for the ปลัด, and a draft."""

from __future__ import annotations

import secrets

from assessments.models import Assessment
from itatrack.models import Membership, Organization
from measures.models import Plan
from reports import final, signing
from reports.actions import (
    Decision,
    do_create_memo,
    do_decide,
    do_save_route_template,
    do_submit_memo,
)
from reports.models import Memo, Verb
from reports.publishing import do_publish, do_upload_certificate


def seed(org: Organization, spec: dict[str, str]) -> None:
    """spec: usernames for "author", "head", "palat", "mayor". Idempotent."""
    if Memo.objects.filter(organization=org).exists():
        return
    people = {
        role: Membership.objects.get(organization=org, user__username=name)
        for role, name in spec.items()
    }
    do_save_route_template(
        org,
        "หัวหน้าสำนักปลัด → ปลัด → นายก",
        [
            (people["head"], Verb.ENDORSE),
            (people["palat"], Verb.ENDORSE),
            (people["mayor"], Verb.APPROVE),
        ],
        is_default=True,
        actor=people["author"],
    )
    plans = list(Plan.objects.for_org(org).order_by("fiscal_year"))
    if len(plans) < 2:
        return
    previous, current = plans[-2], plans[-1]
    approved = do_create_memo(
        org,
        Memo.Kind.ANALYSIS,
        actor=people["author"],
        assessment=previous.assessment,
        plan=previous,
    )
    _sign_and_pass(
        approved,
        people,
        ["เห็นควรเสนอปลัดพิจารณา", "เห็นชอบตามเสนอ", "อนุมัติ ให้ประกาศใช้และเผยแพร่บนเว็บไซต์"],
    )
    # Real bodies upload a certificate from a CA; the demo signs with a self-signed one.
    password = secrets.token_urlsafe(12)
    do_upload_certificate(
        org, signing.self_signed_p12(org.name, password), password, actor=people["author"]
    )
    final.keep(approved.pk)  # the worker's part, done here: the demo publishes it at once
    do_publish(approved, actor=people["author"])
    waiting = do_create_memo(org, Memo.Kind.RESULTS, actor=people["author"], plan=previous)
    do_submit_memo(waiting, actor=people["author"])
    step = waiting.steps.get(round=1, order=1)
    do_decide(step, Decision.APPROVE, "ทราบ เห็นควรรายงานปลัด", actor=people["head"])
    assessment = Assessment.objects.filter(
        organization=org, framework__fiscal_year=current.fiscal_year - 1
    ).first()
    do_create_memo(
        org, Memo.Kind.ANALYSIS, actor=people["author"], assessment=assessment, plan=current
    )


def _sign_and_pass(memo: Memo, people: dict[str, Membership], comments: list[str]) -> None:
    do_submit_memo(memo, actor=people["author"])
    for order, (role, comment) in enumerate(
        zip(("head", "palat", "mayor"), comments, strict=True), start=1
    ):
        do_decide(
            memo.steps.get(round=1, order=order), Decision.APPROVE, comment, actor=people[role]
        )

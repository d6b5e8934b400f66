"""Demo memos through the services: the standard route หัวหน้าสำนักปลัด → ปลัด → นายก, an
approved analysis memo with its comments, signed (self-signed demo certificate) and
published, a results memo waiting for the ปลัด, and a draft."""

from __future__ import annotations

import datetime as dt
import io
import secrets

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from assessments.models import Assessment, Framework, Tool
from itatrack.models import Membership, Organization
from measures.models import Plan
from reports import final, oit, signing
from reports.actions import (
    Decision,
    do_create_memo,
    do_decide,
    do_save_route_template,
    do_submit_memo,
)
from reports.models import Memo, OitEntry, Verb
from reports.publishing import do_publish, do_upload_certificate


def seed(org: Organization, spec: dict[str, str]) -> None:
    """spec: usernames for "author", "head", "palat", "mayor" and "admin" (who keeps the route
    template and the certificate, and publishes). Idempotent."""
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
        actor=people["admin"],
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
        org,
        signing.self_signed_p12(org.short_name or org.name, password, organization=org.name),
        password,
        actor=people["admin"],
    )
    final.keep(approved.pk)  # the worker's part, done here: the demo publishes it at once
    do_publish(approved, actor=people["admin"])
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
    seed_oit(org, people, approved)


def seed_oit(org: Organization, people: dict[str, Membership], published: Memo) -> None:
    """The newest year's OIT workspace begun: the first items assigned, some with evidence
    (links to the body's invented website, a chart, and the published memo), two found ready
    and the first of them published on the public ITA page."""
    framework = Framework.objects.by_year().first()
    if framework is None or OitEntry.objects.for_org(org).exists():
        return
    items = list(framework.items.filter(indicator__tool=Tool.OIT)[:6])
    author, head = people["author"], people["head"]
    site = f"https://www.{org.slug}.example.go.th/ita/{framework.fiscal_year}"
    for number, item in enumerate(items, start=1):
        changes = {"owner": author, "due_date": dt.date(framework.fiscal_year - 543, 3, 31)}
        oit.do_plan_oit_item(org, item, changes, actor=author)
        if number <= 4:
            files = [_structure_chart()] if number == 1 else []
            oit.do_add_oit_evidence(
                org, item, links=[f"{site}/{item.code}"], files=files, actor=author
            )
    if len(items) >= 2:
        for item in items[:2]:
            entry = OitEntry.objects.get(organization=org, item=item)
            oit.do_check_oit_item(entry, ready=True, comment="ครบถ้วน เป็นข้อมูลปีปัจจุบัน", actor=head)
        first = OitEntry.objects.get(organization=org, item=items[0])
        oit.do_publish_oit_items(org, [first], actor=author)
    publication_item = items[-1] if items else None
    if publication_item is not None:
        oit.do_add_oit_evidence(org, publication_item, memo=published, actor=author)


def _structure_chart() -> SimpleUploadedFile:
    """An organisation chart of boxes, as a body would scan or draw one (a PNG)."""
    image = Image.new("RGB", (480, 300), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((180, 20, 300, 70), outline="navy", width=3)
    draw.line((240, 70, 240, 110), fill="navy", width=3)
    draw.line((80, 110, 400, 110), fill="navy", width=3)
    for left in (20, 180, 340):
        draw.line((left + 60, 110, left + 60, 150), fill="navy", width=3)
        draw.rectangle((left, 150, left + 120, 200), outline="navy", width=3)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile("แผนผังโครงสร้าง.png", buffer.getvalue(), "image/png")


def _sign_and_pass(memo: Memo, people: dict[str, Membership], comments: list[str]) -> None:
    do_submit_memo(memo, actor=people["author"])
    for order, (role, comment) in enumerate(
        zip(("head", "palat", "mayor"), comments, strict=True), start=1
    ):
        do_decide(
            memo.steps.get(round=1, order=order), Decision.APPROVE, comment, actor=people[role]
        )

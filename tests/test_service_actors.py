"""Every public service refuses a person of another organisation, before it writes anything.

The table below names one call per service, aimed at the data of the personas' organisation;
a new do_* that is not in it fails the first test, so none can be added without its check."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

import assessments.actions
import assessments.deletion
import assessments.framework_actions
import itatrack.actions
import itatrack.invitations
import itatrack.operators
import itatrack.twofactor
import measures.actions
import measures.deletion
import reports.actions
import reports.deletion
import reports.memofiles
import reports.oit
import reports.publishing
import reports.register
from assessments.models import (
    Assessment,
    Finding,
    Framework,
    FrameworkUpload,
    ImportPreview,
    Item,
)
from itatrack.actions import ActionError
from itatrack.actors import Operator
from itatrack.models import AuditEvent, Invitation, Membership, OutgoingMail, Oversight
from measures.actions import EvidenceInput, MeasureLinks
from measures.models import IssueArea, Measure, MeasureStep, Plan
from reports.actions import Decision
from reports.models import ApprovalStep, Memo, OitEvidence, Verb
from tests.assessment_helpers import sample_sheet
from tests.memo_helpers import analysis_memo

# What check_actor (and the two-step verification's own check) say; any other refusal would
# mean the call was refused for another reason and proves nothing.
REFUSALS = (
    "ไม่ได้เป็นสมาชิกของหน่วยงาน",
    "เฉพาะผู้ดูแลระบบ",
    "เปลี่ยนได้เฉพาะเจ้าของบัญชี",
    "คำเชิญนี้ไม่ได้ส่งถึงบัญชีของท่าน",
)
PACKAGES = ("itatrack", "assessments", "measures", "reports")


def service_modules() -> list[ModuleType]:
    """Every module of the project (migrations and the dev tooling aside): a service is found
    wherever it is written."""
    modules = []
    for name in PACKAGES:
        package = importlib.import_module(name)
        for info in pkgutil.walk_packages(package.__path__, f"{name}."):
            if ".migrations" in info.name or info.name.startswith("itatrack.devtools"):
                continue
            modules.append(importlib.import_module(info.name))
    return modules


def public_services() -> set[str]:
    return {
        name
        for module in service_modules()
        for name, value in vars(module).items()
        if name.startswith("do_")
        and inspect.isfunction(value)
        and value.__module__ == module.__name__
    }


@dataclass
class World:
    """One of everything in the personas' organisation."""

    personas: object
    framework: Framework
    assessment: Assessment
    plan: Plan
    measure: Measure
    step: MeasureStep
    memo: Memo
    approval: ApprovalStep
    oit_item: Item
    oit_evidence: OitEvidence
    invitation: Invitation

    @property
    def org(self):
        return self.personas.org


@pytest.fixture
def world(personas, frameworks) -> World:
    memo = analysis_memo(personas, measures=1)
    submitted = reports.actions.do_create_memo(
        personas.org, Memo.Kind.GENERAL, actor=personas.clerk, plan=memo.plan
    )
    reports.actions.do_update_memo(submitted, {"subject": "ขอรายงานผล"}, None, actor=personas.clerk)
    reports.actions.do_set_route(
        submitted, [(personas.executive, Verb.APPROVE)], actor=personas.clerk
    )
    reports.actions.do_submit_memo(submitted, actor=personas.clerk)
    measure = memo.plan.measures.first()
    oit_item = memo.assessment.framework.items.filter(indicator__tool="OIT").first()
    return World(
        personas=personas,
        framework=memo.assessment.framework,
        assessment=memo.assessment,
        plan=memo.plan,
        measure=measure,
        step=measure.steps.first(),
        memo=memo,
        approval=submitted.steps.get(order=1),
        oit_item=oit_item,
        oit_evidence=reports.oit.do_add_oit_evidence(
            personas.org, oit_item, links=["https://example.go.th/ita"], actor=None
        )[0],
        invitation=itatrack.invitations.do_invite_member(
            personas.org,
            username="newcomer",
            display_name="นายมาใหม่ ทดสอบ",
            role="staff",
            email="newcomer@example.org",
            actor=personas.admin,
        ),
    )


Call = Callable[[World, Membership], object]
CALLS: dict[str, Call] = {
    # the core: organisations, departments, members, mail, oversight
    "do_create_organization": lambda w, a: itatrack.actions.do_create_organization(
        actor=a, name="เทศบาลตำบลแทรก", short_name="ทต.แทรก", slug="taek"
    ),
    "do_set_up_organization": lambda w, a: itatrack.operators.do_set_up_organization(
        {"name": "เทศบาลตำบลแทรก", "short_name": "ทต.แทรก", "slug": "taek"},
        ["สำนักปลัด"],
        {"username": "taek-admin", "display_name": "ผู้แทรก", "email": "t@x.org"},
        actor=a,
    ),
    "do_set_organization_active": lambda w, a: itatrack.operators.do_set_organization_active(
        w.org, False, actor=a
    ),
    "do_update_organization": lambda w, a: itatrack.actions.do_update_organization(
        w.org, {"phone": "๐๐"}, actor=a
    ),
    "do_create_department": lambda w, a: itatrack.actions.do_create_department(
        w.org, name="กองแทรก", actor=a
    ),
    "do_update_department": lambda w, a: itatrack.actions.do_update_department(
        w.personas.department, {"name": "กองแทรก"}, actor=a
    ),
    "do_add_member": lambda w, a: itatrack.actions.do_add_member(
        w.org, username="intruder", display_name="ผู้แทรก", role="admin", actor=a
    ),
    "do_invite_member": lambda w, a: itatrack.invitations.do_invite_member(
        w.org, username="intruder", display_name="ผู้แทรก", role="admin", email="i@x.org", actor=a
    ),
    "do_resend_invitation": lambda w, a: itatrack.invitations.do_resend_invitation(
        w.invitation, actor=a
    ),
    "do_cancel_invitation": lambda w, a: itatrack.invitations.do_cancel_invitation(
        w.invitation, actor=a
    ),
    # the invited person answers for their own account: anyone else is refused
    "do_accept_invitation": lambda w, a: itatrack.invitations.do_accept_invitation(
        w.invitation, user=a.user
    ),
    "do_decline_invitation": lambda w, a: itatrack.invitations.do_decline_invitation(
        w.invitation, user=a.user
    ),
    "do_update_member": lambda w, a: itatrack.actions.do_update_member(
        w.personas.clerk, {"role": "admin"}, actor=a
    ),
    "do_set_member_active": lambda w, a: itatrack.actions.do_set_member_active(
        w.personas.clerk, False, actor=a
    ),
    "do_resend_mail": lambda w, a: itatrack.actions.do_resend_mail(
        OutgoingMail.objects.create(
            organization=w.org, kind="welcome", to="a@example.org", subject="ส", body="ข"
        ),
        actor=a,
    ),
    "do_create_oversight": lambda w, a: itatrack.actions.do_create_oversight(
        name="สำนักงานแทรก", slug="taek", provinces=["ลำปาง"], actor=a
    ),
    "do_add_supervisor": lambda w, a: itatrack.actions.do_add_supervisor(
        Oversight.objects.create(name="สำนักงาน", slug="office", provinces=["ลำปาง"]),
        username="intruder",
        actor=a,
    ),
    # two-step verification: the person's own
    "do_confirm_device": lambda w, a: itatrack.twofactor.do_confirm_device(
        itatrack.twofactor.pending_device(w.personas.clerk.user), actor=a.user, keep_session=None
    ),
    "do_remove_device": lambda w, a: itatrack.twofactor.do_remove_device(
        w.personas.clerk.user, actor=a.user
    ),
    # frameworks (national) and assessments
    "do_update_framework": lambda w, a: assessments.actions.do_update_framework(
        w.framework, {"pass_mark": 1}, actor=a
    ),
    "do_update_item": lambda w, a: assessments.framework_actions.do_update_item(
        w.framework.items.first(), {"text": "แทรก"}, actor=a
    ),
    "do_confirm_framework": lambda w, a: assessments.framework_actions.do_confirm_framework(
        w.framework, actor=a
    ),
    "do_add_indicator": lambda w, a: assessments.framework_actions.do_add_indicator(
        w.framework, {"number": 11, "name": "แทรก", "tool": "OIT"}, actor=a
    ),
    "do_update_indicator": lambda w, a: assessments.framework_actions.do_update_indicator(
        w.framework.indicators.first(), {"name": "แทรก"}, actor=a
    ),
    "do_delete_indicator": lambda w, a: assessments.framework_actions.do_delete_indicator(
        w.framework.indicators.last(), actor=a
    ),
    "do_add_sub_indicator": lambda w, a: assessments.framework_actions.do_add_sub_indicator(
        w.framework.indicators.last(), {"code": "10.9", "name": "แทรก"}, actor=a
    ),
    "do_update_sub_indicator": lambda w, a: assessments.framework_actions.do_update_sub_indicator(
        w.framework.indicators.last().subs.first(), {"name": "แทรก"}, actor=a
    ),
    "do_delete_sub_indicator": lambda w, a: assessments.framework_actions.do_delete_sub_indicator(
        w.framework.indicators.last().subs.first(), actor=a
    ),
    "do_add_item": lambda w, a: assessments.framework_actions.do_add_item(
        w.framework,
        {"code": "O99", "indicator": w.framework.indicators.last(), "scale": "pass_fail"},
        actor=a,
    ),
    "do_move_item": lambda w, a: assessments.framework_actions.do_move_item(
        w.framework.items.last(), -1, actor=a
    ),
    "do_remove_item": lambda w, a: assessments.framework_actions.do_remove_item(
        w.framework.items.last(), actor=a
    ),
    "do_restore_item": lambda w, a: assessments.framework_actions.do_restore_item(
        w.framework.items.last(), actor=a
    ),
    "do_import_framework": lambda w, a: assessments.framework_actions.do_import_framework(
        FrameworkUpload.objects.create(
            user=w.personas.clerk.user, fiscal_year=2591, spec={}, filename="x.xlsx"
        ),
        actor=a,
    ),
    "do_copy_framework": lambda w, a: assessments.actions.do_copy_framework(
        w.framework, 2590, actor=a
    ),
    "do_create_assessment": lambda w, a: assessments.actions.do_create_assessment(
        w.org, Framework.objects.get(fiscal_year=2564), actor=a
    ),
    "do_update_assessment": lambda w, a: assessments.actions.do_update_assessment(
        w.assessment, {"recommendations": "แทรก"}, actor=a
    ),
    "do_save_scores": lambda w, a: assessments.actions.do_save_scores(
        w.assessment, sample_sheet(w.framework), actor=a
    ),
    "do_save_finding": lambda w, a: assessments.actions.do_save_finding(
        Finding(assessment=w.assessment, indicator=w.framework.indicators.first()),
        {"text": "แทรก"},
        None,
        actor=a,
    ),
    "do_import_findings": lambda w, a: assessments.actions.do_import_findings(
        w.assessment, [], actor=a
    ),
    "do_discard_finding": lambda w, a: assessments.actions.do_discard_finding(
        Finding.objects.create(
            assessment=w.assessment,
            indicator=w.framework.indicators.first(),
            kind=Finding.Kind.IMPROVE,
            text="ข้อค้นพบ",
        ),
        actor=a,
    ),
    "do_propose_findings": lambda w, a: assessments.actions.do_propose_findings(
        w.assessment, actor=a
    ),
    "do_confirm_import": lambda w, a: assessments.actions.do_confirm_import(
        ImportPreview.objects.create(
            assessment=w.assessment,
            membership=w.personas.clerk,
            sheet=sample_sheet(w.framework).as_json(),
            filename="ผล.xlsx",
            sha256="0" * 64,
        ),
        actor=a,
    ),
    # plans, measures, steps, follow-ups
    "do_create_plan": lambda w, a: measures.actions.do_create_plan(
        w.org, fiscal_year=2570, assessment=None, actor=a
    ),
    "do_update_plan": lambda w, a: measures.actions.do_update_plan(
        w.plan, {"fiscal_year": 2571}, actor=a
    ),
    "do_save_measure": lambda w, a: measures.actions.do_save_measure(
        Measure(plan=w.plan), {"title": "มาตรการแทรก"}, MeasureLinks(), actor=a
    ),
    "do_close_measure": lambda w, a: measures.actions.do_close_measure(w.measure, "เสร็จ", actor=a),
    "do_cancel_measure": lambda w, a: measures.actions.do_cancel_measure(
        w.measure, "ยกเลิก", actor=a
    ),
    "do_reopen_measure": lambda w, a: measures.actions.do_reopen_measure(w.measure, actor=a),
    "do_save_step": lambda w, a: measures.actions.do_save_step(
        MeasureStep(measure=w.measure), {"text": "ขั้นตอนแทรก"}, actor=a
    ),
    "do_delete_step": lambda w, a: measures.actions.do_delete_step(w.step, actor=a),
    "do_add_follow_up": lambda w, a: measures.actions.do_add_follow_up(
        w.measure,
        date=dt.date(2023, 1, 1),
        text="ผลแทรก",
        progress=50,
        evidence=EvidenceInput(),
        actor=a,
    ),
    "do_set_outcome": lambda w, a: measures.actions.do_set_outcome(w.measure, "ผลลัพธ์แทรก", actor=a),
    "do_import_measures": lambda w, a: measures.actions.do_import_measures(w.plan, [], actor=a),
    "do_import_results": lambda w, a: measures.actions.do_import_results(
        w.plan, [], date=dt.date(2023, 9, 30), progress=100, actor=a
    ),
    "do_save_issue_area": lambda w, a: measures.actions.do_save_issue_area(
        IssueArea(organization=w.org), {"number": 90, "name": "ประเด็นแทรก"}, actor=a
    ),
    # memos, the chain, publishing
    "do_redraft_section": lambda w, a: reports.actions.do_redraft_section(
        w.memo, w.memo.sections.first().pk, actor=a
    ),
    "do_create_memo": lambda w, a: reports.actions.do_create_memo(
        w.org, Memo.Kind.GENERAL, actor=a
    ),
    "do_update_memo": lambda w, a: reports.actions.do_update_memo(
        w.memo, {"subject": "แทรก"}, None, actor=a
    ),
    "do_set_route": lambda w, a: reports.actions.do_set_route(
        w.memo, [(w.personas.executive, Verb.APPROVE)], actor=a
    ),
    "do_save_route_template": lambda w, a: reports.actions.do_save_route_template(
        w.org, "เส้นทางแทรก", [(w.personas.executive, Verb.APPROVE)], is_default=True, actor=a
    ),
    "do_submit_memo": lambda w, a: reports.actions.do_submit_memo(w.memo, actor=a),
    "do_decide": lambda w, a: reports.actions.do_decide(w.approval, Decision.APPROVE, "", actor=a),
    "do_requeue_final_copy": lambda w, a: reports.actions.do_requeue_final_copy(w.memo, actor=a),
    "do_upload_certificate": lambda w, a: reports.publishing.do_upload_certificate(
        w.org, b"not a certificate", "password", actor=a
    ),
    "do_publish": lambda w, a: reports.publishing.do_publish(w.memo, actor=a),
    # the send register and a memo's own documents
    "do_set_number_year": lambda w, a: reports.register.do_set_number_year(
        w.org, "fiscal", actor=a
    ),
    "do_set_next_number": lambda w, a: reports.register.do_set_next_number(
        w.org, w.org.doc_prefix, 2569, 900, actor=a
    ),
    "do_set_memo_number": lambda w, a: reports.register.do_set_memo_number(w.memo, 901, actor=a),
    "do_add_memo_file": lambda w, a: reports.memofiles.do_add_memo_file(
        w.memo, "เอกสารแทรก", SimpleUploadedFile("x.pdf", b"%PDF-1.4 x"), actor=a
    ),
    "do_remove_memo_file": lambda w, a: reports.memofiles.do_remove_memo_file(w.memo, 0, actor=a),
    # the OIT workspace
    "do_plan_oit_item": lambda w, a: reports.oit.do_plan_oit_item(
        w.org, w.oit_item, {"due_date": dt.date(2023, 3, 31)}, actor=a
    ),
    "do_add_oit_evidence": lambda w, a: reports.oit.do_add_oit_evidence(
        w.org, w.oit_item, links=["https://example.go.th/แทรก"], actor=a
    ),
    "do_remove_oit_evidence": lambda w, a: reports.oit.do_remove_oit_evidence(
        w.oit_evidence, actor=a
    ),
    "do_check_oit_item": lambda w, a: reports.oit.do_check_oit_item(
        w.oit_evidence.entry, ready=True, comment="", actor=a
    ),
    "do_confirm_findings": lambda w, a: assessments.actions.do_confirm_findings(
        w.assessment, [], actor=a
    ),
    "do_delete_draft_memo": lambda w, a: reports.deletion.do_delete_draft_memo(
        w.memo, "ผิด", actor=a
    ),
    "do_delete_plan": lambda w, a: measures.deletion.do_delete_plan(w.plan, "ผิด", actor=a),
    "do_delete_assessment": lambda w, a: assessments.deletion.do_delete_assessment(
        w.assessment, "ผิด", actor=a
    ),
    "do_plan_oit_items": lambda w, a: reports.oit.do_plan_oit_items(
        w.org, [w.oit_item], {"due_date": dt.date(2026, 12, 31)}, actor=a
    ),
    "do_publish_oit_items": lambda w, a: reports.oit.do_publish_oit_items(
        w.org, [w.oit_evidence.entry], actor=a
    ),
}


def test_every_public_service_is_in_the_table():
    assert public_services() == set(CALLS)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_it_refuses_a_member_of_another_organisation_and_writes_nothing(name, world, personas):
    events = AuditEvent.objects.count()
    with pytest.raises(ActionError) as refused:
        CALLS[name](world, personas.outsider)
    assert any(words in str(refused.value) for words in REFUSALS), str(refused.value)
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(
    "name", ["do_save_step", "do_update_department", "do_create_memo", "do_close_measure"]
)
def test_it_lets_the_organisations_own_member_do_the_same(name, world, personas):
    CALLS[name](world, personas.admin)


def test_it_refuses_a_suspended_member_of_the_organisation(world, personas):
    Membership.objects.filter(pk=personas.clerk.pk).update(is_active=False)
    personas.clerk.refresh_from_db()
    with pytest.raises(ActionError, match="ถูกระงับ"):
        CALLS["do_save_step"](world, personas.clerk)


def test_it_lets_a_staff_operator_edit_the_national_framework(world, personas):
    user = personas.outsider.user
    user.is_staff = True
    user.save()
    assessments.framework_actions.do_update_item(
        world.framework.items.first(), {"text": "ข้อความใหม่"}, actor=Operator(user)
    )


def test_it_refuses_an_operator_who_is_not_staff(world, personas):
    with pytest.raises(ActionError, match="เฉพาะผู้ดูแลระบบ"):
        assessments.framework_actions.do_update_item(
            world.framework.items.first(), {"text": "แทรก"}, actor=Operator(personas.outsider.user)
        )


def test_it_refuses_an_account_given_where_a_membership_is_expected(world, personas):
    with pytest.raises(TypeError):
        measures.actions.do_save_step(
            MeasureStep(measure=world.measure), {"text": "ก"}, actor=personas.clerk.user
        )

"""Service actions: one transaction, one audit event, side effects only after commit."""

from __future__ import annotations

import pytest
from django.core import mail

from itatrack import actions
from itatrack.models import AuditEvent, Membership, Role


def test_it_writes_no_event_when_nothing_changed(personas):
    actions.do_update_department(
        personas.department, {"name": personas.department.name}, actor=personas.admin
    )
    assert not AuditEvent.objects.exists()


def test_it_records_the_changed_fields_and_the_organisation(personas):
    actions.do_update_member(personas.clerk, {"position": "นักวิชาการ"}, actor=personas.admin)
    event = AuditEvent.objects.get()
    assert (event.verb, event.organization, event.data) == (
        "member.update",
        personas.org,
        {"fields": ["position"]},
    )


def test_it_rolls_back_the_change_and_the_event_together_when_refused(personas):
    with pytest.raises(actions.ActionError):
        actions.do_update_member(personas.admin, {"role": Role.STAFF}, actor=personas.admin)
    personas.admin.refresh_from_db()
    assert personas.admin.role == Role.ADMIN
    assert not AuditEvent.objects.exists()


def test_it_lets_an_admin_step_down_when_another_admin_remains(personas):
    actions.do_update_member(personas.clerk, {"role": Role.ADMIN}, actor=personas.admin)
    actions.do_update_member(personas.admin, {"role": Role.STAFF}, actor=personas.admin)
    assert Membership.objects.for_org(personas.org).admins().get() == personas.clerk


def test_it_sends_no_mail_when_the_transaction_does_not_commit(
    personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.do_add_member(
            personas.org,
            username="newbie",
            display_name="นายใหม่ ทดสอบ",
            role=Role.STAFF,
            email="n@example.org",
            password="x" * 12,
            actor=None,
        )
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_it_refuses_to_add_a_department_of_another_organisation(personas):
    with pytest.raises(actions.ActionError):
        actions.do_add_member(
            personas.org,
            username="newbie",
            display_name="นายใหม่",
            role=Role.STAFF,
            department=personas.other_department,
            password="x" * 12,
            actor=None,
        )
    assert not Membership.objects.filter(user__username="newbie").exists()


def test_it_creates_an_organisation_with_an_event(db):
    org = actions.do_create_organization(
        actor=None,
        slug="x",
        name="เทศบาลเมืองทดลอง",
        short_name="ทม.ทดลอง",
        kind="town",
        province="ลำปาง",
    )
    assert AuditEvent.objects.get().target_id == str(org.pk)

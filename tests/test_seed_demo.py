from __future__ import annotations

import json
from pathlib import Path

from django.contrib.auth.models import User
from django.core.management import call_command

from itatrack.devtools.demo import DEMO_FILE
from itatrack.models import AuditEvent, Department, Membership, Organization, Role
from tests.helpers import REAL_NAMES_IN_SAMPLES


def test_it_creates_the_demo_with_one_user_per_role(db):
    call_command("seed_demo", verbosity=0)
    org = Organization.objects.get(slug="ban-tuayang")
    roles = set(Membership.objects.for_org(org).values_list("role", flat=True))
    assert roles == set(Role.values)
    assert org.emblem
    assert User.objects.get(username="clerk").check_password("itatrack-demo")
    assert Membership.objects.filter(user__username="clerk").count() == 2  # can switch


def test_it_is_idempotent(db):
    call_command("seed_demo", verbosity=0)
    counts = (
        Organization.objects.count(),
        Department.objects.count(),
        Membership.objects.count(),
        User.objects.count(),
        AuditEvent.objects.count(),
    )
    call_command("seed_demo", verbosity=0)
    assert counts == (
        Organization.objects.count(),
        Department.objects.count(),
        Membership.objects.count(),
        User.objects.count(),
        AuditEvent.objects.count(),
    )


def test_it_goes_through_the_service_actions_so_the_audit_trail_is_complete(db):
    call_command("seed_demo", verbosity=0)
    assert AuditEvent.objects.filter(verb="member.add").count() == Membership.objects.count()


def test_it_uses_invented_names_only():
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False)
    assert not any(name in text for name in REAL_NAMES_IN_SAMPLES)


def file_text(path: Path) -> str:
    """What a file says: a workbook's cells, any other file as UTF-8 text."""
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True)
        return "\n".join(
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    return path.read_text(encoding="utf-8")


def test_the_test_data_uses_invented_names_only():
    data = Path(__file__).resolve().parent / "data"
    files = [p for p in data.rglob("*") if p.is_file()]
    assert any(p.suffix == ".xlsx" for p in files)  # workbooks are read too
    for path in files:
        text = file_text(path)
        assert not any(name in text for name in REAL_NAMES_IN_SAMPLES), path.name


def test_it_publishes_the_approved_memo_signed_with_a_demo_certificate(db):
    from reports import signing
    from reports.models import Publication, SigningCertificate

    call_command("seed_demo", verbosity=0)
    publication = Publication.objects.get(organization__slug="ban-tuayang")
    assert publication.signed and publication.oit_code == "O25"
    certificate = SigningCertificate.objects.get(organization=publication.organization)
    with publication.pdf.open("rb") as handle:
        assert signing.validate(handle.read(), signing.read_der(certificate)).ok

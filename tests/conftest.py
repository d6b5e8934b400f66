"""Named personas shared by every test: a clerk, a reviewer, an executive and an organisation
admin of ทต.บ้านทดสอบ, and an outsider who works for another organisation."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from itatrack.models import Department, Membership, Organization, Oversight, Role, Supervisor
from tests.servers import free_port, wait_for

PASSWORD = "correct-horse-battery-9"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _thai_first():
    """A request in English leaves English active in the thread; the next test starts Thai,
    as a user's first visit does."""
    from django.utils import translation

    translation.activate("th")
    yield
    translation.activate("th")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Kept public pages are keyed by slug: one test's must not show in the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@dataclass
class Personas:
    org: Organization
    other_org: Organization
    department: Department
    other_department: Department
    clerk: Membership
    reviewer: Membership
    executive: Membership
    admin: Membership
    outsider: Membership

    def client_for(self, membership: Membership | None) -> Client:
        client = Client()
        if membership is not None:
            client.force_login(membership.user)
        return client


def make_member(
    org: Organization,
    username: str,
    role: str,
    display_name: str,
    department: Department | None = None,
    position: str = "",
) -> Membership:
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD)
    return Membership.objects.create(
        user=user,
        organization=org,
        role=role,
        display_name=display_name,
        department=department,
        position=position,
    )


@pytest.fixture
def personas(db) -> Personas:
    org = Organization.objects.create(
        slug="ban-thotsob",
        name="เทศบาลตำบลบ้านทดสอบ",
        short_name="ทต.บ้านทดสอบ",
        kind=Organization.Kind.SUBDISTRICT,
        province="ลำพูน",
        doc_prefix="ลพ 99901",
        head_title="นายกเทศมนตรีตำบลบ้านทดสอบ",
    )
    other = Organization.objects.create(
        slug="nong-uen",
        name="องค์การบริหารส่วนตำบลหนองอื่น",
        short_name="อบต.หนองอื่น",
        kind=Organization.Kind.SAO,
        province="ลำพูน",
    )
    department = Department.objects.create(organization=org, name="สำนักปลัดเทศบาล", order=1)
    other_department = Department.objects.create(organization=other, name="กองคลัง", order=1)
    return Personas(
        org=org,
        other_org=other,
        department=department,
        other_department=other_department,
        clerk=make_member(
            org, "clerk", Role.STAFF, "นางสาวใจดี ทดสอบ", department, "นักวิเคราะห์นโยบายและแผน"
        ),
        reviewer=make_member(
            org, "reviewer", Role.REVIEWER, "นายตรวจ ทดสอบ", department, "หัวหน้าสำนักปลัดเทศบาล"
        ),
        executive=make_member(
            org, "executive", Role.EXECUTIVE, "นายบริหาร ทดสอบ", None, "นายกเทศมนตรีตำบลบ้านทดสอบ"
        ),
        admin=make_member(
            org, "orgadmin", Role.ADMIN, "นางดูแล ทดสอบ", department, "เจ้าพนักงานธุรการ"
        ),
        outsider=make_member(
            other, "outsider", Role.ADMIN, "นายภายนอก ต่างถิ่น", other_department, "ปลัด"
        ),
    )


@pytest.fixture
def frameworks(db) -> None:
    """The frameworks come from a data migration, but transactional tests flush every table:
    load them again (idempotent) for tests that need them."""
    from django.apps import apps

    from assessments.framework_data import load_fixture, read_fixture

    load_fixture(read_fixture(), lambda name: apps.get_model("assessments", name))


@dataclass
class Supervision:
    """A provincial office over ลำพูน (both persona bodies) plus one named body elsewhere, one
    of its supervisors, and a body it must never see."""

    oversight: Oversight
    supervisor: User
    named: Organization
    unseen: Organization

    def client(self) -> Client:
        client = Client()
        client.force_login(self.supervisor)
        return client


@pytest.fixture
def supervision(personas) -> Supervision:
    named = Organization.objects.create(
        slug="mae-rim-test",
        name="เทศบาลเมืองแม่ริมทดสอบ",
        short_name="ทม.แม่ริมทดสอบ",
        kind=Organization.Kind.TOWN,
        province="เชียงใหม่",
    )
    unseen = Organization.objects.create(
        slug="san-sai-test",
        name="องค์การบริหารส่วนตำบลสันทรายทดสอบ",
        short_name="อบต.สันทรายทดสอบ",
        kind=Organization.Kind.SAO,
        province="เชียงใหม่",
    )
    oversight = Oversight.objects.create(
        name="สำนักงานท้องถิ่นจังหวัดทดสอบ", slug="lamphun-office", provinces=["ลำพูน"]
    )
    oversight.organizations.add(named)
    user = User.objects.create_user("supervisor", "supervisor@example.org", PASSWORD)
    Supervisor.objects.create(user=user, oversight=oversight, position="ท้องถิ่นจังหวัด")
    return Supervision(oversight, user, named, unseen)


S3_BUCKET = "itatrack-test"


@pytest.fixture
def s3_storage(settings):
    """A moto S3 server on loopback with an empty bucket; this process's storage points at it.
    Yields the environment that points an app server at the same bucket."""
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("moto_server")), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        wait_for(endpoint, server)
        env = {
            "S3_BUCKET": S3_BUCKET,
            "S3_ENDPOINT_URL": endpoint,
            "S3_REGION": "us-east-1",
            "S3_ACCESS_KEY_ID": "testing",
            "S3_SECRET_ACCESS_KEY": "testing",
        }
        import boto3

        boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        ).create_bucket(Bucket=S3_BUCKET)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "itatrack.storage.PrivateS3Storage",
                "OPTIONS": {
                    "bucket_name": S3_BUCKET,
                    "endpoint_url": endpoint,
                    "region_name": "us-east-1",
                    "access_key": "testing",
                    "secret_key": "testing",
                    "default_acl": None,
                    "file_overwrite": False,
                },
            },
        }
        yield env
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def browser_server(live_server, frameworks, monkeypatch) -> str:
    """A live server for the browser tests (skipped, saying why, without Chromium); its URL."""
    from tests.browser import require_chromium

    require_chromium()
    # Playwright's sync API runs an event loop in this thread, and the tests read the ORM
    # between its steps.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    return live_server.url


@pytest.fixture
def demo_server(browser_server) -> str:
    """The demo municipality on a live server; its URL."""
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    return browser_server

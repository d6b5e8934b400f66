"""A backup restores into an empty database as it was: rows, files, logins, signatures."""

from __future__ import annotations

import hashlib
import io
import tarfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.test import Client

from itatrack import backup
from itatrack.models import Organization
from reports.models import Publication

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(frameworks):
    call_command("seed_demo", verbosity=0)  # publishes a signed memo, with emblems
    return Organization.objects.get(slug="ban-tuayang")


def wipe() -> None:
    call_command("flush", interactive=False, verbosity=0)
    for name in list(backup._stored_files()):
        default_storage.delete(name)


def test_a_backup_restores_as_it_was(demo, tmp_path):
    archive = tmp_path / "itatrack.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    rows = backup.row_counts()
    publication = Publication.objects.get(organization=demo)
    pdf_sha = publication.sha256
    files = {name: default_storage.open(name).read() for name in backup._stored_files()}
    assert any(name.startswith("published/") for name in files)

    wipe()
    assert not Organization.objects.exists() and not list(backup._stored_files())

    call_command("restore", str(archive), stdout=io.StringIO())
    assert backup.row_counts() == rows
    assert {n: default_storage.open(n).read() for n in backup._stored_files()} == files
    publication = Publication.objects.get(organization__slug="ban-tuayang")
    stored = default_storage.open(publication.pdf.name).read()
    assert hashlib.sha256(stored).hexdigest() == pdf_sha
    client = Client()
    assert (
        client.post(
            "/accounts/login/", {"username": "clerk", "password": "itatrack-demo"}
        ).status_code
        == 302
    )
    assert client.get("/o/ban-tuayang/dashboard/").status_code == 200
    verify = Client().get(f"/v/{publication.memo.public_token}/").content.decode()
    assert "ตรวจสอบลายมือชื่อไม่ผ่าน" not in verify  # the signed file came back unchanged


def test_it_refuses_to_restore_over_existing_data(demo, tmp_path):
    archive = tmp_path / "itatrack.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="มีข้อมูลอยู่แล้ว"):
        call_command("restore", str(archive))


def test_a_damaged_file_in_the_backup_stops_the_restore_before_anything_is_written(demo, tmp_path):
    good = tmp_path / "good.tar.gz"
    call_command("backup", str(good), stdout=io.StringIO())
    bad = tmp_path / "bad.tar.gz"
    with tarfile.open(good) as source, tarfile.open(bad, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name.startswith("files/published/"):
                content = content[:-1] + bytes([content[-1] ^ 1])
            member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    wipe()
    with pytest.raises(CommandError, match="เสียหาย"):
        call_command("restore", str(bad))
    assert not Organization.objects.exists()
    assert not list(backup._stored_files())


def test_a_file_that_is_not_a_backup_is_refused_in_thai(db, tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a tar file")
    with pytest.raises(CommandError, match="เปิดไฟล์สำรองข้อมูลไม่ได้"):
        call_command("restore", str(junk))

"""A backup restores into an empty database as it was: rows, files, logins, signatures."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.test import Client

from itatrack import backup
from itatrack.models import Organization
from itatrack.storedfiles import stored_files
from reports.models import Publication

pytestmark = pytest.mark.django_db(transaction=True)
KEY = "a-backup-key-kept-apart-from-archives"


@pytest.fixture(autouse=True)
def _backup_key(settings):
    settings.BACKUP_KEY = KEY


@pytest.fixture
def demo(frameworks):
    call_command("seed_demo", verbosity=0)  # publishes a signed memo, with emblems
    return Organization.objects.get(slug="ban-tuayang")


def wipe() -> None:
    call_command("flush", interactive=False, verbosity=0)
    for name in list(stored_files()):
        default_storage.delete(name)


def test_a_backup_restores_as_it_was(demo, tmp_path):
    archive = tmp_path / "itatrack.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    rows = backup.row_counts()
    publication = Publication.objects.get(organization=demo)
    pdf_sha = publication.sha256
    files = {name: default_storage.open(name).read() for name in stored_files()}
    assert any(name.startswith("published/") for name in files)

    wipe()
    assert not Organization.objects.exists() and not list(stored_files())

    call_command("restore", str(archive), stdout=io.StringIO())
    assert backup.row_counts() == rows
    assert {n: default_storage.open(n).read() for n in stored_files()} == files
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


def repack(source: Path, target: Path, edit) -> None:
    """A copy of the archive with each member's bytes passed through edit(name, bytes)."""
    with tarfile.open(source) as old, tarfile.open(target, "w:gz") as new:
        contents = {m.name: old.extractfile(m).read() for m in old.getmembers()}
        for member in old.getmembers():
            content = edit(member.name, contents[member.name], contents)
            member.size = len(content)
            new.addfile(member, io.BytesIO(content))


def assert_refused(archive: Path, words: str, *extra: str) -> None:
    with pytest.raises(CommandError, match=words):
        call_command("restore", str(archive), *extra)
    assert not Organization.objects.exists()
    assert not list(stored_files())


@pytest.fixture
def good(demo, tmp_path):
    archive = tmp_path / "good.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    return archive


def test_a_damaged_file_in_the_backup_stops_the_restore_before_anything_is_written(good, tmp_path):
    def flip_published(name, content, _all):
        if name.startswith("files/published/"):
            return content[:-1] + bytes([content[-1] ^ 1])
        return content

    bad = tmp_path / "bad.tar.gz"
    repack(good, bad, flip_published)
    wipe()
    assert_refused(bad, "เสียหาย")


def gzip_header_length(data: bytes) -> int:
    """The fixed 10 bytes and, when its flag is set, the original file name (tarfile writes
    it): they describe the file, not the backup, and gzip's CRC does not cover them."""
    length = 10
    if data[3] & 0x08:  # FNAME
        length = data.index(b"\0", length) + 1
    return length


def test_every_single_bit_flip_is_refused(good, tmp_path):
    """22 flips spread over everything the archive carries after its gzip header."""
    original = good.read_bytes()
    wipe()
    start = gzip_header_length(original)
    positions = [start + (len(original) - 1 - start) * i // 21 for i in range(22)]
    for number, position in enumerate(positions):
        flipped = bytearray(original)
        flipped[position] ^= 1 << (number % 8)
        bad = tmp_path / f"flip{number}.tar.gz"
        bad.write_bytes(bytes(flipped))
        assert_refused(bad, "เสียหาย|ไม่ผ่าน|ไม่ตรง|ไม่ใช่|ไม่ควรมี|ไม่ถูกต้อง|เปิดไฟล์")


def test_a_truncated_archive_is_refused(good, tmp_path):
    original = good.read_bytes()
    wipe()
    for cut in (8, 1024, len(original) // 2):
        short = tmp_path / f"short{cut}.tar.gz"
        short.write_bytes(original[:-cut])
        assert_refused(short, "ไม่ครบ|เสียหาย")


def test_an_archive_edited_and_given_a_matching_manifest_is_refused(good, tmp_path):
    """The clerk made superuser and a publication's SHA-256 zeroed, with the manifest's
    hashes recomputed to match: only the key could reseal it."""

    def edited_data(data: bytes) -> bytes:
        rows = json.loads(data)
        for row in rows:
            if row["model"] == "auth.user" and row["fields"]["username"] == "clerk":
                row["fields"]["is_superuser"] = row["fields"]["is_staff"] = True
            if row["model"] == "reports.publication":
                row["fields"]["sha256"] = "0" * 64
        return json.dumps(rows).encode()

    def edit(name, content, contents):
        if name == "data.json":
            return edited_data(content)
        if name == "manifest.json":
            manifest = json.loads(content)
            data = edited_data(contents["data.json"])
            manifest["data_sha256"] = hashlib.sha256(data).hexdigest()
            manifest["models"] = backup.model_digests(data)
            return json.dumps(manifest).encode()
        return content

    resealed = tmp_path / "resealed.tar.gz"
    repack(good, resealed, edit)
    unsealed = tmp_path / "unsealed.tar.gz"
    repack(good, unsealed, lambda n, c, a: edited_data(c) if n == "data.json" else c)
    wipe()
    assert_refused(resealed, "ตรวจสอบชุดสำรองข้อมูลไม่ผ่าน")
    assert_refused(unsealed, "ไม่ตรงกับรายการกำกับ")


def test_the_wrong_key_or_none_is_refused(good, tmp_path, settings):
    wipe()
    wrong = tmp_path / "wrong.key"
    wrong.write_text("another-key-of-enough-length")
    assert_refused(good, "ตรวจสอบชุดสำรองข้อมูลไม่ผ่าน", "--key-file", str(wrong))
    settings.BACKUP_KEY = ""
    assert_refused(good, "ต้องระบุกุญแจสำรองข้อมูล")
    right = tmp_path / "right.key"
    right.write_text(KEY + "\n")
    call_command("restore", str(good), "--key-file", str(right), stdout=io.StringIO())
    assert Organization.objects.filter(slug="ban-tuayang").exists()


def test_a_member_outside_the_manifest_is_refused(good, tmp_path):
    extra = tmp_path / "extra.tar.gz"
    with tarfile.open(good) as old, tarfile.open(extra, "w:gz") as new:
        for member in old.getmembers():
            new.addfile(member, old.extractfile(member))
        link = tarfile.TarInfo("files/emblems/link.png")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        new.addfile(link)
    wipe()
    assert_refused(extra, "ไม่ควรมี")


def test_a_file_that_is_not_a_backup_is_refused_in_thai(db, tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a tar file")
    with pytest.raises(CommandError, match="เปิดไฟล์สำรองข้อมูลไม่ได้"):
        call_command("restore", str(junk))


def test_a_restore_over_an_existing_account_is_refused_and_deletes_no_file(good, tmp_path):
    """As after `createsuperuser` on the new machine: refused before anything is written, and
    the files that were already in storage are all still there."""
    from django.contrib.auth.models import User

    wipe()
    User.objects.create_superuser("root", "root@example.org", "a-long-password-1")
    mine = default_storage.save("evidence/kept-by-the-operator.pdf", io.BytesIO(b"%PDF-1.4"))
    with pytest.raises(CommandError, match="มีบัญชีผู้ใช้"):
        call_command("restore", str(good))
    assert list(stored_files()) == [mine]


def test_a_failed_restore_removes_only_the_files_it_wrote(good, tmp_path, monkeypatch):
    with tarfile.open(good) as archive:
        manifest = json.loads(archive.extractfile("manifest.json").read())
        emblem = next(name for name in manifest["files"] if name.startswith("emblems/"))
        same = archive.extractfile(f"files/{emblem}").read()
    wipe()
    default_storage.save(emblem, io.BytesIO(same))  # the same file, already there
    other = default_storage.save("evidence/unrelated.pdf", io.BytesIO(b"%PDF-1.4"))
    real = backup.call_command

    def loaddata_fails(name, *args, **kwargs):
        if name == "loaddata":
            raise RuntimeError("the rows could not be loaded")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(backup, "call_command", loaddata_fails)
    with pytest.raises(RuntimeError):
        call_command("restore", str(good))
    assert sorted(stored_files()) == sorted([emblem, other])
    assert default_storage.open(emblem).read() == same


def test_a_stored_file_that_differs_from_the_backup_stops_the_restore_first(good, tmp_path):
    with tarfile.open(good) as archive:
        manifest = json.loads(archive.extractfile("manifest.json").read())
    emblem = next(name for name in manifest["files"] if name.startswith("emblems/"))
    wipe()
    default_storage.save(emblem, io.BytesIO(b"another emblem"))
    with pytest.raises(CommandError, match="ไม่ตรงกับในชุดสำรอง"):
        call_command("restore", str(good))
    assert list(stored_files()) == [emblem]
    assert not Organization.objects.exists()


def test_an_unsealed_archive_is_refused_before_any_member_is_read(db, tmp_path, monkeypatch):
    """A big member behind a manifest that fails its seal: only the manifest and the seal are
    read; nothing is spooled, nothing held in memory."""
    archive = tmp_path / "unsealed.tar.gz"
    big = b"\0" * (20 * 1024 * 1024)
    with tarfile.open(archive, "w:gz") as tar:
        for name, content in (
            ("data.json", big),
            ("files/evidence/big.pdf", big),
            ("manifest.json", b'{"format": 2}'),
            ("manifest.hmac", b"0" * 64),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))

    def never(*args, **kwargs):
        raise AssertionError("a member was read before the seal was checked")

    monkeypatch.setattr(backup, "_spool", never)
    with pytest.raises(CommandError, match="ตรวจสอบชุดสำรองข้อมูลไม่ผ่าน"):
        call_command("restore", str(archive))

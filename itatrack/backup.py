"""Backup and restore of one installation: the database as Django fixtures and every stored
file, in one .tar.gz with a manifest (rows and a SHA-256 per model, SHA-256 of each file),
authenticated with an HMAC under a key the operator keeps apart from the archives. A restore
reads the whole gzip stream (its CRC and length), checks the manifest against the key before
it reads any other member, streams every member to disk against its sealed digest, and checks
every model's rows, before it writes anything; then the row counts again after loading. It
never deletes a file it did not write.

The fixtures are database-neutral, so a backup taken on PostgreSQL restores on SQLite and back.
For a large PostgreSQL installation pg_dump is faster; this is the one that also carries the
files and proves the round trip (tests/test_backup.py).
"""

from __future__ import annotations

import gzip
import hashlib
import hmac
import io
import json
import tarfile
import tempfile
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from auditlog.context import disable_auditlog
from django.apps import apps
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from itatrack.storedfiles import stored_files

FORMAT = 2
MANIFEST = "manifest.json"
SIGNATURE = "manifest.hmac"
DATA = "data.json"
MIN_KEY_BYTES = 16
# Rebuilt by migrate, or not worth keeping (sessions end anyway).
EXCLUDE = ["contenttypes", "auth.permission", "sessions"]


class BackupError(Exception):
    """The message is shown as it is."""


@dataclass
class Manifest:
    format: int = FORMAT
    created_at: str = ""
    rows: dict[str, int] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # name → SHA-256
    data_sha256: str = ""
    models: dict[str, str] = field(default_factory=dict)  # label → SHA-256 of its rows


def check_key(key: bytes | None) -> bytes:
    if not key or len(key) < MIN_KEY_BYTES:
        raise BackupError(
            "ต้องระบุกุญแจสำรองข้อมูล (ITATRACK_BACKUP_KEY หรือ --key-file) "
            f"ยาวอย่างน้อย {MIN_KEY_BYTES} ตัวอักษร และเก็บแยกจากไฟล์สำรองข้อมูล"
        )
    return key


def _seal(manifest_bytes: bytes, key: bytes) -> str:
    return hmac.new(key, manifest_bytes, hashlib.sha256).hexdigest()


def model_digests(data: bytes) -> dict[str, str]:
    """The SHA-256 of each model's rows in a dumpdata file, in the file's order."""
    try:
        objects = json.loads(data)
    except ValueError as exc:
        raise BackupError("ข้อมูลในชุดสำรองเสียหาย (อ่าน data.json ไม่ได้)") from exc
    if not isinstance(objects, list):
        raise BackupError("ข้อมูลในชุดสำรองเสียหาย (data.json ไม่ใช่รายการแถว)")
    by_model: dict[str, hashlib._Hash] = defaultdict(hashlib.sha256)
    for obj in objects:
        if not isinstance(obj, dict) or "model" not in obj:
            raise BackupError("ข้อมูลในชุดสำรองเสียหาย (มีแถวที่ไม่ระบุตาราง)")
        row = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        by_model[str(obj["model"])].update(row.encode() + b"\n")
    return {label: digest.hexdigest() for label, digest in sorted(by_model.items())}


def row_counts() -> dict[str, int]:
    skip = {"contenttypes", "sessions"}
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in skip and model._meta.label != "auth.Permission"
    }


def _add(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


def make_backup(path: Path, *, key: bytes | None) -> Manifest:
    key = check_key(key)
    manifest = Manifest(created_at=timezone.now().isoformat())
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data.json"
        # One transaction: the rows and their counts describe the same moment.
        with transaction.atomic():
            manifest.rows = row_counts()
            call_command(
                "dumpdata",
                natural_foreign=True,
                natural_primary=True,
                exclude=EXCLUDE,
                output=str(data),
                verbosity=0,
            )
        content = data.read_bytes()
        manifest.data_sha256 = hashlib.sha256(content).hexdigest()
        manifest.models = model_digests(content)
        with tarfile.open(path, "w:gz") as archive:
            _add(archive, DATA, content)
            for name in sorted(stored_files()):
                with default_storage.open(name, "rb") as handle:
                    content = handle.read()
                manifest.files[name] = hashlib.sha256(content).hexdigest()
                _add(archive, f"files/{name}", content)
            sealed = json.dumps(manifest.__dict__, indent=1).encode()
            _add(archive, MANIFEST, sealed)
            _add(archive, SIGNATURE, _seal(sealed, key).encode())
    return manifest


def _read_whole_gzip(path: Path) -> None:
    """Decompress to the end: a truncated archive or a flipped bit fails the CRC or the
    length check here, where tarfile alone stops reading at the last member it needs."""
    try:
        with gzip.open(path, "rb") as stream:
            while stream.read(1 << 20):
                pass
    except gzip.BadGzipFile as exc:
        if "Not a gzipped file" in str(exc):
            raise BackupError("เปิดไฟล์สำรองข้อมูลไม่ได้: ไฟล์นี้ไม่ใช่ไฟล์ .tar.gz") from None
        raise BackupError(f"ไฟล์สำรองข้อมูลเสียหายหรือไม่ครบ (gzip: {exc})") from None
    except (OSError, EOFError, zlib.error) as exc:
        raise BackupError(f"ไฟล์สำรองข้อมูลเสียหายหรือไม่ครบ (gzip: {exc})") from None


MAX_MANIFEST_BYTES = 64 * 1024 * 1024  # the manifest and its seal are read before anything else
CHUNK = 1 << 20


@dataclass
class CheckedArchive:
    """An archive proven against its sealed manifest, its members spooled to a folder on disk
    (never held in memory): data.json and each stored file by name."""

    manifest: Manifest
    data: Path
    files: dict[str, Path]


def _members(archive: tarfile.TarFile) -> dict[str, tarfile.TarInfo]:
    members: dict[str, tarfile.TarInfo] = {}
    for member in archive.getmembers():  # headers only: no member is read here
        if not member.isfile() or member.name in members:
            raise BackupError(f"ชุดสำรองมีรายการที่ไม่ควรมี: {member.name}")
        members[member.name] = member
    return members


def _small(archive: tarfile.TarFile, member: tarfile.TarInfo | None) -> bytes:
    if member is None:
        return b""
    if member.size > MAX_MANIFEST_BYTES:
        raise BackupError("รายการกำกับในชุดสำรองใหญ่ผิดปกติ: ไม่ใช่ไฟล์สำรองข้อมูลของ itatrack")
    handle = archive.extractfile(member)
    return handle.read() if handle is not None else b""


def _spool(archive: tarfile.TarFile, member: tarfile.TarInfo, target: Path) -> str:
    """Copy a member to target in chunks; its SHA-256."""
    handle = archive.extractfile(member)
    if handle is None:
        raise BackupError(f"ชุดสำรองมีรายการที่อ่านไม่ได้: {member.name}")
    digest = hashlib.sha256()
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def _checked_archive(path: Path, key: bytes, folder: Path) -> CheckedArchive:
    """The archive proven part by part: first the whole gzip stream (CRC, length), then the
    manifest against its seal, before any other member is read; then each member, streamed to
    folder, against the digest the sealed manifest gives it."""
    _read_whole_gzip(path)
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115 (closed by the with below)
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"เปิดไฟล์สำรองข้อมูลไม่ได้: {exc}") from None
    with archive:
        try:
            members = _members(archive)
            if MANIFEST not in members or DATA not in members:
                raise BackupError("ไฟล์นี้ไม่ใช่ไฟล์สำรองข้อมูลของ itatrack")
            sealed = _small(archive, members.pop(MANIFEST))
            signature = _small(archive, members.pop(SIGNATURE, None))
            if not hmac.compare_digest(
                signature.decode(errors="replace").strip(), _seal(sealed, key)
            ):
                raise BackupError(
                    "ตรวจสอบชุดสำรองข้อมูลไม่ผ่าน: ไฟล์ถูกแก้ไข หรือกุญแจสำรองข้อมูลไม่ใช่กุญแจที่ใช้ตอนสำรอง"
                )
            try:
                manifest = Manifest(**json.loads(sealed))
            except (ValueError, TypeError) as exc:
                raise BackupError("รายการกำกับในชุดสำรองเสียหาย") from exc
            if manifest.format != FORMAT:
                raise BackupError(f"ไฟล์สำรองข้อมูลรูปแบบที่ {manifest.format} ใช้กับรุ่นนี้ไม่ได้")
            data = folder / DATA
            if _spool(archive, members.pop(DATA), data) != manifest.data_sha256:
                raise BackupError("ข้อมูลในชุดสำรองไม่ตรงกับรายการกำกับ (data.json ถูกแก้ไขหรือเสียหาย)")
            files: dict[str, Path] = {}
            for index, (name, digest) in enumerate(sorted(manifest.files.items())):
                if ".." in Path(name).parts or Path(name).is_absolute():
                    raise BackupError(f"ชื่อไฟล์ {name} ในชุดสำรองไม่ถูกต้อง")
                member = members.pop(f"files/{name}", None)
                target = folder / "files" / str(index)
                if member is None or _spool(archive, member, target) != digest:
                    raise BackupError(f"ไฟล์ {name} ในชุดสำรองเสียหายหรือไม่ครบ")
                files[name] = target
        except (OSError, EOFError, tarfile.TarError, zlib.error) as exc:
            raise BackupError(f"ไฟล์สำรองข้อมูลเสียหายหรือไม่ครบ: {exc}") from None
    if members:
        raise BackupError(f"ชุดสำรองมีไฟล์ที่ไม่อยู่ในรายการกำกับ: {sorted(members)[0]}")
    digests = model_digests(data.read_bytes())  # sealed and matching its digest: trusted now
    changed = sorted(
        label
        for label in set(digests) | set(manifest.models)
        if digests.get(label) != manifest.models.get(label)
    )
    if changed:
        raise BackupError(f"แถวของตาราง {', '.join(changed)} ไม่ตรงกับรายการกำกับ")
    return CheckedArchive(manifest, data, files)


def _sha256_of_stored(name: str) -> str:
    digest = hashlib.sha256()
    with default_storage.open(name, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def restore_backup(path: Path, *, key: bytes | None) -> Manifest:
    """Into an empty, migrated database: everything or nothing. A file already in storage is
    kept: one with the same content is left as it is, one that differs stops the restore
    before anything is written; a failed restore removes only the files it wrote."""
    from django.contrib.auth import get_user_model

    from itatrack.models import Organization

    key = check_key(key)
    if Organization.objects.exists():
        raise BackupError("ฐานข้อมูลนี้มีข้อมูลอยู่แล้ว: กู้คืนได้เฉพาะฐานข้อมูลว่างที่ migrate แล้ว")
    if get_user_model().objects.exists():
        raise BackupError(
            "ฐานข้อมูลนี้มีข้อมูลอยู่แล้ว (มีบัญชีผู้ใช้ เช่นจาก createsuperuser): "
            "กู้คืนได้เฉพาะฐานข้อมูลว่างที่ migrate แล้ว บัญชีผู้ดูแลจะกลับมาพร้อมชุดสำรอง"
        )
    with tempfile.TemporaryDirectory() as folder:
        checked = _checked_archive(path, key, Path(folder))
        manifest = checked.manifest
        present = {name for name in checked.files if default_storage.exists(name)}
        for name in sorted(present):
            if _sha256_of_stored(name) != manifest.files[name]:
                raise BackupError(
                    f"มีไฟล์ {name} อยู่แล้วและไม่ตรงกับในชุดสำรอง: ย้ายไฟล์เดิมออกก่อนกู้คืน "
                    "(ระบบไม่ลบไฟล์ที่ไม่ได้เขียนเอง)"
                )
        # Files first: if the rows then fail, the files written go again and nothing is left
        # half done; files that were there before are never touched.
        written = []
        try:
            for name, spooled in checked.files.items():
                if name in present:
                    continue
                with spooled.open("rb") as handle:
                    if default_storage.save(name, File(handle)) != name:
                        raise BackupError(f"บันทึกไฟล์ {name} กลับที่เดิมไม่ได้")
                written.append(name)
            # The trail comes back as it was: loading it is not new history (m2m included).
            with transaction.atomic(), disable_auditlog():
                call_command("loaddata", str(checked.data), verbosity=0)
                restored = row_counts()
                wrong = {
                    label: (n, restored.get(label))
                    for label, n in manifest.rows.items()
                    if restored.get(label) != n
                }
                if wrong:
                    raise BackupError(f"จำนวนแถวหลังกู้คืนไม่ตรงกับชุดสำรอง: {wrong}")
        except Exception:
            for name in written:
                default_storage.delete(name)
            raise
    from itatrack import figures

    figures.refresh()
    return manifest

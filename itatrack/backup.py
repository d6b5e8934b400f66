"""Backup and restore of one installation: the database as Django fixtures and every stored
file, in one .tar.gz with a manifest (rows per model, SHA-256 of each file) that a restore
checks before it writes anything and again after.

The fixtures are database-neutral, so a backup taken on PostgreSQL restores on SQLite and back.
For a large PostgreSQL installation pg_dump is faster; this is the one that also carries the
files and proves the round trip (tests/test_backup.py).
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from auditlog.context import disable_auditlog
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

FORMAT = 1
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


def _stored_files(folder: str = "") -> Iterator[str]:
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in folders:
        yield from _stored_files(f"{folder}/{sub}" if folder else sub)


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


def make_backup(path: Path) -> Manifest:
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
        with tarfile.open(path, "w:gz") as archive:
            archive.add(data, "data.json")
            for name in sorted(_stored_files()):
                with default_storage.open(name, "rb") as handle:
                    content = handle.read()
                manifest.files[name] = hashlib.sha256(content).hexdigest()
                _add(archive, f"files/{name}", content)
            _add(archive, "manifest.json", json.dumps(manifest.__dict__, indent=1).encode())
    return manifest


def restore_backup(path: Path) -> Manifest:
    """Into an empty, migrated database: everything or nothing."""
    from itatrack.models import Organization

    if Organization.objects.exists():
        raise BackupError("ฐานข้อมูลนี้มีข้อมูลอยู่แล้ว: กู้คืนได้เฉพาะฐานข้อมูลว่างที่ migrate แล้ว")
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115 (closed by the with below)
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"เปิดไฟล์สำรองข้อมูลไม่ได้: {exc}") from None
    with archive, tempfile.TemporaryDirectory() as folder:
        members = {m.name: m for m in archive.getmembers() if m.isfile()}
        if "manifest.json" not in members or "data.json" not in members:
            raise BackupError("ไฟล์นี้ไม่ใช่ไฟล์สำรองข้อมูลของ itatrack")
        manifest = Manifest(**json.loads(archive.extractfile(members["manifest.json"]).read()))
        if manifest.format != FORMAT:
            raise BackupError(f"ไฟล์สำรองข้อมูลรูปแบบที่ {manifest.format} ใช้กับรุ่นนี้ไม่ได้")
        files = {}
        for name, digest in manifest.files.items():
            member = members.get(f"files/{name}")
            content = archive.extractfile(member).read() if member else b""
            if hashlib.sha256(content).hexdigest() != digest or ".." in Path(name).parts:
                raise BackupError(f"ไฟล์ {name} ในชุดสำรองเสียหายหรือไม่ครบ")
            files[name] = content
        data = Path(folder) / "data.json"
        data.write_bytes(archive.extractfile(members["data.json"]).read())
        # Files first: if the rows then fail, the files go again and nothing is left half done.
        written = []
        try:
            for name, content in files.items():
                if default_storage.exists(name):
                    default_storage.delete(name)
                if default_storage.save(name, ContentFile(content)) != name:
                    raise BackupError(f"บันทึกไฟล์ {name} กลับที่เดิมไม่ได้")
                written.append(name)
            # The trail comes back as it was: loading it is not new history (m2m included).
            with transaction.atomic(), disable_auditlog():
                call_command("loaddata", str(data), verbosity=0)
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

"""The backup key for manage.py backup and restore: --key-file, or ITATRACK_BACKUP_KEY."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError


def add_key_argument(parser: Any) -> None:
    parser.add_argument(
        "--key-file",
        type=Path,
        help="a file holding the backup key (otherwise ITATRACK_BACKUP_KEY); keep it apart "
        "from the archives",
    )


def backup_key(key_file: Path | None) -> bytes:
    if key_file is None:
        return settings.BACKUP_KEY.encode()
    try:
        return key_file.read_bytes().strip()
    except OSError as exc:
        raise CommandError(f"อ่านไฟล์กุญแจ {key_file} ไม่ได้: {exc.strerror}") from None

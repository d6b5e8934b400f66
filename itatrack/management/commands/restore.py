"""Restore a backup into an empty, migrated database (see itatrack.backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from itatrack import backup


class Command(BaseCommand):
    help = "Restore an archive made by `manage.py backup` into an empty, migrated database."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("archive", type=Path)

    def handle(self, *args: Any, archive: Path, **options: Any) -> None:
        try:
            manifest = backup.restore_backup(archive)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"restored {sum(manifest.rows.values())} rows and {len(manifest.files)} files "
                f"from a backup of {manifest.created_at}"
            )
        )

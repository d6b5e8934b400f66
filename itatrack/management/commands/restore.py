"""Restore a backup into an empty, migrated database (see itatrack.backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from itatrack import backup
from itatrack.management.commands._backup_key import add_key_argument, backup_key


class Command(BaseCommand):
    help = "Restore an archive made by `manage.py backup` into an empty, migrated database."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("archive", type=Path)
        add_key_argument(parser)

    def handle(self, *args: Any, archive: Path, key_file: Path | None, **options: Any) -> None:
        try:
            manifest = backup.restore_backup(archive, key=backup_key(key_file))
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"restored {sum(manifest.rows.values())} rows and {len(manifest.files)} files "
                f"from a backup of {manifest.created_at}"
            )
        )

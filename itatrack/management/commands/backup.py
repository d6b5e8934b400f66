"""Write the database and every stored file to one .tar.gz (see itatrack.backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from itatrack import backup
from itatrack.management.commands._backup_key import add_key_argument, backup_key


class Command(BaseCommand):
    help = "Back up the database and the stored files into one archive with a manifest."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("archive", type=Path, help="e.g. itatrack-2569-12-01.tar.gz")
        add_key_argument(parser)

    def handle(self, *args: Any, archive: Path, key_file: Path | None, **options: Any) -> None:
        try:
            manifest = backup.make_backup(archive, key=backup_key(key_file))
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{archive}: {sum(manifest.rows.values())} rows, {len(manifest.files)} files"
            )
        )

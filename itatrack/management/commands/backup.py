"""Write the database and every stored file to one .tar.gz (see itatrack.backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from itatrack import backup


class Command(BaseCommand):
    help = "Back up the database and the stored files into one archive with a manifest."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("archive", type=Path, help="e.g. itatrack-2569-12-01.tar.gz")

    def handle(self, *args: Any, archive: Path, **options: Any) -> None:
        manifest = backup.make_backup(archive)
        self.stdout.write(
            self.style.SUCCESS(
                f"{archive}: {sum(manifest.rows.values())} rows, {len(manifest.files)} files"
            )
        )

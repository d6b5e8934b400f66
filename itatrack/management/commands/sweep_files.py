"""List stored files that no row names (left by a process killed between writing a file and
committing its row, or by an older version of the app), and with --delete remove them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from itatrack.storedfiles import referenced_files, stored_files


class Command(BaseCommand):
    help = "List (and with --delete remove) stored files that no row refers to"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--delete", action="store_true", help="remove them")
        parser.add_argument(
            "--min-age-hours",
            type=float,
            default=1,
            help="leave younger files alone: an upload may be between its file and its row",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        referenced = referenced_files()
        cutoff = timezone.now() - dt.timedelta(hours=options["min_age_hours"])
        orphans = []
        for name in stored_files():
            if name in referenced:
                continue
            try:
                if default_storage.get_modified_time(name) > cutoff:
                    continue
            except (NotImplementedError, OSError):
                pass
            orphans.append(name)
        for name in orphans:
            if options["delete"]:
                default_storage.delete(name)
            self.stdout.write(("removed " if options["delete"] else "") + name)
        verb = "removed" if options["delete"] else "found (run with --delete to remove them)"
        self.stdout.write(f"{len(orphans)} files that no row names {verb}")

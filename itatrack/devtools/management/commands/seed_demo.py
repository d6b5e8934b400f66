"""Create (or bring up to date) the fictional demo organisations (see itatrack.devtools.demo)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from itatrack.devtools.demo import DEMO_FILE, Seeder


class Command(BaseCommand):
    help = "Create the demo municipality, its departments and one user per role (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--file", type=Path, default=DEMO_FILE)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        self.stdout.write(self.style.SUCCESS(Seeder().run(file)))

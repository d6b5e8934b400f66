"""Developer tool: rebuild fixtures/frameworks.json from the reference frameworks YAML."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from assessments.framework_data import FIXTURE, build_fixture

DEFAULT_SOURCE = Path("..") / "shared" / "domain" / "frameworks.yaml"


class Command(BaseCommand):
    help = "Rebuild fixtures/frameworks.json from the reference frameworks.yaml (needs PyYAML)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
        parser.add_argument("--output", type=Path, default=FIXTURE)

    def handle(self, *args: Any, source: Path, output: Path, **options: Any) -> None:
        try:
            import yaml
        except ImportError as exc:
            raise CommandError("PyYAML is needed: pip install '.[dev]'") from exc
        if not source.is_file():
            raise CommandError(f"{source} not found")
        data = build_fixture(yaml.safe_load(source.read_text(encoding="utf-8")))
        output.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        self.stdout.write(f"{len(data['frameworks'])} frameworks → {output}")

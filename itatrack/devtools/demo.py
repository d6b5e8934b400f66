"""Create (or bring up to date) the fictional demo organisations in fixtures/demo.json.

Safe to run any number of times: existing rows are found by slug, name or username and left
as they are; nothing is duplicated. All names are invented.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from assessments import demo as assessments_demo
from itatrack import figures
from itatrack.actions import (
    do_add_member,
    do_add_supervisor,
    do_create_department,
    do_create_organization,
    do_create_oversight,
    do_update_organization,
)
from itatrack.models import Department, Membership, Organization, Oversight
from measures import demo as measures_demo
from reports import demo as reports_demo

DEMO_FILE = settings.BASE_DIR / "fixtures" / "demo.json"
# Keys of an organisation in demo.json that describe what to create inside it.
NESTED = {"departments", "members", "assessments", "plans", "memos"}


def placeholder_emblem(colour: str) -> ContentFile:
    """A neutral round seal; the Garuda may not be shipped (only a body may use its own)."""
    image = Image.new("RGBA", (240, 240), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, 232, 232), outline=colour, width=10)
    draw.ellipse((44, 44, 196, 196), fill=colour)
    draw.polygon([(120, 70), (165, 150), (75, 150)], fill="white")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="emblem.png")


class Seeder:
    """Creates what fixtures/demo.json describes and is missing, through the services."""

    # Not one transaction: the services it calls are entry points (durable atomics), and every
    # step does only what is missing, so a run that stops half-way is finished by the next.
    def run(self, file: Path = DEMO_FILE) -> str:
        """Seed from file; returns a line to print."""
        data = json.loads(file.read_text(encoding="utf-8"))
        password = data["password"]
        colours = ["#1f4e79", "#7a3b12"]
        for index, spec in enumerate(data["organizations"]):
            org = self._organization(spec, colours[index % len(colours)])
            departments = {
                name: Department.objects.for_org(org).filter(name=name).first()
                or do_create_department(org, name=name, order=order, actor=None)
                for order, name in enumerate(spec["departments"], start=1)
            }
            for member in spec["members"]:
                self._member(org, member, departments, password)
            if years := spec.get("assessments"):
                assessments_demo.seed(org, years)
            if plans := spec.get("plans"):
                measures_demo.seed(org, plans)
            if memos := spec.get("memos"):
                reports_demo.seed(org, memos)
        for spec in data.get("oversights", []):
            self._oversight(spec, password)
        figures.refresh()
        return f"Demo ready: {len(data['organizations'])} organisations; password '{password}'."

    def _oversight(self, spec: dict[str, Any], password: str) -> None:
        oversight = Oversight.objects.filter(slug=spec["slug"]).first() or do_create_oversight(
            name=spec["name"], slug=spec["slug"], provinces=spec["provinces"], actor=None
        )
        for person in spec["supervisors"]:
            if not oversight.supervisors.filter(user__username=person["username"]).exists():
                do_add_supervisor(oversight, actor=None, password=password, **person)

    def _organization(self, spec: dict[str, Any], colour: str) -> Organization:
        fields = {k: v for k, v in spec.items() if k not in NESTED}
        org = Organization.objects.filter(slug=spec["slug"]).first()
        if org is None:
            org = do_create_organization(actor=None, **fields)
        if not org.emblem:
            do_update_organization(org, {"emblem": placeholder_emblem(colour)}, actor=None)
        return org

    def _member(
        self,
        org: Organization,
        spec: dict[str, Any],
        departments: dict[str, Department],
        password: str,
    ) -> None:
        if Membership.objects.filter(organization=org, user__username=spec["username"]).exists():
            return
        do_add_member(
            org,
            actor=None,
            username=spec["username"],
            display_name=spec["display_name"],
            role=spec["role"],
            email=spec["email"],
            first_name=spec["first_name"],
            last_name=spec["last_name"],
            password=password,
            department=departments.get(spec["department"] or ""),
            position=spec["position"],
        )

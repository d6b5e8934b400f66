"""Signing in someone else's place (practice.md): the capacity belongs to the signature on
that document on that day, so it is chosen per step (or for the memo's signer), frozen with the
decision and printed the way offices print it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Capacity(models.TextChoices):
    OWN = "", _("ในตำแหน่งของตน")
    ACTING = "ปฏิบัติหน้าที่", _("ปฏิบัติหน้าที่ (ทำหน้าที่แทนในตำแหน่ง)")
    IN_CHARGE = "รักษาราชการแทน", _("รักษาราชการแทน")
    ON_BEHALF = "ปฏิบัติราชการแทน", _("ปฏิบัติราชการแทน (รับมอบอำนาจ)")


def position_lines(position: str, capacity: str, acting_for: str) -> list[str]:
    """The lines under the name in parentheses:
    ปลัดเทศบาล / รักษาราชการแทน นายกเทศมนตรีตำบล…  ·  รองนายกเทศมนตรี / ปฏิบัติราชการแทน นายก…
    ·  ปลัดเทศบาล ปฏิบัติหน้าที่ / นายกเทศมนตรีตำบล…"""
    acting_for = acting_for.strip()
    if not capacity or not acting_for:
        return [position] if position else []
    if capacity == Capacity.ACTING:
        return [f"{position} {capacity}".strip(), acting_for]
    return [line for line in (position, f"{capacity} {acting_for}") if line]


def comment_heading(position: str, capacity: str, acting_for: str, name: str) -> str:
    """ "ความเห็นของ…" names the post whose decision it is: the acted-for post when signing in
    another's place."""
    post = acting_for.strip() if capacity and acting_for.strip() else position
    return f"ความเห็นของ{post or name}"

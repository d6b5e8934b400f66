"""People are shown by name, never by their login."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

register = template.Library()


@register.filter
def person_name(user: Any) -> str:
    """The account's full name; failing that the name its membership prints in documents;
    the login only when the account has neither (a new operator)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return names_of([user])[user.pk]


def names_of(users: Iterable[Any]) -> dict[int, str]:
    """person_name of many accounts in one query: for lists, whose cost must not grow with
    their rows."""
    users = [u for u in users if u is not None]
    missing = [u.pk for u in users if not u.get_full_name().strip()]
    from itatrack.models import Membership

    printed: dict[int, str] = {}
    for user_id, name in (
        Membership.objects.filter(user_id__in=missing)
        .order_by("is_active", "-pk")
        .values_list("user_id", "display_name")
    ):
        printed[user_id] = name  # the active, earliest membership wins (last written)
    return {u.pk: u.get_full_name().strip() or printed.get(u.pk) or u.get_username() for u in users}

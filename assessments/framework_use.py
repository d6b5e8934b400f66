"""Which parts of a year's framework the organisations' data already points at.

Scores, findings, OIT entries and measures point at items and indicators from other apps; this
asks every relation Django knows of, so assessments needs no import of the apps above it, and a
relation added later is counted without anyone remembering to add it here.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from assessments.models import Framework, Indicator, Item, LevelBand, SubIndicator

# Relations inside the framework itself (an indicator's items, a sub-indicator's items) are
# its structure, not use.
STRUCTURE = {Framework, LevelBand, Indicator, SubIndicator, Item}


def used_ids(model: type[models.Model], ids: Iterable[int]) -> set[int]:
    """The ids among ids that some organisation's data refers to."""
    wanted = set(ids)
    used: set[int] = set()
    if not wanted:
        return used
    for relation in model._meta.get_fields(include_hidden=True):
        if not (relation.is_relation and relation.auto_created and not relation.concrete):
            continue
        related = relation.related_model
        if related in STRUCTURE or related._meta.auto_created:  # type: ignore[union-attr]
            continue
        name = relation.field.name  # type: ignore[union-attr]
        found = related._base_manager.filter(  # type: ignore[union-attr]
            **{f"{name}__in": wanted - used}
        ).values_list(name, flat=True)
        used |= wanted & set(found)
        if used == wanted:
            break
    return used


def item_is_used(item: Item) -> bool:
    return bool(used_ids(Item, [item.pk]))


def indicator_is_used(indicator: Indicator) -> bool:
    return bool(used_ids(Indicator, [indicator.pk]))

"""Stored files follow their rows: a file written by a service whose transaction then fails is
deleted again, a replaced file (a new emblem, signature or result PDF) is deleted once the
replacement is committed, and `manage.py sweep_files` lists (and with --delete removes) files
that no row names, such as those left by a process killed mid-write."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from functools import partial, wraps
from typing import Any, TypeVar

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models, transaction

log = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])
_written: ContextVar[list[str] | None] = ContextVar("itatrack_written_files", default=None)


class TrackedStorageMixin:
    """Mixed into the default storage: names what it saves to the service running now."""

    def _save(self, name: str, content: Any) -> str:
        name = super()._save(name, content)  # type: ignore[misc]
        written = _written.get()
        if written is not None:
            written.append(name)
        return name


def _delete_quietly(name: str) -> None:
    try:
        default_storage.delete(name)
    except Exception:  # the storage may be what failed; the sweep finds it later
        log.warning("could not delete %s after a failed transaction", name, exc_info=True)


def atomic_with_files(*, durable: bool = True) -> Callable[[F], F]:
    """transaction.atomic for a service that stores files: if the service or its commit fails
    (a refusal, the database connection dropped), the files it wrote are deleted again."""

    def decorate(func: F) -> F:
        @wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            written: list[str] = []
            token = _written.set(written)
            try:
                with transaction.atomic(durable=durable):
                    return func(*args, **kwargs)
            except BaseException:
                for name in written:
                    _delete_quietly(name)
                raise
            finally:
                _written.reset(token)

        return wrapper  # type: ignore[return-value]

    return decorate


def _file_fields(model: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def delete_replaced_files(
    sender: type[models.Model],
    instance: models.Model,
    raw: bool = False,
    update_fields: frozenset[str] | None = None,
    **kwargs: Any,
) -> None:
    """pre_save: a file field given another file loses its old one, after the commit (a
    rollback keeps the old file, which the row still names). Only a field this save writes,
    and only for a new file: an instance loaded before the file was set (a stale copy saving
    other fields) must never take the stored file with it. A cleared field's file is left to
    sweep_files."""
    names = _file_fields(sender)
    if update_fields is not None:
        names = [name for name in names if name in update_fields]
    if raw or not names or instance.pk is None:
        return
    old = sender._default_manager.filter(pk=instance.pk).values(*names).first()
    for name in names:
        before = (old or {}).get(name) or ""
        now = getattr(instance, name)
        now = getattr(now, "name", now) or ""
        if before and now and before != now:
            transaction.on_commit(partial(_delete_quietly, before))


def delete_files_on_commit(names: Iterable[str]) -> None:
    """The files of rows deleted in this transaction, removed once it commits (kept if it
    rolls back); a storage that fails leaves them for the sweep."""
    for name in names:
        if name:
            transaction.on_commit(partial(_delete_quietly, name))


def referenced_files() -> set[str]:
    """Every name a file field of any row holds."""
    names: set[str] = set()
    for model in apps.get_models():
        for field in _file_fields(model):
            names.update(
                model._default_manager.exclude(**{field: ""})
                .exclude(**{f"{field}__isnull": True})
                .values_list(field, flat=True)
            )
    return names


def stored_files(folder: str = "") -> Iterator[str]:
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in folders:
        yield from stored_files(f"{folder}/{sub}" if folder else sub)

"""Writing millions of rows fast: PostgreSQL's COPY, or batched INSERTs elsewhere.

For generated data only (the national-scale dataset): rows skip model signals, validation and
the audit trail on purpose. Callers give primary keys themselves so that child rows can point
at their parents without reading anything back; reset_sequences() then moves each table's
sequence past the keys used.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.db import connection, models
from django.utils import timezone

CHUNK = 50_000


def _text_value(value: Any) -> str:
    """One value in COPY's text format."""
    if value is None:
        return r"\N"
    kind = type(value)
    if kind is str:
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            return (
                value.replace("\\", "\\\\")
                .replace("\t", "\\t")
                .replace("\n", "\\n")
                .replace("\r", "\\r")
            )
        return value
    if kind is bool:
        return "t" if value else "f"
    if kind is list or kind is dict:
        return _text_value(json.dumps(value, ensure_ascii=False))
    return str(value)  # int, Decimal, date, datetime


def _db_value(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Decimal):
        return str(value)
    return value


class Table:
    """One table's columns, with the values every row shares unless it says otherwise."""

    def __init__(self, model: type[models.Model], fields: Sequence[str]) -> None:
        self.model = model
        self.db_table = model._meta.db_table
        concrete = [f for f in model._meta.concrete_fields]
        given = set(fields)
        self.fields = list(fields)
        self.defaults: list[Any] = []
        now = timezone.now()
        for f in concrete:
            if f.name in given or f.attname in given:
                continue
            self.fields.append(f.attname)
            if f.primary_key:
                raise ValueError(f"{self.db_table}: give the primary key")
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults.append(now)
            elif f.has_default():
                self.defaults.append(f.get_default())
            elif f.null:
                self.defaults.append(None)
            else:
                self.defaults.append("")
        by_name = {f.name: f for f in concrete} | {f.attname: f for f in concrete}
        self.columns = [by_name[name].column for name in self.fields]

        # The shared values, already in COPY's text format: most of a row's columns.
        self.copy_suffix = "".join("\t" + _text_value(v) for v in self.defaults) + "\n"

    def full(self, row: Sequence[Any]) -> list[Any]:
        return [*row, *self.defaults]


def insert(table: Table, rows: Iterable[Sequence[Any]]) -> int:
    """Write rows (values in the order of the fields given) and return how many."""
    written = 0
    batch: list[Sequence[Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= CHUNK:
            written += _write(table, batch)
            batch = []
    if batch:
        written += _write(table, batch)
    return written


def _write(table: Table, rows: list[Sequence[Any]]) -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            text, suffix = _text_value, table.copy_suffix
            buffer = io.StringIO("".join("\t".join(map(text, row)) + suffix for row in rows))
            columns = ", ".join(connection.ops.quote_name(c) for c in table.columns)
            raw = cursor.cursor  # psycopg2's own cursor: Django's wrapper has no COPY
            raw.copy_expert(f"COPY {table.db_table} ({columns}) FROM STDIN", buffer)
        else:
            columns = ", ".join(connection.ops.quote_name(c) for c in table.columns)
            marks = ", ".join(["%s"] * len(table.columns))
            cursor.executemany(
                f"INSERT INTO {table.db_table} ({columns}) VALUES ({marks})",
                [[_db_value(v) for v in table.full(row)] for row in rows],
            )
    return len(rows)


def next_id(model: type[models.Model]) -> int:
    last = model._default_manager.aggregate(m=models.Max("pk"))["m"]
    return (last or 0) + 1


def reset_sequences(model_list: Iterable[type[models.Model]]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), list(model_list))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def no_style() -> Any:
    from django.core.management.color import no_style as _no_style

    return _no_style()

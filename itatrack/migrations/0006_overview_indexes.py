"""Indexes for the supervisors' overview, which reads one year of every body at once.

On PostgreSQL they carry the shown columns (INCLUDE) so the joins read the index alone; other
databases get plain ones. Django's Index(include=...) would warn on SQLite, hence SQL here."""

from django.db import migrations

INDEXES = [
    (
        "assessment_scores_by_year",
        "assessments_assessment",
        "(framework_id, organization_id)",
        "(total_score, official_level)",
    ),
    (
        "figures_by_year",
        "itatrack_yearfigures",
        "(fiscal_year, organization_id)",
        "(measures_total, measures_done, measures_overdue, published, counted_on)",
    ),
]


def create(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    for name, table, columns, include in INDEXES:
        extra = f" INCLUDE {include}" if postgres else ""
        schema_editor.execute(f"CREATE INDEX {name} ON {table} {columns}{extra}")


def drop(apps, schema_editor):
    for name, *_rest in INDEXES:
        schema_editor.execute(f"DROP INDEX {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("itatrack", "0005_year_figures"),
        ("assessments", "0002_load_frameworks"),
    ]

    operations = [migrations.RunPython(create, drop)]

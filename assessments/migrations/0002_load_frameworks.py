from django.db import migrations


def load(apps, schema_editor):
    from assessments.framework_data import load_fixture, read_fixture

    load_fixture(read_fixture(), lambda name: apps.get_model("assessments", name))


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]

    # Removing the frameworks on the way back would orphan assessments: leave them.
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

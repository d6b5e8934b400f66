"""Files stored before names were chosen by content kept the client's extension (a JPEG could
be stored as .js and served as script): give each emblem and signature the name its bytes call
for."""

from django.core.files.storage import default_storage
from django.db import migrations

from itatrack.uploads import rename_to_detected


def rename(apps, schema_editor):
    Organization = apps.get_model("itatrack", "Organization")
    Membership = apps.get_model("itatrack", "Membership")
    for model, field in ((Organization, "emblem"), (Membership, "signature")):
        for row in model.objects.exclude(**{field: ""}).only("pk", field):
            old = getattr(row, field).name
            new = rename_to_detected(default_storage, old)
            if new != old:
                model.objects.filter(pk=row.pk).update(**{field: new})


class Migration(migrations.Migration):
    dependencies = [("itatrack", "0006_overview_indexes")]
    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]

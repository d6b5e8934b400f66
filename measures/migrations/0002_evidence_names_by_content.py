"""Evidence stored before names were chosen by content kept the client's extension (a JPEG
uploaded as photo.js was served as script): rename each file to the type its bytes show, and
record that type."""

from django.core.files.storage import default_storage
from django.db import migrations

from itatrack.uploads import detect_type, rename_to_detected


def rename(apps, schema_editor):
    Evidence = apps.get_model("measures", "Evidence")
    for row in Evidence.objects.exclude(file="").only("pk", "file", "content_type"):
        old = row.file.name
        new = rename_to_detected(default_storage, old)
        if new == old and not default_storage.exists(old):
            continue
        with default_storage.open(new, "rb") as handle:
            content_type = detect_type(handle) or "application/octet-stream"
        Evidence.objects.filter(pk=row.pk).update(file=new, content_type=content_type)


class Migration(migrations.Migration):
    dependencies = [("measures", "0001_initial")]
    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]

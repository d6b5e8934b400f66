from decimal import Decimal

from django.db import migrations

# NACC's ITA manuals publish the tool weights IIT 30 / EIT 30 / OIT 40 for 2564–2567; 2564
# had them already. A year whose weights an operator has set is left as it is.
YEARS = (2565, 2566, 2567)
UNKNOWN = "ยังไม่ทราบน้ำหนักของเครื่องมือ IIT/EIT/OIT"


def set_weights(apps, schema_editor):
    Framework = apps.get_model("assessments", "Framework")
    for framework in Framework.objects.filter(
        fiscal_year__in=YEARS, iit_weight=None, eit_weight=None, oit_weight=None
    ):
        framework.iit_weight, framework.eit_weight = Decimal(30), Decimal(30)
        framework.oit_weight = Decimal(40)
        lines = [line for line in framework.notes.split("\n") if line.strip() != UNKNOWN]
        framework.notes = "\n".join(lines)
        framework.save(update_fields=["iit_weight", "eit_weight", "oit_weight", "notes"])


class Migration(migrations.Migration):
    dependencies = [("assessments", "0007_item_labels")]

    operations = [migrations.RunPython(set_weights, migrations.RunPython.noop)]

from django.db import migrations, models


def fill(apps, schema_editor):
    from assessments.framework_data import read_fixture, set_indicator_weights

    framework_model = apps.get_model("assessments", "Framework")
    for spec in read_fixture()["frameworks"]:
        framework = framework_model.objects.filter(fiscal_year=spec["fiscal_year"]).first()
        if framework is not None:
            set_indicator_weights(framework, spec, lambda name: apps.get_model("assessments", name))


class Migration(migrations.Migration):
    dependencies = [("assessments", "0005_edit_versions")]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="weight",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="สัดส่วนของตัวชี้วัดนี้ในคะแนนของเครื่องมือ (IIT/EIT/OIT) เว้นว่างเมื่อยังไม่ทราบ",
                max_digits=5,
                null=True,
                verbose_name="น้ำหนักในเครื่องมือ (%)",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]

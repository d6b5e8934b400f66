from django.db import migrations, models


def mark_fiscal(apps, schema_editor):
    # Numbers given before this migration were counted per fiscal year.
    Memo = apps.get_model("reports", "Memo")
    Memo.objects.exclude(number=None).update(number_basis="fiscal")


class Migration(migrations.Migration):
    dependencies = [("reports", "0012_memo_final_task"), ("itatrack", "0015_organization_active")]

    operations = [
        migrations.RemoveConstraint(model_name="memo", name="memo_number_unique"),
        migrations.RemoveConstraint(model_name="documentcounter", name="one_counter"),
        migrations.RenameField(model_name="memo", old_name="fiscal_year", new_name="number_year"),
        migrations.RenameField(model_name="documentcounter", old_name="fiscal_year", new_name="year"),
        migrations.AddField(
            model_name="memo",
            name="number_basis",
            field=models.CharField(blank=True, max_length=10),
        ),
        migrations.RunPython(mark_fiscal, migrations.RunPython.noop),
    ]

"""Load Sweden's 290 municipalities and the national authority areas (DESIGN §3)."""

from django.db import migrations

from servicepuls.organisations.reference_data import reference_data_load


def load_reference_data(apps, schema_editor):
    reference_data_load(
        apps.get_model("organisations", "Organisation"),
        apps.get_model("organisations", "AuthorityArea"),
        apps.get_model("organisations", "AreaTotalRule"),
    )


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [migrations.RunPython(load_reference_data, migrations.RunPython.noop)]

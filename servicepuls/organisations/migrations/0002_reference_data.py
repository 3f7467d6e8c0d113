"""Load Sweden's 290 municipalities and the national authority areas (DESIGN §3)."""

from django.db import migrations

from servicepuls.organisations.reference_data import area_rows, municipality_rows


def load_reference_data(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    AuthorityArea = apps.get_model("organisations", "AuthorityArea")
    AreaTotalRule = apps.get_model("organisations", "AreaTotalRule")
    for row in municipality_rows():
        Organisation.objects.update_or_create(
            code=row.code,
            defaults={"kind": "municipality", "name": row.name, "county": row.county},
        )
    for row in area_rows():
        area, _ = AuthorityArea.objects.update_or_create(
            slug=row.slug,
            organisation=None,
            defaults={
                "name": row.name,
                "name_en": row.name_en,
                "description": row.description,
                "index_kind": row.index_kind,
                "sort_order": row.sort_order,
            },
        )
        area.total_rules.all().delete()
        for start, end in row.total:
            AreaTotalRule.objects.create(area=area, valid_from_year=start, valid_to_year=end)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [migrations.RunPython(load_reference_data, migrations.RunPython.noop)]

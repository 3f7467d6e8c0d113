"""The reference data comes back after a database was emptied, so demo seeding never fails."""

from __future__ import annotations

import pytest

from servicepuls.organisations.models import AreaTotalRule, AuthorityArea, Organisation
from servicepuls.organisations.reference_data import (
    area_rows,
    municipality_rows,
    reference_data_ensure,
)


@pytest.mark.django_db
def test_ensure_is_a_no_op_on_a_migrated_database():
    assert reference_data_ensure() is False
    assert Organisation.objects.filter(kind="municipality").count() == len(municipality_rows())


@pytest.mark.django_db
def test_ensure_reloads_municipalities_areas_and_total_rules_after_a_flush():
    AreaTotalRule.objects.all().delete()
    AuthorityArea.objects.all().delete()
    Organisation.objects.all().delete()

    assert reference_data_ensure() is True

    assert Organisation.objects.get(code="0136").name == "Haninge"
    assert AuthorityArea.objects.filter(organisation__isnull=True).count() == len(area_rows())
    brand = AuthorityArea.objects.get(slug="brandtillsyn", organisation=None)
    assert brand.counts_in_total(2023) is True
    assert brand.counts_in_total(2024) is False
    assert reference_data_ensure() is False

from __future__ import annotations

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/django-admin/organisations/organisation/",
        "/django-admin/organisations/organisation/?q=0192",
        "/django-admin/organisations/department/",
        "/django-admin/organisations/authorityarea/",
        "/django-admin/accounts/user/",
        "/django-admin/common/auditlogentry/",
    ],
)
def test_admin_lists_open_for_superusers(client, django_user_model, url):
    client.force_login(
        django_user_model.objects.create_superuser("support", "s@example.invalid", "x" * 16)
    )

    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_admin_is_closed_to_organisation_staff(client, admin_user):
    client.force_login(admin_user)

    assert client.get("/django-admin/organisations/organisation/").status_code == 302

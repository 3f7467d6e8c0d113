from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from servicepuls.accounts.models import User
from servicepuls.common.demo import DEMO_LOGINS


@pytest.mark.django_db
def test_demo_creates_one_login_per_role_with_the_username_as_password(client):
    call_command("demo", "--if-empty", verbosity=0)

    for username, _ in DEMO_LOGINS:
        user = User.objects.get(username=username)
        assert user.check_password(username)
    assert {user.role for user in User.objects.filter(username__startswith="demo-")} == {
        "admin",
        "analyst",
        "steering",
        "department",
        "national",
    }


@pytest.mark.django_db
def test_demo_analyst_logs_in_and_sees_only_its_own_organisation(client):
    call_command("demo", verbosity=0)

    response = client.post(
        reverse("accounts:login"),
        {"username": "demo-analytiker", "password": "demo-analytiker"},
        follow=True,
    )

    page = response.content.decode()
    assert "<h1>Haninge</h1>" in page
    assert "Nynäshamn" not in page


@pytest.mark.django_db
def test_demo_is_loaded_once_with_if_empty():
    call_command("demo", "--if-empty", verbosity=0)
    call_command("demo", "--if-empty", verbosity=0)

    assert User.objects.filter(username="demo-admin").count() == 1


@pytest.mark.django_db
def test_demo_is_refused_under_production_settings(settings):
    settings.SERVICEPULS_DEMO_ALLOWED = False

    with pytest.raises(CommandError, match="refused"):
        call_command("demo", verbosity=0)
    assert not User.objects.filter(username__startswith="demo-").exists()

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from servicepuls.accounts.tests.factories import DepartmentFactory

PASSWORD = "correct horse battery staple"


def test_login_over_http_leads_to_the_start_page_of_the_own_organisation(
    client, staff_user, municipality_a, municipality_b
):
    DepartmentFactory(organisation=municipality_a, name="Samhällsbyggnadsförvaltningen")
    DepartmentFactory(organisation=municipality_b, name="Nynäshamns hemliga förvaltning")

    response = client.post(
        reverse("accounts:login"),
        {"username": staff_user.username, "password": PASSWORD},
        follow=True,
    )

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("accounts:start")
    page = response.content.decode()
    assert "<h1>Haninge</h1>" in page
    assert "Samhällsbyggnadsförvaltningen" in page
    assert "Nynäshamns hemliga förvaltning" not in page
    assert 'lang="sv"' in page
    assert "Bygglov" in page


def test_login_with_a_wrong_password_shows_an_error_and_no_session(client, staff_user):
    response = client.post(
        reverse("accounts:login"), {"username": staff_user.username, "password": "fel"}
    )

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert 'role="alert"' in response.content.decode()


def test_login_is_throttled_after_five_failures(client, staff_user):
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": staff_user.username, "password": "fel"})

    response = client.post(
        reverse("accounts:login"), {"username": staff_user.username, "password": PASSWORD}
    )

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "För många misslyckade inloggningsförsök" in response.content.decode()


def test_start_page_redirects_anonymous_visitors_to_login(client, db):
    response = client.get(reverse("accounts:start"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_start_page_is_forbidden_for_superusers_without_an_organisation(client, django_user_model):
    support = django_user_model.objects.create_superuser("support", "s@example.invalid", "x" * 16)
    client.force_login(support)

    assert client.get(reverse("accounts:start")).status_code == 403


def test_password_reset_sends_a_single_use_link_that_sets_a_new_password(client, staff_user):
    response = client.post(reverse("accounts:password_reset"), {"email": staff_user.email})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    new_password = "a new and long passphrase 42"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
        follow=True,
    )
    assert done.status_code == 200
    staff_user.refresh_from_db()
    assert staff_user.check_password(new_password)
    assert client.get(link, follow=True).context["validlink"] is False


def test_english_switch_translates_the_interface(client, staff_user):
    client.force_login(staff_user)

    client.post(reverse("set_language"), {"language": "en", "next": "/staff/"})
    response = client.get(reverse("accounts:start"))

    assert 'lang="en"' in response.content.decode()
    assert "Departments" in response.content.decode()


@pytest.mark.django_db
def test_logout_needs_post_and_ends_the_session(client, staff_user):
    client.force_login(staff_user)

    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_an_oversized_username_is_refused_before_authentication(client):
    """Axes records failed logins in a 255-character column; PostgreSQL refuses longer
    values, so an oversized name must never reach authentication."""
    from axes.models import AccessAttempt

    response = client.post("/logga-in/", {"username": "å" * 5000, "password": "x" * 10_000})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not AccessAttempt.objects.filter(username__startswith="ååå").exists()

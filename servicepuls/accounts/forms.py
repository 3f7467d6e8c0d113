from __future__ import annotations

from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Django's login form with labels and autocomplete hints for assistive technology."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].label = _("Username")
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].label = _("Password")
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})

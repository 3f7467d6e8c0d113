from __future__ import annotations

from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

# Longer than any real password; hashing megabytes of input is a denial of service.
PASSWORD_MAX_LENGTH = 4096


class LoginForm(AuthenticationForm):
    """Django's login form with labels and autocomplete hints for assistive technology."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].label = _("Username")
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].label = _("Password")
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})
        # AuthenticationForm sets max_length on the username field after it is built, which
        # adds no validator: an oversized name would reach authentication and the lockout
        # log (axes stores at most 255 characters; PostgreSQL refuses longer values).
        username_limit = getattr(self.fields["username"], "max_length", None) or 150
        self.fields["username"].validators.append(MaxLengthValidator(username_limit))
        self.fields["password"].validators.append(MaxLengthValidator(PASSWORD_MAX_LENGTH))

    def clean(self) -> dict[str, object]:
        if self.errors:
            # A field failed its own validation: never pass it on to authentication.
            raise self.get_invalid_login_error()
        return super().clean()

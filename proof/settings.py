"""Settings of the load and fault scenarios: the production stack plus the ceiling view.

Production settings, except plain HTTP on loopback (no TLS redirect, cookies without the
Secure flag) and the ceiling app with its URL. Never used by a deployment.
"""

from __future__ import annotations

from config.django.production import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "proof.ceiling"]  # noqa: F405
ROOT_URLCONF = "proof.urls"
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
# Static files are not part of any scenario: serve them from the apps (no collectstatic run
# per throw-away stack).
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

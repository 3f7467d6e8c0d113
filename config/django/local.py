"""Embedded mode on one machine: SQLite, the database task worker, e-mail to files, demo data."""

from __future__ import annotations

from config.django.base import *  # noqa: F403
from config.env import env, local_secret_key

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="") or local_secret_key()
SERVICEPULS_DEMO_ALLOWED = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

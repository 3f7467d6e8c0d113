"""Production: secrets from the environment, HTTPS only, PostgreSQL and Redis recommended."""

from __future__ import annotations

from config.django.base import *  # noqa: F403
from config.env import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")  # no default: a missing secret fails at start-up

SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env("SECURE_HSTS_SECONDS")
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SERVICEPULS_DEMO_ALLOWED = False

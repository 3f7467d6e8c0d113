"""Every environment variable Servicepuls reads, declared once with its type and default.

This module is the configuration schema: settings modules read values only through ``env``
and the paths below. ``.env.example`` documents each variable for operators.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost", "[::1]"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
    DATABASE_URL=(str, ""),
    REDIS_URL=(str, ""),
    EMAIL_URL=(str, ""),
    DEFAULT_FROM_EMAIL=(str, "Servicepuls <noreply@servicepuls.local>"),
    SITE_URL=(str, "http://127.0.0.1:8000"),
    TASK_BACKEND=(str, ""),
    SERVICEPULS_DATA_DIR=(str, ""),
    SERVICEPULS_TEXT_MODEL_DIR=(str, ""),
    SECURE_SSL_REDIRECT=(bool, True),
    SECURE_HSTS_SECONDS=(int, 31_536_000),
    LOG_LEVEL=(str, "INFO"),
    LOG_FORMAT=(str, "text"),
)

# Local state of the embedded mode: SQLite database, outgoing e-mail, generated secret key,
# uploaded imports and generated reports.
DATA_DIR = Path(env("SERVICEPULS_DATA_DIR") or BASE_DIR / "var")


def local_secret_key() -> str:
    """Return the embedded mode's secret key, generating and keeping it on first use.

    Only the local (embedded) settings call this; production requires ``SECRET_KEY``.
    """
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()

"""Settings assembled from the environment behave as documented in .env.example."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

from django.conf import settings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _settings_value(module: str, expression: str, **env: str) -> subprocess.CompletedProcess[str]:
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "SECRET_KEY", "REDIS_URL"}
    }
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": module,
            "SERVICEPULS_DATA_DIR": tempfile.mkdtemp(prefix="servicepuls-settings-"),
            **env,
        }
    )
    return subprocess.run(  # noqa: S603 - a fixed interpreter and code
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        check=False,
    )


def test_effective_storage_backends_use_current_setting_names():
    assert "default" in settings.STORAGES
    assert "staticfiles" in settings.STORAGES
    assert not hasattr(settings, "STATICFILES_STORAGE") or "STATICFILES_STORAGE" not in dir(
        settings._wrapped
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _settings_value("config.django.production", "settings.SECRET_KEY")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_uses_whitenoise_manifest_storage_and_secure_cookies():
    result = _settings_value(
        "config.django.production",
        "settings.STORAGES['staticfiles']['BACKEND'], settings.SESSION_COOKIE_SECURE",
        SECRET_KEY="x" * 50,
    )

    assert result.returncode == 0, result.stderr
    assert "CompressedManifestStaticFilesStorage" in result.stdout
    assert "True" in result.stdout


def test_database_url_selects_postgresql_and_redis_url_selects_redis_cache():
    result = _settings_value(
        "config.django.production",
        "settings.DATABASES['default']['ENGINE'], settings.CACHES['default']['BACKEND']",
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://u:p@127.0.0.1:5432/servicepuls",
        REDIS_URL="redis://127.0.0.1:6379/1",
    )

    assert result.returncode == 0, result.stderr
    assert "postgresql" in result.stdout
    assert "RedisCache" in result.stdout


def test_embedded_mode_generates_and_keeps_a_local_secret_key(tmp_path):
    first = _settings_value(
        "config.django.local", "settings.SECRET_KEY", SERVICEPULS_DATA_DIR=str(tmp_path)
    )
    second = _settings_value(
        "config.django.local", "settings.SECRET_KEY", SERVICEPULS_DATA_DIR=str(tmp_path)
    )

    assert first.returncode == 0, first.stderr
    assert len(first.stdout.strip()) >= 50
    assert first.stdout == second.stdout
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"


def test_rq_task_backend_without_redis_is_a_clear_configuration_error():
    result = _settings_value(
        "config.django.production", "settings.TASKS", SECRET_KEY="x" * 50, TASK_BACKEND="rq"
    )

    assert result.returncode != 0
    assert "TASK_BACKEND=rq needs REDIS_URL" in result.stderr

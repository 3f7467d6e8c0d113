"""Each TASK_BACKEND of docs/operations.md passes Django's checks with production settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("backend", ["database", "rq"])
def test_production_settings_pass_checks_with_each_task_backend(backend: str) -> None:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.django.production",
        "SECRET_KEY": "check-only-" + "x" * 50,
        "ALLOWED_HOSTS": "servicepuls.example.se",
        "DATABASE_URL": "",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "TASK_BACKEND": backend,
    }

    result = subprocess.run(  # noqa: S603
        [str(Path(sys.executable).parent / "servicepuls"), "check"],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout

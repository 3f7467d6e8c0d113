"""scripts/backup.sh and scripts/restore.sh round-trip real data on SQLite and PostgreSQL.

Each test migrates a throw-away database through the real command, writes rows through the
ORM, backs up, wipes the database, restores, and compares every row of every table.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DATABASE_URL = os.environ.get("DATABASE_URL", "")

# Rows that exercise text, JSON, dates, foreign keys and an audit entry.
SEED = """
from servicepuls.accounts.models import User
from servicepuls.common.models import AuditAction, AuditLogEntry
from servicepuls.organisations.models import Organisation
haninge = Organisation.objects.get(code="0136")
user = User.objects.create_user(
    username="backup-åsa", password="backup-lösenord-123", organisation=haninge, role="admin"
)
for number in range(25):
    AuditLogEntry.objects.create(
        actor=user, organisation_id=haninge.pk, action=AuditAction.RAW_TEXT_VIEWED,
        object_type="story", object_id=str(number), details={"note": "räksmörgås", "n": number},
    )
"""


def _environment(**overrides: str) -> dict[str, str]:
    environment = {
        key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.django.test", PYTHON=str(BIN / "python"), **overrides
    )
    return environment


def _run(environment: dict[str, str], *command: str) -> str:
    result = subprocess.run(  # noqa: S603 - fixed commands of this repository
        command, cwd=REPO, env=environment, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _prepare(environment: dict[str, str]) -> None:
    _run(environment, str(BIN / "servicepuls"), "migrate", "--no-input", "-v0")
    _run(environment, str(BIN / "servicepuls"), "shell", "-c", SEED)


def _sqlite_snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    connection = sqlite3.connect(path)
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    snapshot = {
        table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)  # noqa: S608
        for table in tables
    }
    connection.close()
    return snapshot


def test_backup_restore_round_trips_sqlite(tmp_path: Path) -> None:
    environment = _environment(SERVICEPULS_DATA_DIR=str(tmp_path / "data"))
    (tmp_path / "data").mkdir()
    database = tmp_path / "data" / "servicepuls.sqlite3"
    _prepare(environment)
    before = _sqlite_snapshot(database)
    assert len(before["common_auditlogentry"]) == 25
    assert len(before["organisations_organisation"]) >= 290

    output = _run(environment, "bash", "scripts/backup.sh", str(tmp_path / "backup.sqlite3"))
    assert "Backed up the sqlite database" in output
    for leftover in tmp_path.glob("data/servicepuls.sqlite3*"):
        leftover.unlink()
    _run(environment, "bash", "scripts/restore.sh", str(tmp_path / "backup.sqlite3"))

    assert _sqlite_snapshot(database) == before
    _run(environment, str(BIN / "servicepuls"), "migrate", "--check")


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path: Path) -> None:
    (tmp_path / "not-a-backup").write_text("name,value\n", encoding="utf-8")
    environment = _environment(SERVICEPULS_DATA_DIR=str(tmp_path))

    result = subprocess.run(  # noqa: S603
        ["bash", "scripts/restore.sh", str(tmp_path / "not-a-backup")],  # noqa: S607
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "is not an SQLite backup" in result.stderr
    assert not (tmp_path / "servicepuls.sqlite3").exists() or (
        (tmp_path / "servicepuls.sqlite3").stat().st_size == 0
    )


@pytest.fixture
def postgres_database() -> Iterator[str]:
    psycopg = pytest.importorskip("psycopg")
    server = DATABASE_URL.rsplit("/", 1)[0]
    name = f"proof_backup_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _postgres_snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    import psycopg

    with psycopg.connect(url) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
        ]
        return {
            table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)  # noqa: S608
            for table in tables
        }


@pytest.mark.postgres
@pytest.mark.skipif(
    not DATABASE_URL.startswith("postgres"), reason="DATABASE_URL does not point at PostgreSQL"
)
def test_backup_restore_round_trips_postgres(tmp_path: Path, postgres_database: str) -> None:
    import psycopg

    environment = _environment(DATABASE_URL=postgres_database)
    _prepare(environment)
    before = _postgres_snapshot(postgres_database)
    assert len(before["common_auditlogentry"]) == 25

    output = _run(environment, "bash", "scripts/backup.sh", str(tmp_path / "backup.dump"))
    assert "Backed up the postgres database" in output
    with psycopg.connect(postgres_database, autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")
    assert _postgres_snapshot(postgres_database) == {}
    _run(environment, "bash", "scripts/restore.sh", str(tmp_path / "backup.dump"))

    assert _postgres_snapshot(postgres_database) == before
    _run(environment, str(BIN / "servicepuls"), "migrate", "--check")
    # Sequences were restored too: the next row does not collide with a restored one.
    _run(environment, str(BIN / "servicepuls"), "shell", "-c", SEED.replace("backup-åsa", "efter"))

"""The product on the scale-out stack, on loopback: gunicorn, PostgreSQL and Redis.

``stack_start()`` creates a throw-away PostgreSQL database (a copy of a migrated template
kept per set of migrations), loads the minimal
fixture data of ``proof.fixtures``, empties the Redis database it is given and starts
gunicorn with several workers; ``Stack.stop()`` undoes all of it. The PostgreSQL server and
Redis must be running (``.ci/run`` starts both); ``PROOF_POSTGRES`` (server URL without a
database, default from ``DATABASE_URL`` or ``postgres://postgres@127.0.0.1:5432``) and
``PROOF_REDIS_URL`` (default ``redis://127.0.0.1:6379/13``, flushed) choose them.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def postgres_server() -> str:
    """The PostgreSQL server to create throw-away databases on (URL without a database)."""
    configured = os.environ.get("PROOF_POSTGRES")
    if configured:
        return configured.rstrip("/")
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return url.rsplit("/", 1)[0]
    return "postgres://postgres@127.0.0.1:5432"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Stack:
    """A running product: its address, database, environment and processes."""

    base_url: str
    database_url: str
    redis_url: str
    environment: dict[str, str]
    data_dir: Path
    workers: int
    gunicorn: subprocess.Popen[bytes] | None = None
    extra: list[subprocess.Popen[bytes]] = field(default_factory=list)

    # --- processes ---------------------------------------------------------------------
    def gunicorn_start(self) -> None:
        port = int(self.base_url.rsplit(":", 1)[1])
        command = [
            str(BIN / "gunicorn"),
            "proof.wsgi",
            *("--workers", str(self.workers), "--bind", f"127.0.0.1:{port}"),
            *("--backlog", "2048", "--timeout", "60", "--graceful-timeout", "10", "--preload"),
            *("--error-logfile", str(self.data_dir / "gunicorn.log"), "--log-level", "warning"),
        ]
        self.gunicorn = subprocess.Popen(command, cwd=REPO, env=self.environment)
        self.wait_healthy()

    def wait_healthy(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.gunicorn is not None and self.gunicorn.poll() is not None:
                raise RuntimeError(f"gunicorn exited: see {self.data_dir / 'gunicorn.log'}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/healthz/", timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.base_url}/healthz/ did not answer 200 within {timeout} s")

    def worker_pids(self) -> list[int]:
        """The gunicorn master's worker processes."""
        if self.gunicorn is None:
            return []
        children = Path(f"/proc/{self.gunicorn.pid}/task/{self.gunicorn.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def spawn(self, *arguments: str) -> subprocess.Popen[bytes]:
        """Start a management command beside the web processes (task worker, scheduler)."""
        log = open(self.data_dir / f"{arguments[0]}.log", "ab")  # noqa: SIM115
        process = subprocess.Popen(
            [str(BIN / "python"), "-m", "django", *arguments],
            cwd=REPO,
            env=self.environment,
            stdout=log,  # the product logs to standard output
            stderr=log,
        )
        self.extra.append(process)
        return process

    def log(self, name: str) -> str:
        """What a process started by ``spawn`` has logged so far."""
        path = self.data_dir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def manage(self, *arguments: str, timeout: float = 300) -> str:
        """Run a management command to completion on this stack's database."""
        result = subprocess.run(
            [str(BIN / "python"), "-m", "django", *arguments],
            cwd=REPO,
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage {arguments} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    # --- database ----------------------------------------------------------------------
    def query(self, sql: str, *parameters: Any) -> list[tuple[Any, ...]]:
        import psycopg

        with psycopg.connect(self.database_url, autocommit=True) as connection:
            return connection.execute(sql, parameters or None).fetchall()

    def count(self, table: str) -> int:
        return int(self.query(f'SELECT count(*) FROM "{table}"')[0][0])

    def stop(self) -> None:
        import psycopg

        for process in [*self.extra, *([self.gunicorn] if self.gunicorn else [])]:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in [*self.extra, *([self.gunicorn] if self.gunicorn else [])]:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        server, name = self.database_url.rsplit("/", 1)
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _migrations_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(REPO.glob("*/**/migrations/*.py")):
        if ".venv" not in path.parts:
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _template_ensure(server: str) -> str:
    """A migrated database to copy, made once per set of migration files."""
    import psycopg

    name = f"proof_template_{_migrations_digest()}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            return name
        building = f"{name}_building_{os.getpid()}"
        admin.execute(f'CREATE DATABASE "{building}"')
    environment = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "DJANGO_SETTINGS_MODULE": "proof.settings",
        "SECRET_KEY": "template-only",
        "DATABASE_URL": f"{server}/{building}",
        "REDIS_URL": "",
        "TASK_BACKEND": "database",
    }
    subprocess.run(
        [str(BIN / "python"), "-m", "django", "migrate", "--no-input", "-v0"],
        cwd=REPO,
        env=environment,
        check=True,
        timeout=600,
    )
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        try:
            admin.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
        except psycopg.errors.DuplicateDatabase:  # another run finished first
            admin.execute(f'DROP DATABASE "{building}" WITH (FORCE)')
    return name


def stack_start(
    *, workers: int = 4, fixtures: bool = True, gunicorn: bool = True, postgres: str | None = None
) -> Stack:
    """Create the database, migrate, load fixtures, and start gunicorn; see the module doc.

    ``postgres`` names another server (URL without a database), e.g. a ``PrivateCluster``.
    """
    import psycopg
    import redis

    server = postgres or postgres_server()
    template = _template_ensure(server)
    name = f"proof_{os.getpid()}_{secrets.token_hex(4)}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    redis_url = os.environ.get("PROOF_REDIS_URL", "redis://127.0.0.1:6379/13")
    redis.Redis.from_url(redis_url).flushdb()
    data_dir = Path(tempfile.mkdtemp(prefix="servicepuls-proof-"))
    (data_dir / "static").mkdir()
    base_url = f"http://127.0.0.1:{_free_port()}"
    environment = {
        **{key: value for key, value in os.environ.items() if not key.startswith("PYTEST")},
        "PYTHONPATH": str(REPO),
        "DJANGO_SETTINGS_MODULE": "proof.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": base_url,
        "DATABASE_URL": f"{server}/{name}",
        "REDIS_URL": redis_url,
        "TASK_BACKEND": "rq",
        "SERVICEPULS_DATA_DIR": str(data_dir),
        "EMAIL_URL": "",
        "LOG_LEVEL": "WARNING",
        "LOG_FORMAT": "json",
    }
    stack = Stack(base_url, f"{server}/{name}", redis_url, environment, data_dir, workers)
    try:
        if fixtures:
            stack.manage("shell", "-c", "from proof.fixtures import fixtures_load; fixtures_load()")
        if gunicorn:
            stack.gunicorn_start()
    except BaseException:
        stack.stop()
        raise
    return stack

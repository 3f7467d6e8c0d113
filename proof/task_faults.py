"""Faults during background work: PostgreSQL restarted under a task, the task worker killed.

Each scenario starts the stack without gunicorn (the work runs in ``servicepuls rqworker``,
Redis queue), queues real work through the product's services (``proof.fixtures``), strikes
while the work runs, and then checks what is in the database, the outbox and the media folder.

``postgres-restart-import``: a case file of ``rows`` cases is imported while the private
PostgreSQL server (``proof.postgres.PrivateCluster``) is stopped (``immediate``: a crash, no
checkpoint) and started again. Promise: the cases table never holds part of the file (sampled
throughout), and the import completes by itself (``database_retry`` in the task) with every
case stored once.

``postgres-restart-invitations``: ``cases`` invitations are e-mailed by the daily task while
the server restarts. Promise: no case gets two e-mails (counted in the outbox, one file per
e-mail, by recipient), and every invitation is sent once the server is back.

``task-worker-kill-report``: the worker and its work horse are killed with SIGKILL while a
steering-group report is rendered, and a new worker is started. Promise: the report is never
marked done while half-written, and the new worker retries the abandoned job until the report
is done with a complete PDF and workbook.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from proof.postgres import PrivateCluster
from proof.stack import Stack, stack_start

WORKER = ("rqworker", "default", "reports")
RETRY_LOGGED = "database connection lost"


def _query(stack: Stack, sql: str) -> list[tuple[Any, ...]] | None:
    """The rows of ``sql``, or None while the server is down or restarting."""
    import psycopg

    try:
        return stack.query(sql)
    except psycopg.OperationalError:
        return None


def _wait(condition: Callable[[], bool], timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def _shell(stack: Stack, code: str) -> str:
    return stack.manage("shell", "-c", f"from proof import fixtures; {code}")


def _printed_id(output: str, label: str) -> int:
    return int(next(line for line in output.splitlines() if line.startswith(label)).split()[-1])


# --- postgres-restart-import --------------------------------------------------------------------


@contextmanager
def _private_stack() -> Iterator[tuple[Stack, PrivateCluster]]:
    """The product (no web server) on a PostgreSQL cluster of its own, which may restart."""
    cluster = PrivateCluster()
    cluster.start()
    try:
        stack = stack_start(postgres=cluster.url, gunicorn=False)
        try:
            yield stack, cluster
        finally:
            stack.stop()
    finally:
        cluster.destroy()


def postgres_restart_import(*, rows: int = 20000, down: float = 2.0, **_: Any) -> dict[str, Any]:
    """Restart PostgreSQL while a case import runs; see the module docstring."""
    with _private_stack() as (stack, cluster):
        return _import_restart(stack, cluster, rows, down)


def _import_restart(
    stack: Stack, cluster: PrivateCluster, rows: int, down: float
) -> dict[str, Any]:
    data_import = _printed_id(_shell(stack, f"fixtures.case_import_queue({rows})"), "data_import")
    status_sql = f"SELECT status, processed_rows FROM surveys_dataimport WHERE id = {data_import}"
    cases_sql = "SELECT count(*) FROM surveys_case"
    counts: set[int] = set()
    state: dict[str, Any] = {}

    def sample() -> None:
        found = _query(stack, cases_sql)
        if found is not None:
            counts.add(int(found[0][0]))

    def storing() -> bool:
        sample()
        found = _query(stack, status_sql)
        state["phase"] = "storing" if found and found[0][1] >= rows else "validating"
        return bool(found and found[0][0] == "running" and found[0][1] >= rows)

    started = time.monotonic()
    stack.spawn(*WORKER)
    struck = _wait(storing, timeout=120)
    restart_started = time.monotonic()
    cluster.restart(down_seconds=down, mode="immediate")
    back = time.monotonic()

    def finished() -> bool:
        sample()
        found = _query(stack, status_sql)
        return bool(found and found[0][0] in {"succeeded", "failed"})

    completed = _wait(finished, timeout=180, step=0.1)
    done = time.monotonic()
    sample()
    status = stack.query(status_sql)[0][0]
    cases, distinct = stack.query("SELECT count(*), count(DISTINCT external_id) FROM surveys_case")[
        0
    ]
    contacts = stack.count("surveys_casecontact")
    partial = sorted(count for count in counts if count not in {0, rows})
    return {
        "fault": "postgres-restart-import",
        "rows": rows,
        "struck_while": state.get("phase", "not reached") if struck else "not reached",
        "import_s_before_restart": round(restart_started - started, 1),
        "postgres_down_s": round(back - restart_started, 1),
        "retries_logged": stack.log("rqworker").count(RETRY_LOGGED),
        "import_status": status,
        "completed_s_after_restart": round(done - back, 1),
        "cases": cases,
        "duplicate_cases": cases - distinct,
        "contacts": contacts,
        "case_counts_seen": sorted(counts),
        "partial_counts_seen": len(partial),
        "ok": struck
        and completed
        and status == "succeeded"
        and cases == distinct == contacts == rows
        and not partial,
    }


# --- postgres-restart-invitations ---------------------------------------------------------------


def outbox_recipients(outbox: Path) -> Counter[str]:
    """E-mails per recipient in a file-backend outbox (the ``To:`` header of each message)."""
    recipients: Counter[str] = Counter()
    for path in outbox.glob("*.log") if outbox.exists() else []:
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith("To: "):
                recipients[line[4:].strip()] += 1
    return recipients


def postgres_restart_invitations(
    *, cases: int = 1500, down: float = 2.0, **_: Any
) -> dict[str, Any]:
    """Restart PostgreSQL while invitations are e-mailed; see the module docstring."""
    with _private_stack() as (stack, cluster):
        return _invitations_restart(stack, cluster, cases, down)


def _invitations_restart(
    stack: Stack, cluster: PrivateCluster, cases: int, down: float
) -> dict[str, Any]:
    _shell(stack, f"fixtures.invitations_prepare({cases}); fixtures.invitations_send_enqueue()")
    by_status = "SELECT delivery_status, count(*) FROM surveys_invitation GROUP BY 1"
    counts: dict[str, int] = {}

    def statuses() -> dict[str, int]:
        found = _query(stack, by_status)
        if found is not None:
            counts.clear()
            counts.update({status: int(count) for status, count in found})
        return counts

    started = time.monotonic()
    stack.spawn(*WORKER)
    struck = _wait(lambda: statuses().get("sent", 0) >= cases // 3, timeout=120)
    sent_before = counts.get("sent", 0)
    restart_started = time.monotonic()
    cluster.restart(down_seconds=down, mode="immediate")
    back = time.monotonic()
    completed = _wait(
        lambda: statuses().get("sent", 0) + statuses().get("failed", 0) >= cases,
        timeout=180,
        step=0.2,
    )
    done = time.monotonic()
    final = statuses()
    recipients = outbox_recipients(stack.data_dir / "outbox")
    duplicates = sum(count - 1 for count in recipients.values() if count > 1)
    return {
        "fault": "postgres-restart-invitations",
        "cases": cases,
        "sent_before_restart": sent_before,
        "sending_s_before_restart": round(restart_started - started, 1),
        "postgres_down_s": round(back - restart_started, 1),
        "retries_logged": stack.log("rqworker").count(RETRY_LOGGED),
        "invitations": sum(final.values()),
        "by_status": dict(sorted(final.items())),
        "completed_s_after_restart": round(done - back, 1),
        "emails": sum(recipients.values()),
        "recipients": len(recipients),
        "duplicate_emails": duplicates,
        "ok": struck
        and completed
        and final.get("sent") == cases
        and sum(final.values()) == cases
        and duplicates == 0
        and len(recipients) == cases,
    }


# --- task-worker-kill-report --------------------------------------------------------------------


def _descendants(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    found = [int(child) for child in children.read_text().split()] if children.exists() else []
    return [*found, *(grandchild for child in found for grandchild in _descendants(child))]


def _worker_kill(worker: subprocess.Popen[bytes]) -> int:
    """SIGKILL the worker and its work horse together, like the OOM killer or a lost host."""
    pids = [worker.pid, *_descendants(worker.pid)]
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            continue
    worker.wait()
    return len(pids)


def report_files_check(media: Path, pdf: str, xlsx: str) -> bool:
    """Whether a report's stored PDF and workbook are whole files."""
    pdf_path, xlsx_path = media / pdf, media / xlsx
    if not (pdf and xlsx and pdf_path.is_file() and xlsx_path.is_file()):
        return False
    data = pdf_path.read_bytes()
    return (
        data.startswith(b"%PDF")
        and b"%%EOF" in data[-1024:]
        and zipfile.is_zipfile(xlsx_path)
        and zipfile.ZipFile(xlsx_path).testzip() is None
    )


def task_worker_kill_report(*, answer_sets: int = 800, **_: Any) -> dict[str, Any]:
    """Kill the task worker while a report is generated, then start another; see the module."""
    stack = stack_start(gunicorn=False)
    try:
        return _report_kill(stack, answer_sets)
    finally:
        stack.stop()


def _report_kill(stack: Stack, answer_sets: int) -> dict[str, Any]:
    _shell(stack, f"fixtures.steering_report_prepare({answer_sets})")
    report = _printed_id(_shell(stack, "fixtures.steering_report_queue()"), "report")
    report_sql = (
        f"SELECT status, progress, pdf, xlsx FROM insights_steeringreport WHERE id = {report}"
    )
    started = time.monotonic()
    worker = stack.spawn(*WORKER)
    # Strike while the PDF is rendered: progress 40 is recorded just before.
    _wait(lambda: stack.query(report_sql)[0][1] >= 40, timeout=120, step=0.02)
    killed = _worker_kill(worker)
    killed_at_progress = stack.query(report_sql)[0][1]
    struck = 40 <= killed_at_progress < 100
    kill_time = time.monotonic()
    after_kill = stack.query(report_sql)[0]
    time.sleep(1)
    stack.spawn(*WORKER)
    completed = _wait(lambda: stack.query(report_sql)[0][0] in {"done", "failed"}, 240, 0.5)
    done = time.monotonic()
    status, progress, pdf, xlsx = stack.query(report_sql)[0]
    media = stack.data_dir / "media"
    done_but_broken = stack.query(
        "SELECT status, pdf, xlsx FROM insights_steeringreport WHERE status = 'done'"
    )
    broken = sum(not report_files_check(media, row[1], row[2]) for row in done_but_broken)
    return {
        "fault": "task-worker-kill-report",
        "answer_sets": answer_sets,
        "processes_killed": killed,
        "killed_at_progress": killed_at_progress,
        "killed_s_after_start": round(kill_time - started, 1),
        "status_after_kill": after_kill[0],
        "report_status": status,
        "progress": progress,
        "completed_s_after_kill": round(done - kill_time, 1),
        "files_whole": report_files_check(media, pdf, xlsx),
        "done_reports_with_broken_files": broken,
        "ok": struck
        and completed
        and after_kill[0] != "done"
        and status == "done"
        and report_files_check(media, pdf, xlsx)
        and broken == 0,
    }

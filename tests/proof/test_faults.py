"""Fault scenarios on the real stack: nothing confirmed is lost, nothing is stored by halves."""

from __future__ import annotations

from pathlib import Path

import psycopg

from proof.faults import FAULTS, web_worker_kill
from proof.postgres import PrivateCluster
from proof.task_faults import (
    outbox_recipients,
    postgres_restart_import,
    postgres_restart_invitations,
    task_worker_kill_report,
)
from tests.proof.conftest import stack_test


@stack_test
def test_killing_web_workers_mid_submission_loses_nothing() -> None:
    figures = web_worker_kill(duration=4, users=8, kills=2)

    assert figures["workers_killed"] == 2
    assert figures["accepted"] > 0
    assert figures["lost"] == 0
    assert figures["server_errors"] == 0
    assert figures["partial_rows"] == 0


@stack_test
def test_private_cluster_comes_back_after_a_crash_restart() -> None:
    cluster = PrivateCluster()
    try:
        cluster.start()
        with psycopg.connect(f"{cluster.url}/postgres", autocommit=True) as connection:
            connection.execute("CREATE TABLE kept (value int)")
            connection.execute("INSERT INTO kept VALUES (7)")
        cluster.restart(mode="immediate")
        with psycopg.connect(f"{cluster.url}/postgres") as connection:
            assert connection.execute("SELECT value FROM kept").fetchall() == [(7,)]
    finally:
        cluster.destroy()


def test_every_fault_of_issue_9_is_a_scenario() -> None:
    assert set(FAULTS) == {
        "web-worker-kill",
        "postgres-restart-import",
        "postgres-restart-invitations",
        "task-worker-kill-report",
    }


def test_outbox_recipients_counts_every_email_per_recipient(tmp_path: Path) -> None:
    separator = "-" * 79
    (tmp_path / "1.log").write_text(f"Subject: a\nTo: a@example.se\n\nhej\n{separator}\n")
    (tmp_path / "2.log").write_text(
        f"To: b@example.se\n\nhej\n{separator}\nTo: a@example.se\n\nhej\n{separator}\n"
    )

    assert outbox_recipients(tmp_path) == {"a@example.se": 2, "b@example.se": 1}


@stack_test
def test_restarting_postgres_during_a_case_import_stores_all_or_nothing() -> None:
    figures = postgres_restart_import(rows=5000)

    assert figures["struck_while"] in {"validating", "storing"}
    assert figures["partial_counts_seen"] == 0
    assert figures["import_status"] == "succeeded"
    assert figures["cases"] == figures["contacts"] == 5000
    assert figures["duplicate_cases"] == 0


@stack_test
def test_restarting_postgres_during_invitation_sending_sends_each_once() -> None:
    figures = postgres_restart_invitations(cases=600)

    assert 0 < figures["sent_before_restart"] < 600
    assert figures["by_status"] == {"sent": 600}
    assert figures["emails"] == figures["recipients"] == 600
    assert figures["duplicate_emails"] == 0


@stack_test
def test_killing_the_task_worker_during_a_report_retries_it_to_a_whole_report() -> None:
    figures = task_worker_kill_report(answer_sets=400)

    assert 40 <= figures["killed_at_progress"] < 100
    assert figures["status_after_kill"] != "done"
    assert figures["report_status"] == "done"
    assert figures["files_whole"]
    assert figures["done_reports_with_broken_files"] == 0

"""Fault scenarios on the real stack: nothing confirmed is lost, nothing is stored by halves."""

from __future__ import annotations

import psycopg

from proof.faults import web_worker_kill
from proof.postgres import PrivateCluster
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

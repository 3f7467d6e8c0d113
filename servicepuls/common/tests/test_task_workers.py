"""The Redis task queue retries jobs, and its worker notices a dead worker's job soon."""

from __future__ import annotations

from unittest import mock

from redis import Redis
from rq import Queue

from servicepuls.common.task_workers import (
    JOB_LEASE_MARGIN,
    JOB_MONITORING_INTERVAL,
    MAINTENANCE_INTERVAL,
    TASK_RETRIES,
    RetryingQueue,
    TaskWorker,
)


def _connection() -> Redis:
    return Redis(host="127.0.0.1", port=1)  # never used: nothing here talks to Redis


def test_retrying_queue_gives_every_job_retries():
    queue = RetryingQueue("default", connection=_connection())

    job = queue.create_job("servicepuls.common.tasks.task_results_prune_task")

    assert job.retries_left == TASK_RETRIES


def test_task_worker_leases_a_running_job_briefly_and_cleans_up_often():
    connection = _connection()
    with mock.patch.object(TaskWorker, "_set_ip_address"):  # asks the Redis server
        worker = TaskWorker([Queue("reports", connection=connection)], connection=connection)
    job = RetryingQueue("reports", connection=connection).create_job("math.floor", timeout=900)

    assert worker.get_heartbeat_ttl(job) == JOB_MONITORING_INTERVAL + JOB_LEASE_MARGIN
    assert worker.get_heartbeat_ttl(job, working_time=895) == 5 + JOB_LEASE_MARGIN
    assert worker.maintenance_interval == MAINTENANCE_INTERVAL
    assert worker.dequeue_timeout <= MAINTENANCE_INTERVAL

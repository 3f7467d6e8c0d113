"""The Redis task queue (``TASK_BACKEND=rq``): retries, and quick recovery from a dead worker.

RQ as configured out of the box loses a task whose worker dies: the job stays "started"
until its heartbeat expires (at least 90 s), is found only by the registry clean-up that an
idle worker runs every 10 minutes, and then goes to the failed registry because it has no
retries. A steering-group report whose worker was killed stayed "being generated" for ever.

- ``RetryingQueue`` gives every job ``TASK_RETRIES`` retries, run at once by the next free
  worker. Every task is idempotent (STYLE.md §5), so running one again is safe.
- ``TaskWorker`` heartbeats a running job every ``JOB_MONITORING_INTERVAL`` seconds with a
  lease of ``JOB_LEASE_MARGIN`` seconds beyond that, and cleans the registries every
  ``MAINTENANCE_INTERVAL`` seconds: a job whose worker died is retried within about a
  minute by any live worker (rq's ``StartedJobRegistry.cleanup`` requeues abandoned jobs
  that have retries left).

``config/settings/tasks.py`` makes both the defaults of ``servicepuls rqworker``.
"""

from __future__ import annotations

from typing import Any

from django_rq.queues import DjangoRQ
from rq import Retry, Worker
from rq.job import Job

TASK_RETRIES = 3
JOB_MONITORING_INTERVAL = 10
JOB_LEASE_MARGIN = 20
MAINTENANCE_INTERVAL = 30


class RetryingQueue(DjangoRQ):
    """A django-rq queue whose jobs are retried (immediately, by any worker) when they fail."""

    def create_job(self, *args: Any, **kwargs: Any) -> Job:
        if kwargs.get("retry") is None:
            kwargs["retry"] = Retry(max=TASK_RETRIES)
        return super().create_job(*args, **kwargs)


class TaskWorker(Worker):
    """An RQ worker that notices a dead worker's job within about a minute (see module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("job_monitoring_interval", JOB_MONITORING_INTERVAL)
        kwargs.setdefault("maintenance_interval", MAINTENANCE_INTERVAL)
        super().__init__(*args, **kwargs)

    def get_heartbeat_ttl(self, job: Job, working_time: float = 0.0) -> int:
        # rq adds 60 s to the monitoring interval; a shorter lease finds dead workers sooner.
        interval = int(self.job_monitoring_interval)
        if job.timeout and job.timeout > 0:
            interval = int(min(job.timeout - working_time, interval))
        return max(interval, 1) + JOB_LEASE_MARGIN

    @property
    def dequeue_timeout(self) -> int:
        # An idle worker blocks on the queue this long between registry clean-ups (rq: 405 s).
        return max(1, min(int(self.worker_ttl) - 15, int(self.maintenance_interval)))

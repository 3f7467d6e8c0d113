"""Background tasks (django-tasks).

``TASK_BACKEND`` chooses: ``database`` (default: the embedded worker, ``servicepuls db_worker``),
``rq`` (Redis queues, needs ``REDIS_URL``; workers run ``servicepuls rqworker``, which uses the
classes of ``servicepuls.common.task_workers``: jobs retried, dead workers' jobs recovered) or
``immediate`` (run in the calling process; used by the tests).
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from config.env import env

TASK_BACKEND: str = env("TASK_BACKEND") or "database"
_QUEUES = ["default", "reports"]

if TASK_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": _QUEUES}}
elif TASK_BACKEND == "immediate":
    TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": _QUEUES,
        }
    }
elif TASK_BACKEND == "rq":
    if not env("REDIS_URL"):
        raise ImproperlyConfigured("TASK_BACKEND=rq needs REDIS_URL.")
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": _QUEUES}}
    # The queues share the cache's pooled Redis client (django-redis, which the cache settings
    # configure from the same REDIS_URL): with a plain "URL", django-rq would open and close a
    # new connection for every task enqueued by a web request.
    RQ_QUEUES = {name: {"USE_REDIS_CACHE": "default", "DEFAULT_TIMEOUT": 900} for name in _QUEUES}
    RQ = {
        # django-tasks-rq's job class runs the tasks; without it a worker cannot run them.
        "JOB_CLASS": "django_tasks_rq.Job",
        "QUEUE_CLASS": "servicepuls.common.task_workers.RetryingQueue",
        "WORKER_CLASS": "servicepuls.common.task_workers.TaskWorker",
    }
else:
    raise ImproperlyConfigured(
        f"TASK_BACKEND must be database, rq or immediate, not {TASK_BACKEND!r}."
    )

"""Every periodic task of Servicepuls, in one place.

``servicepuls scheduler`` (started by ``make run``; one or more per deployment) enqueues each
task when its cron expression comes due; the task workers run it. Cron fields are
minute, hour, day of month, month, day of week, in Stockholm time.
"""

from __future__ import annotations

from servicepuls.common.schedule import PeriodicTask

PERIODIC_TASKS: tuple[PeriodicTask, ...] = (
    # Every night at 04:30: delete finished background-task results older than 30 days.
    PeriodicTask(
        name="task-results-prune",
        task="servicepuls.common.tasks.task_results_prune_task",
        cron="30 4 * * *",
    ),
    # Every morning at 07:00: remind owners of overdue actions (once a week per action).
    PeriodicTask(
        name="actions-overdue-remind",
        task="servicepuls.actions.tasks.actions_overdue_remind_task",
        cron="0 7 * * *",
    ),
)

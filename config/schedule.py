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
    # Every night at 03:15: erase story contact details older than their organisation's
    # retention period (Organisation.retention_days).
    PeriodicTask(
        name="story-contacts-erase-expired",
        task="servicepuls.stories.tasks.story_contacts_erase_expired_task",
        cron="15 3 * * *",
    ),
    # Sundays at 02:00: retrain the text classifier on the shipped corpus and every story
    # whose tags staff confirmed; the stories app loads the new model from the data folder.
    PeriodicTask(
        name="text-model-retrain",
        task="servicepuls.stories.tasks.text_model_retrain_task",
        cron="0 2 * * 0",
    ),
)

"""Every periodic task of Servicepuls, in one place.

``servicepuls scheduler`` (started by ``make run``; one or more per deployment) enqueues each
task when its cron expression comes due; the task workers run it. Cron fields are
minute, hour, day of month, month, day of week, in Stockholm time.
"""

from __future__ import annotations

from servicepuls.common.schedule import PeriodicTask

PERIODIC_TASKS: tuple[PeriodicTask, ...] = (
    # Every minute: analyse stories still waiting for redaction and tags, a safety net behind
    # the sweep that each new story schedules (see stories.services).
    PeriodicTask(
        name="stories-analyse-pending",
        task="servicepuls.stories.tasks.stories_analyse_pending_task",
        cron="* * * * *",
    ),
    # Every night at 04:30: delete finished background-task results older than 30 days.
    PeriodicTask(
        name="task-results-prune",
        task="servicepuls.common.tasks.task_results_prune_task",
        cron="30 4 * * *",
    ),
    # Every night at 03:15: erase case contact details whose retention period has ended.
    PeriodicTask(
        name="case-contacts-erase-expired",
        task="servicepuls.surveys.tasks.case_contacts_erase_expired_task",
        cron="15 3 * * *",
    ),
    # Every night at 03:45: rebuild the insights aggregates from the answers, a safety net
    # behind the incremental refresh that runs whenever answers are stored.
    PeriodicTask(
        name="insights-aggregates-rebuild",
        task="servicepuls.insights.tasks.answer_aggregates_rebuild_task",
        cron="45 3 * * *",
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
    # Every day at 08:00: invite the cases of each schedule's last complete period (monthly or
    # quarterly); a schedule whose period is already invited does nothing.
    PeriodicTask(
        name="survey-invitations-send",
        task="servicepuls.surveys.tasks.invitations_send_due_task",
        cron="0 8 * * *",
    ),
    # Every day at 09:00: send the survey reminders that have come due.
    PeriodicTask(
        name="survey-reminders-send",
        task="servicepuls.surveys.tasks.invitation_reminders_send_task",
        cron="0 9 * * *",
    ),
    # Sundays at 02:00: retrain the text classifier on the shipped corpus and every story
    # whose tags staff confirmed; the stories app loads the new model from the data folder.
    PeriodicTask(
        name="text-model-retrain",
        task="servicepuls.stories.tasks.text_model_retrain_task",
        cron="0 2 * * 0",
    ),
)

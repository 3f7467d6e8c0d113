"""Background tasks of the stories domain; each loads by id and calls one service."""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import task

from servicepuls.stories.models import Story
from servicepuls.stories.privacy import story_contacts_erase_expired
from servicepuls.stories.retraining import text_model_retrain
from servicepuls.stories.services import (
    stories_analyse_pending,
    story_analyse,
    story_analysis_failed,
)

logger = logging.getLogger(__name__)


@task()
def story_analyse_task(*, story_id: int) -> None:
    story = Story.objects.filter(pk=story_id).first()
    if story is None:  # erased before the worker reached it
        return
    try:
        story_analyse(story=story)
    except Exception:
        story_analysis_failed(story=story)
        logger.exception("Analysis of story %s failed", story_id)
        raise


@task()
def stories_analyse_pending_task() -> int:
    return stories_analyse_pending()


@task()
def story_contacts_erase_expired_task() -> int:
    return story_contacts_erase_expired(now=timezone.now())


@task()
def text_model_retrain_task() -> str:
    summary = text_model_retrain()
    return summary.model_version

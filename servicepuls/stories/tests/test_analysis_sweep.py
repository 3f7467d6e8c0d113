"""The analysis sweep: stories arriving in a burst share one background task, none is missed."""

from __future__ import annotations

from unittest import mock

import pytest

from servicepuls.stories import services
from servicepuls.stories.choices import AnalysisState, Channel, Submitter
from servicepuls.stories.models import Story
from servicepuls.stories.services import stories_analyse_pending, story_create

SWEEP_TASK = "servicepuls.stories.tasks.stories_analyse_pending_task"
TEXT = "Handläggaren Karin Lund svarade aldrig på mina frågor om bygglovet."


def _create(organisation, text: str = TEXT) -> Story:
    return story_create(
        organisation=organisation,
        channel=Channel.WEB,
        submitter=Submitter.PRIVATE,
        raw_text=text,
    )


@pytest.fixture
def shared_cache(settings):
    """As with Redis: the sweep marker coordinates web processes and workers."""
    settings.CACHE_SHARED = True


def test_without_a_shared_cache_every_story_asks_for_a_sweep(
    municipality_a, django_capture_on_commit_callbacks
):
    with mock.patch(SWEEP_TASK) as task, django_capture_on_commit_callbacks(execute=True):
        [_create(municipality_a) for _ in range(3)]

    assert task.enqueue.call_count == 3


@pytest.mark.usefixtures("shared_cache")
def test_a_burst_of_stories_schedules_one_sweep_that_analyses_them_all(
    municipality_a, django_capture_on_commit_callbacks
):
    with mock.patch(SWEEP_TASK) as task, django_capture_on_commit_callbacks(execute=True):
        stories = [_create(municipality_a) for _ in range(5)]

    assert task.enqueue.call_count == 1
    assert all(story.analysis_state == AnalysisState.PENDING for story in stories)

    assert stories_analyse_pending() == 5

    for story in stories:
        story.refresh_from_db()
        assert story.analysis_state == AnalysisState.DONE
        assert "Karin Lund" not in story.redacted_text


@pytest.mark.usefixtures("shared_cache")
def test_a_story_committed_after_the_sweep_started_gets_a_sweep_of_its_own(
    municipality_a, django_capture_on_commit_callbacks
):
    with mock.patch(SWEEP_TASK) as task:
        with django_capture_on_commit_callbacks(execute=True):
            _create(municipality_a)
        stories_analyse_pending()  # the sweep clears the marker before reading
        with django_capture_on_commit_callbacks(execute=True):
            late = _create(municipality_a)

    assert task.enqueue.call_count == 2
    late.refresh_from_db()
    assert late.analysis_state == AnalysisState.PENDING
    assert stories_analyse_pending() == 1


def test_a_story_whose_analysis_fails_is_marked_and_the_sweep_goes_on(
    municipality_a, django_capture_on_commit_callbacks
):
    with mock.patch(SWEEP_TASK), django_capture_on_commit_callbacks(execute=True):
        broken, fine = _create(municipality_a), _create(municipality_a, "Snabbt och bra.")
    real_analyse = services.text_analyse

    def analyse(text: str):
        if text == TEXT:
            raise RuntimeError("model file unreadable")
        return real_analyse(text)

    with mock.patch("servicepuls.stories.services.text_analyse", side_effect=analyse):
        assert stories_analyse_pending() == 1

    broken.refresh_from_db()
    fine.refresh_from_db()
    assert broken.analysis_state == AnalysisState.FAILED
    assert broken.redacted_text == ""
    assert fine.analysis_state == AnalysisState.DONE


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_sweep_runs_as_a_task_on_commit(municipality_a):
    """With the tests' immediate task backend the sweep runs as soon as the story commits."""
    story = _create(municipality_a)

    story.refresh_from_db()
    assert story.analysis_state == AnalysisState.DONE
    assert "[namn]" in story.redacted_text

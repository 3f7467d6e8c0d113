"""Errors of the stories domain."""

from __future__ import annotations

from servicepuls.common.errors import ApplicationError


class StoriesError(ApplicationError):
    code = "stories_error"


class StoryStatusTransitionError(StoriesError):
    code = "story_status_transition"


class StoryTagsInvalidError(StoriesError):
    code = "story_tags_invalid"


class StorySubmissionRefusedError(StoriesError):
    """A public submission failed a spam check (honeypot, timing)."""

    code = "story_submission_refused"


class StoryRateLimitedError(StoriesError):
    code = "story_rate_limited"


class PersonLookupError(StoriesError):
    code = "person_lookup_invalid"

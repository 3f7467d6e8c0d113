"""Protection of the public form: signed timing token and a per-address rate limit.

The token is the time the form was shown, signed with the secret key; a submission made
within a few seconds (a bot) or after hours (a replayed form) is refused. The rate limit
counts submissions per client address in the cache (Redis in scale-out deployments).
"""

from __future__ import annotations

import time

from django.core import signing
from django.utils.translation import gettext as _

from servicepuls.common.counters import counter_hit
from servicepuls.stories.errors import StoryRateLimitedError, StorySubmissionRefusedError

_SALT = "servicepuls.stories.form-timing"
MIN_SECONDS = 3
MAX_SECONDS = 4 * 60 * 60
RATE_LIMIT = 5
RATE_WINDOW_SECONDS = 10 * 60


def form_token_make(*, now: float | None = None) -> str:
    """A signed token holding the time the form was rendered."""
    return signing.dumps(int(now if now is not None else time.time()), salt=_SALT)


def form_token_check(token: str, *, now: float | None = None) -> None:
    """Refuse a token that is forged, too fresh (a bot) or too old (a replay)."""
    now = now if now is not None else time.time()
    try:
        shown_at = int(signing.loads(token, salt=_SALT))
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise StorySubmissionRefusedError(
            _("The form could not be verified. Please reload the page and try again.")
        ) from error
    if now - shown_at < MIN_SECONDS:
        raise StorySubmissionRefusedError(
            _("The form was sent too quickly. Please check your text and send it again.")
        )
    if now - shown_at > MAX_SECONDS:
        raise StorySubmissionRefusedError(
            _("The form has been open too long. Please send it again.")
        )


def submission_rate_limit_hit(*, client_ip: str | None) -> None:
    """Count one submission from ``client_ip``; raise when the window's limit is passed."""
    count = counter_hit(f"stories:submit:{client_ip or 'unknown'}", timeout=RATE_WINDOW_SECONDS)
    if count > RATE_LIMIT:
        raise StoryRateLimitedError(
            _("Too many stories have been sent from your connection. Please try again later.")
        )

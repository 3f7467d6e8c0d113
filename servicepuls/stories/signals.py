"""Keeps the cached public-form context current: a change to what it holds forgets it.

Saves and deletes send signals; bulk ``update()`` calls do not, and there the context's
one-minute lifetime bounds how long the public form can lag behind.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from servicepuls.organisations.models import AuthorityArea, Department, Organisation
from servicepuls.stories.models import Campaign
from servicepuls.stories.selectors import public_form_context_forget


def _public_form_context_changed(sender: Any, **kwargs: Any) -> None:
    public_form_context_forget()


for _model in (Organisation, AuthorityArea, Department, Campaign):
    for _signal in (post_save, post_delete):
        _signal.connect(
            _public_form_context_changed,
            sender=_model,
            dispatch_uid=f"stories-public-form-{_model.__name__}-{_signal is post_save}",
        )

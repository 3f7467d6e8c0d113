"""Fixtures of the surveys tests."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_messages():
    """Messages are asserted in English; the Swedish catalogue is checked on its own."""
    with translation.override("en"):
        yield

"""Retraining the text classifier on staff-confirmed tags (DESIGN §5)."""

from __future__ import annotations

from pathlib import Path

from servicepuls.stories.selectors import confirmed_examples
from servicepuls.stories.text_analysis import (
    TrainingSummary,
    retrained_model_dir,
    text_model_train,
)


def text_model_retrain(*, out: Path | None = None) -> TrainingSummary:
    """Train on the shipped corpus and every confirmed story; store the model in the data folder.

    Only redacted text is used. The stories app's analysis loads the new model at its next
    run (see ``text_analysis.text_model_dir``).
    """
    confirmed = (
        (example.text, example.area, example.factors, example.sentiment)
        for example in confirmed_examples()
    )
    return text_model_train(confirmed=confirmed, out=out or retrained_model_dir())

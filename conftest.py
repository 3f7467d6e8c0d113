"""Settings shared by every test directory.

Hypothesis runs derandomised by default, so that ``make test`` and CI give the same verdict
on the same commit; ``HYPOTHESIS_PROFILE=explore`` searches with fresh random examples and
more of them (run it when changing a property test).
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("default", derandomize=True, deadline=None)
settings.register_profile("explore", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

"""The load generator is one machine acting as hundreds of citizens.

The public forms refuse a form sent within seconds of being shown (a bot) and more than a
few submissions per client address: both would stop a load test that simulates 200 people
from one address. ``public_limits_relax`` lifts them inside the load-test server only (the
checks still run, so their cost is measured); ``tests/security`` proves they hold in the
product.
"""

from __future__ import annotations

import importlib
import sys

# module: {attribute: value while under load}
RELAXED = {
    "servicepuls.stories.spam": {"MIN_SECONDS": 0, "RATE_LIMIT": sys.maxsize},
    "servicepuls.surveys.spam": {"MIN_SECONDS": 0, "RATE_LIMIT": sys.maxsize},
}


def public_limits_relax() -> list[str]:
    """Lift the per-address limits of the public forms that exist; return what was lifted."""
    lifted = []
    for module_name, attributes in RELAXED.items():
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        for attribute, value in attributes.items():
            if hasattr(module, attribute):
                setattr(module, attribute, value)
                lifted.append(f"{module_name}.{attribute}")
    return lifted

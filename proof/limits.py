"""The load generator is one machine acting as hundreds of citizens.

Each simulated citizen has its own loopback address (``proof.load.user_address``), so the
per-address limits of the public forms apply as in production. Two limits would still stop
a load test: the story form refuses a form sent within seconds of being shown (a bot), and
allows a handful of stories per address in ten minutes, while one simulated user sends
many. ``public_limits_relax`` lifts exactly those inside the load-test server (the checks
still run, so their cost is measured); ``tests/security`` and the stories tests prove they
hold in the product.
"""

from __future__ import annotations

import importlib
import sys

# module: {attribute: value while under load}
RELAXED = {
    "servicepuls.stories.spam": {"MIN_SECONDS": 0, "RATE_LIMIT": sys.maxsize},
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

"""The load generator is one machine acting as hundreds of citizens.

Each submission comes from a citizen with a loopback address of its own
(``proof.load.user_address``), so the per-address limits of the public forms apply as in
production and stop no one. One check would still stop a load test: the story form refuses
a form sent within seconds of being shown (a bot), while simulated citizens type nothing.
``public_limits_relax`` lifts exactly that inside the load-test server (the check still
runs, so its cost is measured); ``tests/security`` and the stories tests prove it holds in
the product.
"""

from __future__ import annotations

import importlib

# module: {attribute: value while under load}
RELAXED = {
    "servicepuls.stories.spam": {"MIN_SECONDS": 0},
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

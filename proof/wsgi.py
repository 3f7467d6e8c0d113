"""WSGI entry of the load and fault scenarios (``gunicorn proof.wsgi``)."""

from __future__ import annotations

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proof.settings")
application = get_wsgi_application()

from proof.limits import public_limits_relax  # noqa: E402 - needs the apps loaded

public_limits_relax()
gc.freeze()  # as in config.wsgi

"""WSGI entry point (gunicorn ``config.wsgi``)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.production")

application = get_wsgi_application()

# Everything loaded so far (Django, the apps, their modules and settings) lives as long as
# the process: keep it out of the garbage collector's scans. Under ``gunicorn --preload`` the
# workers forked from here also leave those pages shared, as the collector no longer writes
# to them.
gc.freeze()

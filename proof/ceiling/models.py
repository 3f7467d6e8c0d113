from __future__ import annotations

from django.db import models


class CeilingRow(models.Model):
    """One row per request to the ceiling view."""

    created_at = models.DateTimeField(auto_now_add=True)
    payload = models.CharField(max_length=200)
    # Declared because the type checker's settings do not install this load-test-only app.
    objects: models.Manager[CeilingRow] = models.Manager()

    def __str__(self) -> str:
        return self.payload

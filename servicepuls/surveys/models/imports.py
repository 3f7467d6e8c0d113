"""File imports (cases, vendor answer sets) and the column mappings saved per organisation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from servicepuls.common.models import BaseModel
from servicepuls.organisations.models import Organisation
from servicepuls.surveys.choices import ImportKind, ImportStatus


class ColumnMapping(BaseModel):
    """Which column of a case-system export holds which case field, saved per organisation.

    ``columns`` maps a case field (``external_id``, ``area`` …) to a header of the file.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="column_mappings",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=100)
    columns = models.JSONField(_("columns"), default=dict)

    class Meta:
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="column_mapping_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class DataImport(BaseModel):
    """One uploaded file, validated in full and then imported all-or-nothing in a task.

    ``progress`` (0–100) is updated while the task runs so that the page can show it.
    ``errors`` lists ``{"row", "column", "message"}`` for every problem found.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="data_imports",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ImportKind.choices)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"))
    mapping = models.ForeignKey(
        ColumnMapping,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("column mapping"),
    )
    columns = models.JSONField(_("columns used"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("data import")
        verbose_name_plural = _("data imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.filename}"

    @property
    def progress(self) -> int:
        """Percentage of rows processed (0–100)."""
        if self.status == ImportStatus.SUCCEEDED:
            return 100
        if not self.total_rows:
            return 0
        return min(100, self.processed_rows * 100 // self.total_rows)

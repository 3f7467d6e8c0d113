"""Questionnaires and their immutable versions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from servicepuls.common.models import BaseModel
from servicepuls.organisations.models import Organisation


class Questionnaire(BaseModel):
    """A survey questionnaire; ``organisation`` is empty for the project's default."""

    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="questionnaires",
        verbose_name=_("organisation"),
    )
    slug = models.SlugField(_("slug"), max_length=60)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "slug"], name="questionnaire_unique_slug"
            ),
            models.UniqueConstraint(
                fields=["slug"],
                condition=models.Q(organisation__isnull=True),
                name="questionnaire_default_unique_slug",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def current_version(self) -> QuestionnaireVersion | None:
        return self.versions.order_by("-number").first()


class QuestionnaireVersion(BaseModel):
    """One frozen wording of a questionnaire; answers point at the version they answered.

    ``pages`` is a list of question groups, one per page of the public survey::

        [{"key": "information", "title": {"sv": …, "en": …},
          "items": [{"key": "information_1", "kind": "scale", "text": {"sv": …, "en": …}},
                    {"key": "industry", "kind": "choice", "text": …,
                     "choices": [{"value": "bygg", "label": {"sv": …, "en": …}}]},
                    {"key": "comment", "kind": "text", "text": …}]}]

    Scale items use the canonical column names of DESIGN §6 as keys. A version is never
    edited once created: a change makes a new version.
    """

    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("questionnaire"),
    )
    number = models.PositiveIntegerField(_("version"))
    scale_low = models.SmallIntegerField(_("scale low end"), default=1)
    scale_high = models.SmallIntegerField(_("scale high end"), default=10)
    allow_dont_know = models.BooleanField(_("offer “don't know”"), default=True)
    pages = models.JSONField(_("question groups"))

    class Meta:
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        ordering = ["questionnaire", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"], name="questionnaire_version_unique_number"
            ),
            models.CheckConstraint(
                condition=models.Q(scale_high__gt=models.F("scale_low")),
                name="questionnaire_version_scale_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} v{self.number}"

    @property
    def scale_items(self) -> list[str]:
        """Keys of the scale items, in page order (canonical column names)."""
        return [
            item["key"] for page in self.pages for item in page["items"] if item["kind"] == "scale"
        ]

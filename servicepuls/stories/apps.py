from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "servicepuls.stories"
    label = "stories"
    verbose_name = _("Stories")

    def ready(self) -> None:
        from servicepuls.stories import signals  # noqa: F401 - connects the receivers

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "servicepuls.insights"
    label = "insights"
    verbose_name = _("Insights")

    def ready(self) -> None:
        from servicepuls.insights.receivers import answers_stored_receiver
        from servicepuls.surveys.signals import answers_stored

        answers_stored.connect(answers_stored_receiver, dispatch_uid="insights-answers-stored")

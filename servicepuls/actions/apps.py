from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "servicepuls.actions"
    label = "actions"
    verbose_name = _("Actions")

    def ready(self) -> None:
        from servicepuls.actions.reports import open_actions_section
        from servicepuls.insights.reports.sections import report_section_register

        report_section_register("open_actions", open_actions_section)

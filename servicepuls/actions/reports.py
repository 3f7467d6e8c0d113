"""The actions' section of the steering-group report (registered with insights)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from servicepuls.accounts.models import User
from servicepuls.accounts.selectors import staff_scope_get
from servicepuls.actions.models import Action, ActionStatus
from servicepuls.insights.reports.sections import ReportSection

OPEN_STATUSES = (ActionStatus.PROPOSED, ActionStatus.DECIDED, ActionStatus.IN_PROGRESS)


def open_actions_section(user: User, year: int | None) -> ReportSection | None:
    """Open actions of the user's organisation, overdue first; none for the national role."""
    scope = staff_scope_get(user=user)
    if not scope.sees_individual_data:
        return None
    today = timezone.localdate()
    actions = sorted(
        Action.objects.filter(
            organisation_id=scope.organisation_id, status__in=OPEN_STATUSES
        ).select_related("owner_department", "target_area"),
        key=lambda a: (a.due_on is None, a.due_on or today, a.pk),
    )
    rows = []
    for action in actions:
        overdue = action.due_on is not None and action.due_on < today
        due = action.due_on.isoformat() if action.due_on else "–"
        if overdue and action.status != ActionStatus.PROPOSED:
            due = _("%(date)s (overdue)") % {"date": due}
        target = action.target_area.name if action.target_area else _("Total NKI")
        if action.target_factor:
            target += " – " + action.get_target_factor_display()
        rows.append(
            (
                action.title,
                action.get_kind_display(),
                action.owner_department.name,
                action.get_status_display(),
                due,
                target,
            )
        )
    return ReportSection(
        key="open_actions",
        title=_("Open actions"),
        columns=(
            _("Action"),
            _("Type"),
            _("Owner department"),
            _("Status"),
            _("Due date"),
            _("Should move"),
        ),
        rows=tuple(rows),
        empty_text=_("There are no open actions."),
    )

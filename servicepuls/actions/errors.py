from servicepuls.common.errors import ApplicationError


class ActionsError(ApplicationError):
    code = "actions_error"


class ActionTransitionError(ActionsError):
    """A status change that the workflow does not allow."""

    code = "action_transition_not_allowed"


class ActionPermissionError(ActionsError):
    """The user may not change this action (e.g. another department's)."""

    code = "action_permission_denied"

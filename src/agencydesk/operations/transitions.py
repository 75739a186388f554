"""The lifecycles of issues and work orders: the only statuses each one may move to."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from agencydesk.operations.choices import IssueStatus, WorkOrderStatus

ISSUE_TRANSITIONS: dict[str, frozenset[str]] = {
    IssueStatus.OPEN: frozenset({IssueStatus.DISMISSED, IssueStatus.CONVERTED}),
    IssueStatus.DISMISSED: frozenset(),
    IssueStatus.CONVERTED: frozenset(),
}

WORK_ORDER_TRANSITIONS: dict[str, frozenset[str]] = {
    WorkOrderStatus.DRAFT: frozenset({WorkOrderStatus.DISPATCHED, WorkOrderStatus.CANCELLED}),
    WorkOrderStatus.DISPATCHED: frozenset(
        {WorkOrderStatus.IN_PROGRESS, WorkOrderStatus.COMPLETED, WorkOrderStatus.CANCELLED}
    ),
    WorkOrderStatus.IN_PROGRESS: frozenset({WorkOrderStatus.COMPLETED, WorkOrderStatus.CANCELLED}),
    # Settled: a completed or cancelled work order is a record and takes no more changes.
    WorkOrderStatus.COMPLETED: frozenset(),
    WorkOrderStatus.CANCELLED: frozenset(),
}

WORK_ORDER_OPEN = frozenset(
    {WorkOrderStatus.DRAFT, WorkOrderStatus.DISPATCHED, WorkOrderStatus.IN_PROGRESS}
)


def transition_check(
    table: dict[str, frozenset[str]], labels: type, current: str, new: str
) -> None:
    """Raise a 400-shaped ValidationError on ``status`` unless ``current → new`` is allowed."""
    if new not in table.get(current, frozenset()):
        message = _("The status cannot change from “%(old)s” to “%(new)s”.") % {
            "old": labels(current).label,
            "new": labels(new).label,
        }
        raise ValidationError({"status": [ValidationError(message, code="invalid_transition")]})

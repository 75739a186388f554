"""The one way in for every change to issues, contractors and work orders."""

from agencydesk.operations.services.contractors import contractor_change, contractor_create
from agencydesk.operations.services.issues import (
    issue_convert,
    issue_create,
    issue_dismiss,
    issue_photo_add,
    issue_photos_add,
)
from agencydesk.operations.services.progress import (
    work_order_attendance_confirm,
    work_order_cancel,
    work_order_complete,
    work_order_evidence_add,
    work_order_start,
)
from agencydesk.operations.services.work_orders import (
    work_order_change,
    work_order_create,
    work_order_dispatch,
    work_order_link_resend,
)

__all__ = [
    "contractor_change",
    "contractor_create",
    "issue_convert",
    "issue_create",
    "issue_dismiss",
    "issue_photo_add",
    "issue_photos_add",
    "work_order_attendance_confirm",
    "work_order_cancel",
    "work_order_change",
    "work_order_complete",
    "work_order_create",
    "work_order_dispatch",
    "work_order_evidence_add",
    "work_order_link_resend",
    "work_order_start",
]

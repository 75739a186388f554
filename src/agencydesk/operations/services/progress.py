"""A dispatched work order's progress: attendance, start, evidence, completion, cancelling.

Staff call these with their user; the contractor's page (a signed link, no login) calls
them with ``actor=None`` and the contractor named in the history (``by_contractor``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.core.limits import body_clean
from agencydesk.operations.choices import HistoryVerb, WorkOrderStatus
from agencydesk.operations.models import WorkOrder, WorkOrderEvidence
from agencydesk.operations.services._common import (
    field_error,
    files_removed_on_error,
    history_record,
    require_staff,
)
from agencydesk.operations.services.ticket_updates import TicketUpdate, linked_tickets_tell
from agencydesk.operations.services.work_orders import cost_clean, status_apply
from agencydesk.tickets.attachments import upload_check

# Where the contractor can still act (after that the link only shows the record).
CONTRACTOR_ACTIVE = frozenset({WorkOrderStatus.DISPATCHED, WorkOrderStatus.IN_PROGRESS})


def _lock(work_order: WorkOrder) -> WorkOrder:
    return WorkOrder.objects.select_for_update().get(pk=work_order.pk)


def _who(actor: User | None, by_contractor: bool, work_order: WorkOrder) -> tuple[User | None, str]:
    if by_contractor:
        return None, work_order.contractor.name if work_order.contractor else ""
    if actor is None:
        raise ValidationError({"status": [_("Only agency staff may do this.")]})
    require_staff(actor)
    return actor, ""


def _contractor_active_check(work_order: WorkOrder, by_contractor: bool) -> None:
    if by_contractor and work_order.status not in CONTRACTOR_ACTIVE:
        raise ValidationError(
            {
                "status": [
                    _("This work order is %(status)s and takes no more updates.")
                    % {"status": WorkOrderStatus(work_order.status).label}
                ]
            }
        )


def _evidence_store(
    *,
    work_order: WorkOrder,
    uploads: Sequence[UploadedFile],
    actor: User | None,
    label: str,
    by_contractor: bool,
    written: list[FieldFile],
) -> list[WorkOrderEvidence]:
    checked = [upload_check(upload) for upload in uploads]  # all checked before one is stored
    stored = []
    for upload in checked:
        evidence = WorkOrderEvidence(
            work_order=work_order,
            original_name=upload.name,
            content_type=upload.content_type,
            size=upload.size,
            uploaded_by=actor,
            by_contractor=by_contractor,
        )
        evidence.file.save(upload.name, upload.upload, save=False)
        written.append(evidence.file)
        evidence.save()
        history_record(
            actor=actor,
            actor_label=label,
            work_order=work_order,
            verb=HistoryVerb.EVIDENCE_ADDED,
            new=upload.name,
        )
        stored.append(evidence)
    return stored


@transaction.atomic
def work_order_attendance_confirm(
    *, work_order: WorkOrder, actor: User | None = None, by_contractor: bool = False
) -> WorkOrder:
    """The contractor confirms they will attend (the status stays dispatched)."""
    work_order = _lock(work_order)
    actor, label = _who(actor, by_contractor, work_order)
    if work_order.status != WorkOrderStatus.DISPATCHED:
        raise ValidationError(
            {"status": [_("Attendance can only be confirmed for a dispatched work order.")]}
        )
    if work_order.attendance_confirmed_at is None:
        work_order.attendance_confirmed_at = timezone.now()
        work_order.save(update_fields=["attendance_confirmed_at", "updated_at"])
        history_record(
            actor=actor,
            actor_label=label,
            work_order=work_order,
            verb=HistoryVerb.ATTENDANCE_CONFIRMED,
        )
    return work_order


@transaction.atomic
def work_order_start(
    *, work_order: WorkOrder, actor: User | None = None, by_contractor: bool = False
) -> WorkOrder:
    """The work has begun (dispatched → in progress)."""
    work_order = _lock(work_order)
    actor, label = _who(actor, by_contractor, work_order)
    _contractor_active_check(work_order, by_contractor)
    status_apply(
        work_order=work_order, new=WorkOrderStatus.IN_PROGRESS, actor=actor, actor_label=label
    )
    return work_order


def work_order_evidence_add(
    *,
    work_order: WorkOrder,
    uploads: Sequence[UploadedFile],
    actor: User | None = None,
    by_contractor: bool = False,
) -> list[WorkOrderEvidence]:
    """Photos or documents that show the work (checked like ticket attachments)."""
    with files_removed_on_error() as written, transaction.atomic():
        work_order = _lock(work_order)
        actor, label = _who(actor, by_contractor, work_order)
        _contractor_active_check(work_order, by_contractor)
        if work_order.status == WorkOrderStatus.CANCELLED:
            raise ValidationError({"file": [_("A cancelled work order takes no evidence.")]})
        return _evidence_store(
            work_order=work_order,
            uploads=uploads,
            actor=actor,
            label=label,
            by_contractor=by_contractor,
            written=written,
        )


def work_order_complete(
    *,
    work_order: WorkOrder,
    completion_note: str = "",
    evidence: Sequence[UploadedFile] = (),
    cost_actual: Any = None,
    actor: User | None = None,
    by_contractor: bool = False,
) -> WorkOrder:
    """Settle the work: it needs a completion note or at least one piece of evidence
    (uploaded now or before). The linked tickets get their note (as chosen at dispatch)."""
    with files_removed_on_error() as written, transaction.atomic():
        work_order = _lock(work_order)
        actor, label = _who(actor, by_contractor, work_order)
        _contractor_active_check(work_order, by_contractor)
        note = body_clean("completion_note", completion_note)
        _evidence_store(
            work_order=work_order,
            uploads=evidence,
            actor=actor,
            label=label,
            by_contractor=by_contractor,
            written=written,
        )
        if not note and not work_order.evidence.exists():
            raise field_error(
                "completion_note",
                _("Describe the work done or upload evidence (a photo or document)."),
                "completion_needs_evidence",
            )
        extra = ["completion_note"]
        work_order.completion_note = note
        if cost_actual is not None and not by_contractor:
            work_order.cost_actual = cost_clean("cost_actual", cost_actual)
            extra.append("cost_actual")
        status_apply(
            work_order=work_order,
            new=WorkOrderStatus.COMPLETED,
            actor=actor,
            actor_label=label,
            extra_fields=extra,
        )
        linked_tickets_tell(work_order=work_order, update=TicketUpdate.COMPLETED, actor=actor)
    return work_order


@transaction.atomic
def work_order_cancel(*, actor: User, work_order: WorkOrder) -> WorkOrder:
    """Staff call the work off (from draft, dispatched or in progress)."""
    require_staff(actor)
    work_order = _lock(work_order)
    status_apply(work_order=work_order, new=WorkOrderStatus.CANCELLED, actor=actor)
    return work_order

"""Staff pages of work orders: list, create, one work order with its actions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencydesk.accounts.gates import staff_required
from agencydesk.accounts.http import AuthenticatedHttpRequest
from agencydesk.operations.choices import WorkOrderStatus
from agencydesk.operations.contractor_links import contractor_link
from agencydesk.operations.models import WorkOrder
from agencydesk.operations.selectors import (
    history_for,
    tickets_by_numbers,
    work_order_for,
    work_orders_for,
)
from agencydesk.operations.services import (
    work_order_cancel,
    work_order_change,
    work_order_complete,
    work_order_create,
    work_order_dispatch,
    work_order_link_resend,
    work_order_start,
)
from agencydesk.operations.transitions import WORK_ORDER_TRANSITIONS
from agencydesk.staff.views._common import form_errors_from
from agencydesk.staff.views.operations._common import staff_user
from agencydesk.staff.views.operations.forms import DispatchForm, StaffCompleteForm, WorkOrderForm
from agencydesk.tickets.downloads import attachment_response

LIST_SIZE = 100


@staff_required
def work_order_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    work_orders = work_orders_for(staff_user(request))
    status = request.GET.get("status", "")
    if status in WorkOrderStatus.values:
        work_orders = work_orders.filter(status=status)
    return render(
        request,
        "operations/work_order_list.html",
        {
            "work_orders": list(work_orders[:LIST_SIZE]),
            "status": status,
            "statuses": WorkOrderStatus.choices,
        },
    )


@staff_required
def work_order_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = staff_user(request)
    form = WorkOrderForm(request.POST or None, user=user, initial={"site": request.GET.get("site")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            tickets = tickets_by_numbers(user, data.pop("tickets"))
            work_order = work_order_create(actor=user, tickets=tickets, **data)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(
                request,
                _("Work order %(reference)s created.") % {"reference": work_order.reference},
            )
            return redirect("operations:work-order", pk=work_order.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "operations/work_order_new.html", {"form": form}, status=status)


def _edit_initial(work_order: WorkOrder) -> dict[str, Any]:
    return {
        "title": work_order.title,
        "scope": work_order.scope,
        "contractor": work_order.contractor_id,
        "attend_by": work_order.attend_by,
        "cost_estimate": work_order.cost_estimate,
        "cost_actual": work_order.cost_actual,
        "tickets": ", ".join(str(ticket.number) for ticket in work_order.tickets.all()),
    }


def _detail(
    request: AuthenticatedHttpRequest,
    work_order: WorkOrder,
    *,
    edit_form: WorkOrderForm | None = None,
    complete_form: StaffCompleteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = staff_user(request)
    allowed = WORK_ORDER_TRANSITIONS[work_order.status]
    context = {
        "work_order": work_order,
        "edit_form": edit_form
        or WorkOrderForm(user=user, editing=True, initial=_edit_initial(work_order)),
        "dispatch_form": DispatchForm(),
        "complete_form": complete_form or StaffCompleteForm(),
        "can_dispatch": WorkOrderStatus.DISPATCHED in allowed,
        "can_start": WorkOrderStatus.IN_PROGRESS in allowed,
        "can_complete": WorkOrderStatus.COMPLETED in allowed,
        "can_cancel": WorkOrderStatus.CANCELLED in allowed,
        "can_resend": work_order.status
        in (WorkOrderStatus.DISPATCHED, WorkOrderStatus.IN_PROGRESS),
        "settled": not allowed,
        "history": list(history_for(work_order=work_order)),
        "photos": list(work_order.issue.photos.all()) if work_order.issue else [],
        "contractor_link": contractor_link(work_order)
        if work_order.status != WorkOrderStatus.DRAFT and work_order.contractor_id
        else "",
    }
    return render(request, "operations/work_order_detail.html", context, status=status)


@staff_required
def work_order_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    work_order = work_order_for(user, pk)
    if request.method != "POST":
        return _detail(request, work_order)
    form = WorkOrderForm(request.POST, user=user, editing=True)
    if form.is_valid():
        data = form.cleaned_data
        # Only what was changed: a dispatched work order refuses even an unchanged contractor.
        changes = {
            name: value
            for name, value in data.items()
            if name != "tickets" and value != getattr(work_order, name)
        }
        try:
            tickets = tickets_by_numbers(user, data["tickets"])
            current = {ticket.pk for ticket in work_order.tickets.all()}
            if {ticket.pk for ticket in tickets} != current:
                changes["tickets"] = tickets
            work_order_change(actor=user, work_order=work_order, **changes)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The work order was saved."))
            return redirect("operations:work-order", pk=work_order.pk)
    return _detail(request, work_order, edit_form=form, status=400)


def _after(request: AuthenticatedHttpRequest, work_order: WorkOrder, done: str) -> HttpResponse:
    messages.success(request, done)
    return redirect("operations:work-order", pk=work_order.pk)


@staff_required
@require_POST
def work_order_action(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    user = staff_user(request)
    work_order = work_order_for(user, pk)
    try:
        if action == "dispatch":
            form = DispatchForm(request.POST)
            form.is_valid()
            work_order_dispatch(
                actor=user,
                work_order=work_order,
                notify_tickets=form.cleaned_data.get("notify_tickets", False),
                public_updates=form.cleaned_data.get("public_updates", False),
            )
            return _after(request, work_order, _("The work order was sent to the contractor."))
        if action == "start":
            work_order_start(actor=user, work_order=work_order)
            return _after(request, work_order, _("The work order is in progress."))
        if action == "resend":
            work_order_link_resend(actor=user, work_order=work_order)
            return _after(request, work_order, _("The link was sent to the contractor again."))
        if action == "cancel":
            work_order_cancel(actor=user, work_order=work_order)
            return _after(request, work_order, _("The work order was cancelled."))
        if action == "complete":
            complete = StaffCompleteForm(request.POST, request.FILES)
            if not complete.is_valid():
                return _detail(request, work_order, complete_form=complete, status=400)
            try:
                work_order_complete(
                    actor=user,
                    work_order=work_order,
                    completion_note=complete.cleaned_data["completion_note"],
                    evidence=complete.cleaned_data["photos"],
                    cost_actual=complete.cleaned_data["cost_actual"],
                )
            except ValidationError as error:
                form_errors_from(complete, error)
                return _detail(request, work_order, complete_form=complete, status=400)
            return _after(request, work_order, _("The work order was completed."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("operations:work-order", pk=work_order.pk)
    raise Http404


@staff_required
def work_order_evidence(
    request: AuthenticatedHttpRequest, pk: int, evidence_pk: int
) -> HttpResponse:
    work_order = work_order_for(staff_user(request), pk)
    evidence = work_order.evidence.filter(pk=evidence_pk).first()
    if evidence is None:
        raise Http404
    return attachment_response(evidence)  # type: ignore[arg-type,return-value]

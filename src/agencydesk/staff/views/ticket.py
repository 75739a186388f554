"""One ticket: header, conversation, attachments, timeline, and the actions on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencydesk.accounts.gates import staff_required
from agencydesk.accounts.http import AuthenticatedHttpRequest
from agencydesk.accounts.models import User
from agencydesk.notifications.outbox import message_retry
from agencydesk.notifications.selectors import failed_messages_for
from agencydesk.operations.selectors import work_orders_for_ticket
from agencydesk.staff import selectors
from agencydesk.staff.forms import (
    MergeForm,
    PublishForm,
    ReplyForm,
    TicketUpdateForm,
    TransferForm,
    TriageForm,
    UnpublishForm,
)
from agencydesk.staff.timeline import timeline
from agencydesk.staff.views._common import form_errors_from
from agencydesk.tickets.canned import canned_replies_offered_to
from agencydesk.tickets.models import Status, Ticket, Visibility
from agencydesk.tickets.search import ticket_reference
from agencydesk.tickets.selectors import (
    activities_for,
    comments_for,
    ticket_for,
    ticket_rows_for,
)
from agencydesk.tickets.thumbnails import PREVIEW_TYPES
from agencydesk.tickets.workflow import (
    comment_add,
    reply_and_set_status,
    ticket_change,
    ticket_merge,
    ticket_transfer,
    ticket_triage,
)

# Shown as server-made thumbnails; every file is served by the permission-checked views.
IMAGE_TYPES = PREVIEW_TYPES


def _render_detail(
    request: AuthenticatedHttpRequest, ticket: Ticket, **bound: forms.Form
) -> HttpResponse:
    user: User = request.user
    context: dict[str, Any] = {
        "ticket": ticket,
        "comments": comments_for(user, ticket),
        "attachments": selectors.loose_attachments(ticket),
        "timeline": timeline(activities_for(ticket)),
        "undelivered": list(failed_messages_for(ticket)),
        "image_types": IMAGE_TYPES,
        # Refusals of the workflow that belong to no field, shown at the top of the page
        # (the form they came from may not even be offered, e.g. before triage).
        "action_errors": [e for form in bound.values() for e in form.non_field_errors()],
        "trash_retention_days": settings.TRASH_RETENTION_DAYS,
        "work_orders": list(work_orders_for_ticket(user, ticket)),
    }
    context["not_offered"] = _why_not_offered(ticket)
    # Trash and merge need no triage (README "Trash and merging"): offered in both page states.
    if ticket.merged_into_id is None:
        context["merge_form"] = bound.get("merge_form") or MergeForm()
    else:
        merged_into = Ticket.with_trashed.get(pk=ticket.merged_into_id)
        context.update(merged_into=merged_into, merged_into_reference=ticket_reference(merged_into))
    if ticket.needs_triage:
        # The workflow allows nothing else before triage, so the page offers nothing else.
        context["triage_form"] = bound.get("triage_form") or TriageForm()
    else:
        language = (ticket.requester.language if ticket.requester else "") or getattr(
            getattr(request, "tenant", None), "language", ""
        )
        context.update(
            canned_replies=list(canned_replies_offered_to(user, language=language)),
            reply_form=bound.get("reply_form") or ReplyForm(ticket=ticket),
            update_form=bound.get("update_form") or TicketUpdateForm(ticket=ticket),
            transfer_form=bound.get("transfer_form") or TransferForm(ticket=ticket),
            publish_form=(bound.get("publish_form") or PublishForm())
            if ticket.visibility == Visibility.UNPUBLISHED
            else None,
            unpublish_form=UnpublishForm() if ticket.visibility != Visibility.UNPUBLISHED else None,
        )
    return render(request, "staff/ticket_detail.html", context)


def _why_not_offered(ticket: Ticket) -> str:
    """What the page says instead of the actions the workflow would refuse."""
    if ticket.needs_triage:
        return _(
            "Triage this ticket first: replies, internal notes, attachments, status changes, "
            "assignment and publishing are possible once its type and priority are set."
        )
    if ticket.status == Status.CLOSED:
        return _(
            "This ticket is closed and takes no more replies; internal notes are still "
            "possible. The customer can report a follow-up."
        )
    if ticket.visibility == Visibility.UNPUBLISHED:
        return _(
            "Only staff can see this ticket, so only internal notes are offered. Publish it "
            "to reply to the customer."
        )
    return ""


def _ticket_action(
    form_class: Callable[..., forms.Form],
    form_name: str,
    apply: Callable[[User, Ticket, Any], str],
    *,
    needs_ticket: bool = False,
) -> Callable[[HttpRequest, int], HttpResponse]:
    """A POST view: bind the form, call the workflow through ``apply``, redirect back with a
    message; invalid input or a refused change re-renders the page with the errors."""

    @staff_required
    @require_POST
    def view(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
        user: User = request.user
        ticket = ticket_for(user, number)
        extra = {"ticket": ticket} if needs_ticket else {}
        form = form_class(request.POST, request.FILES, **extra)
        if form.is_valid():
            try:
                message = apply(user, ticket, form)
            except ValidationError as error:
                form_errors_from(form, error)
                ticket.refresh_from_db()
            else:
                messages.success(request, message)
                return redirect("staff:ticket", number=ticket.number)
        return _render_detail(request, ticket, **{form_name: form})

    return view


def _reply(user: User, ticket: Ticket, form: ReplyForm) -> str:
    then = form.cleaned_data.get("then")
    if then:
        reply_and_set_status(
            actor=user,
            ticket=ticket,
            body=form.cleaned_data["body"],
            status=then,
            attachments=form.cleaned_data["attachments"],
        )
        if then == Status.SOLVED:
            return _("Reply sent; the ticket is marked solved.")
        return _("Reply sent; the ticket is waiting for the customer.")
    comment_add(
        actor=user,
        ticket=ticket,
        body=form.cleaned_data["body"],
        internal=form.is_internal,
        attachments=form.cleaned_data["attachments"],
    )
    return _("Internal note added.") if form.is_internal else _("Reply sent.")


def _triage(user: User, ticket: Ticket, form: TriageForm) -> str:
    ticket_triage(
        actor=user,
        ticket=ticket,
        ticket_type=form.cleaned_data["ticket_type"],
        priority=form.cleaned_data["priority"],
    )
    return _("Ticket triaged.")


def _update(user: User, ticket: Ticket, form: TicketUpdateForm) -> str:
    changes = form.changes()
    if not changes:
        return _("Nothing changed.")
    ticket_change(actor=user, ticket=ticket, **changes)
    return _("Ticket updated.")


def _transfer(user: User, ticket: Ticket, form: TransferForm) -> str:
    ticket_transfer(actor=user, ticket=ticket, note=form.cleaned_data["note"], **form.changes())
    return _("Ticket transferred.")


def _publish(user: User, ticket: Ticket, form: PublishForm) -> str:
    ticket_change(actor=user, ticket=ticket, visibility=form.cleaned_data["visibility"])
    return _("Ticket published to the portal.")


def _unpublish(user: User, ticket: Ticket, form: UnpublishForm) -> str:
    ticket_change(actor=user, ticket=ticket, visibility=Visibility.UNPUBLISHED)
    return _("Ticket unpublished: only staff can see it now.")


def _merge(user: User, ticket: Ticket, form: MergeForm) -> str:
    target = ticket_rows_for(user).filter(number=form.cleaned_data["into"]).first()
    if target is None:
        raise ValidationError({"into": [_("There is no ticket with this number.")]})
    ticket_merge(actor=user, ticket=ticket, into=target)
    return _("Merged into %(reference)s.") % {"reference": ticket_reference(target)}


ticket_reply = _ticket_action(ReplyForm, "reply_form", _reply, needs_ticket=True)
ticket_triage_view = _ticket_action(TriageForm, "triage_form", _triage)
ticket_update = _ticket_action(TicketUpdateForm, "update_form", _update, needs_ticket=True)
ticket_transfer_view = _ticket_action(TransferForm, "transfer_form", _transfer, needs_ticket=True)
ticket_publish = _ticket_action(PublishForm, "publish_form", _publish)
ticket_unpublish = _ticket_action(UnpublishForm, "unpublish_form", _unpublish)
ticket_merge_view = _ticket_action(MergeForm, "merge_form", _merge)


@staff_required
def ticket_detail(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    return _render_detail(request, ticket_for(request.user, number))


@staff_required
@require_POST
def undelivered_email_retry(
    request: AuthenticatedHttpRequest, number: int, pk: int
) -> HttpResponse:
    """Send a notification about this ticket that could not be delivered once more."""
    ticket = ticket_for(request.user, number)
    message = get_object_or_404(failed_messages_for(ticket), pk=pk)
    message_retry(message=message)
    messages.success(
        request, _("The email to %(to)s is being sent again.") % {"to": message.to_email}
    )
    return redirect("staff:ticket", number=ticket.number)

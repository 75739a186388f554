"""Replying, attaching, editing one's own reply, "notify me", downloading attachments."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencydesk.accounts.gates import customer_required
from agencydesk.accounts.http import AuthenticatedHttpRequest
from agencydesk.portal.forms import AttachmentForm, CommentEditForm, CommentForm, FollowForm
from agencydesk.portal.selectors import portal_ticket_detail_for
from agencydesk.portal.views.pages import detail_context, portal_context
from agencydesk.portal.views.validation import add_service_errors
from agencydesk.tickets.downloads import attachment_response
from agencydesk.tickets.models import Source, Ticket
from agencydesk.tickets.portal_access import (
    portal_attachment_for_removal,
    portal_comment_for_edit,
)
from agencydesk.tickets.selectors import attachment_for
from agencydesk.tickets.workflow import (
    attachment_remove,
    attachments_add,
    comment_add,
    comment_change,
    ticket_follow,
)


def _reloaded(request: AuthenticatedHttpRequest, ticket: Ticket) -> Ticket:
    """The ticket as the page shows it again after a refused action (the workflow reloads
    it under a lock, which drops what the portal selector attached)."""
    return portal_ticket_detail_for(request.user, ticket.number)


def _back_to(ticket_number: int) -> HttpResponse:
    return redirect("portal:ticket", number=ticket_number)


@customer_required
@require_POST
def comment_add_view(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    ticket = portal_ticket_detail_for(request.user, number)
    form = CommentForm(request.POST, request.FILES)
    if form.is_valid():
        body, files = form.cleaned_data["body"], form.cleaned_data["attachments"]
        try:
            if body.strip():
                comment_add(
                    actor=request.user,
                    ticket=ticket,
                    body=body,
                    source=Source.PORTAL,
                    attachments=files,
                )
            else:  # files only: they go to the ticket, as from the separate upload
                attachments_add(actor=request.user, ticket=ticket, uploads=files)
        except ValidationError as error:
            add_service_errors(form, error, fallback="attachments" if not body else None)
            ticket = _reloaded(request, ticket)
        else:
            messages.success(
                request,
                _("Your reply was sent.") if body.strip() else _("The files were attached."),
            )
            return _back_to(ticket.number)
    context = detail_context(request, ticket, comment_form=form)
    return render(request, "portal/ticket_detail.html", context, status=400)


@customer_required
@require_POST
def attachments_add_view(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    ticket = portal_ticket_detail_for(request.user, number)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            # All the files or none of them: one refused file leaves the others unattached.
            attachments_add(
                actor=request.user,
                ticket=ticket,
                uploads=form.cleaned_data["attachments"],
            )
        except ValidationError as error:
            add_service_errors(form, error, fallback="attachments")
            ticket = _reloaded(request, ticket)
        else:
            messages.success(request, _("The files were attached."))
            return _back_to(ticket.number)
    context = detail_context(request, ticket, attachment_form=form)
    return render(request, "portal/ticket_detail.html", context, status=400)


@customer_required
def comment_edit_view(
    request: AuthenticatedHttpRequest, number: int, comment_id: int
) -> HttpResponse:
    ticket = portal_ticket_detail_for(request.user, number)
    comment = portal_comment_for_edit(request.user, ticket, comment_id)
    form = CommentEditForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            comment_change(actor=request.user, comment=comment, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your reply was changed."))
            return _back_to(ticket.number)
    return render(
        request,
        "portal/comment_edit.html",
        {**portal_context(request), "ticket": ticket, "comment": comment, "form": form},
        status=400 if form.errors else 200,
    )


@customer_required
@require_POST
def follow_toggle(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    ticket = portal_ticket_detail_for(request.user, number)
    form = FollowForm(request.POST)
    form.is_valid()  # a missing checkbox means "off"
    notify = bool(form.cleaned_data.get("notify"))
    ticket_follow(ticket=ticket, user=request.user, notify=notify)
    if notify:
        messages.success(request, _("You will be notified when this ticket is updated."))
    else:
        messages.success(request, _("You will no longer be notified about this ticket."))
    return _back_to(ticket.number)


@customer_required
def attachment_download(
    request: AuthenticatedHttpRequest, number: int, attachment_id: int
) -> HttpResponse:
    ticket = portal_ticket_detail_for(request.user, number)
    attachment = attachment_for(request.user, attachment_id)
    if attachment.ticket_id != ticket.pk:  # the URL names the ticket: the file must be its own
        raise Http404
    # The audience gate is typed for HttpResponse; a streaming response passes through alike.
    return attachment_response(attachment)  # type: ignore[return-value]


@customer_required
@require_POST
def attachment_remove_view(
    request: AuthenticatedHttpRequest, number: int, attachment_id: int
) -> HttpResponse:
    """Remove a file one uploaded oneself (the activity keeps its name)."""
    ticket = portal_ticket_detail_for(request.user, number)
    attachment = portal_attachment_for_removal(request.user, ticket, attachment_id)
    name = attachment.original_name
    try:
        attachment_remove(actor=request.user, attachment=attachment)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("“%(name)s” was removed.") % {"name": name})
    return _back_to(ticket.number)

"""Canned replies for staff: inserting one into the reply box, and one's personal ones."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from agencydesk.accounts.gates import staff_required
from agencydesk.accounts.http import AuthenticatedHttpRequest
from agencydesk.accounts.models import User
from agencydesk.staff.canned_forms import CannedReplyForm
from agencydesk.staff.forms import ReplyForm
from agencydesk.staff.views._common import form_errors_from
from agencydesk.tickets.canned import (
    canned_replies_personal,
    canned_reply_delete,
    canned_reply_fill,
    canned_reply_for,
    canned_reply_save,
)
from agencydesk.tickets.canned_models import CANNED_REPLY_STATUSES
from agencydesk.tickets.selectors import ticket_for


@staff_required
@require_POST
def canned_insert(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    """htmx: the reply box's text with the chosen canned reply (placeholders filled) added,
    and the status it sets on sending. Changes nothing: POST only to carry a long draft."""
    user: User = request.user
    ticket = ticket_for(user, number)
    draft = request.POST.get("body", "")
    chosen = request.POST.get("canned", "")
    status = ""
    if chosen:  # the empty choice leaves the draft as it is
        canned = canned_reply_for(user, chosen)
        filled = canned_reply_fill(canned=canned, ticket=ticket, agent=user)
        draft = f"{draft.rstrip()}\n\n{filled}" if draft.strip() else filled
        status = canned.status
    form = ReplyForm(initial={"body": draft}, ticket=ticket)
    context = {
        "field": form["body"],
        "then": status,
        "then_label": dict(CANNED_REPLY_STATUSES).get(status, ""),
    }
    return render(request, "staff/_reply_body.html", context)


@staff_required
def canned_reply_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    replies = canned_replies_personal(request.user)
    return render(request, "staff/canned_replies.html", {"replies": replies})


@staff_required
@require_http_methods(["GET", "POST"])
def canned_reply_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    user: User = request.user
    canned = canned_reply_for(user, pk, for_edit=True) if pk else None
    if canned is not None and canned.owner_id is None:
        return redirect("staff:canned_replies")  # tenant-wide ones live in the configuration
    initial = (
        {key: getattr(canned, key) for key in ("title", "body", "language", "status")}
        if canned
        else {}
    )
    form = CannedReplyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            canned_reply_save(actor=user, canned=canned, values=form.cleaned_data, personal=True)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The canned reply was saved."))
            return redirect("staff:canned_replies")
    return render(request, "staff/canned_reply_form.html", {"form": form, "canned": canned})


@staff_required
@require_POST
def canned_reply_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user: User = request.user
    canned_reply_delete(actor=user, canned=canned_reply_for(user, pk, for_edit=True))
    messages.success(request, _("The canned reply was deleted."))
    return redirect("staff:canned_replies")

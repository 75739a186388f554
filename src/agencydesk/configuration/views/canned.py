"""Configuration → Canned replies: the tenant-wide ones (personal ones: the staff account)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencydesk.accounts.gates import tenant_admin_required
from agencydesk.configuration.services.canned import (
    tenant_canned_reply_delete,
    tenant_canned_reply_save,
)
from agencydesk.configuration.views.common import AdminRequest, form_page, form_saved
from agencydesk.staff.canned_forms import CannedReplyForm
from agencydesk.tickets.canned import canned_replies_tenant_wide

SECTION = "canned_replies"


@tenant_admin_required
def canned_reply_list(request: AdminRequest) -> HttpResponse:
    context = {"replies": canned_replies_tenant_wide(), "section": SECTION}
    return render(request, "configuration/canned_replies.html", context)


@tenant_admin_required
def canned_reply_edit(request: AdminRequest, pk: int | None = None) -> HttpResponse:
    canned = get_object_or_404(canned_replies_tenant_wide(), pk=pk) if pk else None
    initial = (
        {key: getattr(canned, key) for key in ("title", "body", "language", "status")}
        if canned
        else None
    )
    form = CannedReplyForm(request.POST or None, initial=initial)
    saved = form_saved(
        request,
        form,
        lambda data: tenant_canned_reply_save(actor=request.user, canned=canned, values=data),
        _("The canned reply was saved."),
    )
    if saved:
        return redirect("configuration:canned_replies")
    title = canned.title if canned else _("New canned reply")
    return form_page(request, form, title=title, section=SECTION)


@tenant_admin_required
@require_POST
def canned_reply_remove(request: AdminRequest, pk: int) -> HttpResponse:
    canned = get_object_or_404(canned_replies_tenant_wide(), pk=pk)
    tenant_canned_reply_delete(actor=request.user, canned=canned)
    messages.success(request, _("The canned reply was deleted."))
    return redirect("configuration:canned_replies")

"""The email page: settings and the emails that could not be delivered."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencydesk.accounts.gates import tenant_admin_required
from agencydesk.configuration.forms.mail import MailSettingsForm
from agencydesk.configuration.services.mail import mail_settings_change
from agencydesk.configuration.views.common import AdminRequest, form_saved
from agencydesk.notifications.addresses import inbound_address, mail_settings
from agencydesk.notifications.outbox import message_retry
from agencydesk.notifications.selectors import failed_messages


@tenant_admin_required
def mail_settings_page(request: AdminRequest) -> HttpResponse:
    form = MailSettingsForm(request.POST or None, instance=mail_settings())
    saved = form_saved(
        request,
        form,
        lambda data: mail_settings_change(actor=request.user, values=data),
        _("The email settings were saved."),
    )
    if saved:
        return redirect("configuration:mail")
    failed = Paginator(failed_messages(), 25).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "section": "mail",
        "inbound_address": inbound_address(),
        "failed": failed,
    }
    return render(request, "configuration/mail.html", context)


@tenant_admin_required
@require_POST
def failed_message_retry(request: AdminRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(failed_messages(), pk=pk)
    message_retry(message=message)
    messages.success(
        request, _("The email to %(to)s is being sent again.") % {"to": message.to_email}
    )
    return redirect("configuration:mail")

"""Webhook pages: the list, create (showing the secret once), edit with the delivery log,
redeliver, rotate the secret, delete."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencydesk.accounts.gates import tenant_admin_required
from agencydesk.configuration.forms.webhooks import WebhookForm
from agencydesk.configuration.services import webhooks as services
from agencydesk.configuration.views.common import AdminRequest, form_saved
from agencydesk.integrations.models import WebhookSubscription
from agencydesk.integrations.selectors import webhook_deliveries, webhooks_list

SECTION = "webhooks"


@tenant_admin_required
def webhook_list(request: AdminRequest) -> HttpResponse:
    context = {"webhooks": webhooks_list(), "section": SECTION}
    return render(request, "configuration/webhooks.html", context)


def _detail(
    request: AdminRequest,
    webhook: WebhookSubscription,
    form: WebhookForm,
    *,
    secret: str = "",
    status: int = 200,
) -> HttpResponse:
    deliveries = Paginator(webhook_deliveries(webhook), 25).get_page(request.GET.get("page"))
    context = {
        "webhook": webhook,
        "form": form,
        "deliveries": deliveries,
        "secret": secret,
        "section": SECTION,
    }
    return render(request, "configuration/webhook_detail.html", context, status=status)


def _initial(webhook: WebhookSubscription) -> dict[str, object]:
    return {"url": webhook.url, "events": webhook.events, "is_active": webhook.is_active}


@tenant_admin_required
def webhook_new(request: AdminRequest) -> HttpResponse:
    form = WebhookForm(request.POST or None)
    saved = form_saved(
        request,
        form,
        lambda data: services.webhook_create(actor=request.user, values=data),
        _("The webhook was created."),
    )
    if saved:
        # Answered here, not redirected: the secret is in this one page and nowhere else
        # (not in a session or a cookie).
        return _detail(request, saved, WebhookForm(initial=_initial(saved)), secret=saved.secret)
    context = {"form": form, "section": SECTION, "title": _("New webhook")}
    return render(request, "configuration/form.html", context)


@tenant_admin_required
def webhook_edit(request: AdminRequest, pk: int) -> HttpResponse:
    webhook = get_object_or_404(webhooks_list(), pk=pk)
    form = WebhookForm(request.POST or None, initial=_initial(webhook))
    saved = form_saved(
        request,
        form,
        lambda data: services.webhook_change(actor=request.user, webhook=webhook, values=data),
        _("The webhook was saved."),
    )
    if saved:
        return redirect("configuration:webhook", pk=webhook.pk)
    return _detail(request, webhook, form)


@tenant_admin_required
@require_POST
def webhook_rotate_secret(request: AdminRequest, pk: int) -> HttpResponse:
    webhook = get_object_or_404(webhooks_list(), pk=pk)
    webhook = services.webhook_secret_rotate(actor=request.user, webhook=webhook)
    messages.success(request, _("A new secret was made; the old one no longer signs."))
    return _detail(request, webhook, WebhookForm(initial=_initial(webhook)), secret=webhook.secret)


@tenant_admin_required
@require_POST
def webhook_redeliver(request: AdminRequest, pk: int, delivery_pk: UUID) -> HttpResponse:
    webhook = get_object_or_404(webhooks_list(), pk=pk)
    delivery = get_object_or_404(webhook_deliveries(webhook), pk=delivery_pk)
    try:
        services.webhook_delivery_redeliver(actor=request.user, delivery=delivery)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The delivery is being sent again."))
    return redirect("configuration:webhook", pk=webhook.pk)


@tenant_admin_required
@require_POST
def webhook_remove(request: AdminRequest, pk: int) -> HttpResponse:
    webhook = get_object_or_404(webhooks_list(), pk=pk)
    services.webhook_delete(actor=request.user, webhook=webhook)
    messages.success(request, _("The webhook was deleted."))
    return redirect("configuration:webhooks")

"""The mail to the tenant admins when a webhook was switched off after repeated failures:
written to the email outbox (in each admin's language), sent by the worker after commit."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from agencydesk.accounts.models import Role, User
from agencydesk.integrations.models import WebhookSubscription
from agencydesk.notifications.addresses import absolute_url
from agencydesk.notifications.models import Audience
from agencydesk.notifications.outbox import message_create, messages_dispatch_on_commit
from agencydesk.notifications.rendering import Rendered
from tenants.current import current_tenant

KIND = "webhook_disabled"


def _render(
    subscription: WebhookSubscription, admin: User, *, language: str, organisation: str
) -> Rendered:
    with translation.override(language):
        headline = _("A webhook was switched off")
        context = {
            "accent_color": current_tenant().accent_color or "#1f6feb",
            "logo_url": "",
            "tenant_name": organisation,
            "headline": headline,
            "greeting": _("Hello %(name)s,") % {"name": admin.get_short_name()},
            "intro": _(
                "The webhook to %(url)s failed %(count)d deliveries in a row and has been "
                "switched off. Nothing is sent to it until you switch it on again."
            )
            % {"url": subscription.url, "count": subscription.consecutive_failures},
            "button": _("Open the webhook's delivery log"),
            "link": absolute_url(reverse("configuration:webhook", args=[subscription.pk])),
            "validity": _("Check that the receiver is reachable and answers with a 2xx status."),
            "language": language,
        }
        return Rendered(
            subject=f"{headline}: {subscription.url}"[:300],
            text=render_to_string("notifications/email/account.txt", context),
            html=render_to_string("notifications/email/account.html", context),
        )


def webhook_disabled_notify(*, subscription: WebhookSubscription) -> None:
    tenant = current_tenant()
    admins = User.objects.filter(role=Role.TENANT_ADMIN, is_active=True).order_by("pk")
    message_ids = []
    for admin in admins:
        language = admin.language or tenant.language or settings.LANGUAGE_CODE
        message = message_create(
            kind=KIND,
            audience=Audience.STAFF,
            to_email=admin.email,
            language=language,
            rendered=_render(subscription, admin, language=language, organisation=tenant.name),
            reply_to="",
            headers={},
            recipient=admin,
        )
        message_ids.append(message.pk)
    messages_dispatch_on_commit(message_ids)

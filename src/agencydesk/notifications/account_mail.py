"""Account mail (invitations, password reset links) through the outbox, in the recipient's
language: written with the caller's transaction, sent by the worker after commit — the same
path as every other notification.

The public schema (operators) has no outbox: there the message is sent after commit.
"""

from __future__ import annotations

import logging
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name

from agencydesk.accounts.mail import AccountMail, AccountMailKind
from agencydesk.core.regional import operator_language
from agencydesk.notifications.models import Audience
from agencydesk.notifications.outbox import message_create, messages_dispatch_on_commit
from agencydesk.notifications.rendering import DEFAULT_ACCENT, Rendered, _branding
from tenants.current import current_tenant

logger = logging.getLogger(__name__)


def _copy(kind: str, organisation: str) -> tuple[str, str, str, str]:
    """(subject, headline, intro, button) of one kind of account mail."""
    if kind == AccountMailKind.INVITATION:
        return (
            _("Your invitation to %(name)s") % {"name": organisation},
            _("You have been invited"),
            _(
                "You have been invited to the helpdesk of %(name)s. Please open this link to "
                "choose your password; you are then logged in."
            )
            % {"name": organisation},
            _("Choose your password"),
        )
    if kind == AccountMailKind.PASSWORD_RESET:
        return (
            _("Reset your password for %(name)s") % {"name": organisation},
            _("Reset your password"),
            _(
                "Someone asked to reset the password of your login at %(name)s. If it was you, "
                "open this link and choose a new password. If not, ignore this email: your "
                "password stays as it is."
            )
            % {"name": organisation},
            _("Choose a new password"),
        )
    raise ValueError(f"unknown account mail kind {kind!r}")


def _language(mail: AccountMail, fallback: str) -> str:
    return mail.user.language or fallback or settings.LANGUAGE_CODE


def _render(
    mail: AccountMail, *, language: str, organisation: str, brand: dict[str, str]
) -> Rendered:
    with translation.override(language):
        subject, headline, intro, button = _copy(mail.kind, organisation)
        hours = _link_hours(mail.kind)
        context = {
            **brand,
            "tenant_name": organisation,
            "headline": headline,
            "intro": intro,
            "button": button,
            "link": mail.url,
            "validity": _("The link works once, within %(hours)d hours.") % {"hours": hours},
            "greeting": _("Hello %(name)s,") % {"name": mail.user.get_short_name()},
            "language": language,
        }
        return Rendered(
            subject=subject[:300],
            text=render_to_string("notifications/email/account.txt", context),
            html=render_to_string("notifications/email/account.html", context),
        )


def _link_hours(kind: str) -> int:
    seconds = (
        settings.INVITATION_TIMEOUT
        if kind == AccountMailKind.INVITATION
        else settings.PASSWORD_RESET_TIMEOUT
    )
    return int(seconds) // 3600


def account_mail_queue(mail: AccountMail) -> None:
    """The account mailer (registered in NotificationsConfig.ready())."""
    if getattr(connection, "schema_name", "") == get_public_schema_name():
        _operator_mail_send_on_commit(mail)
        return
    tenant = current_tenant()
    language = _language(mail, tenant.language)
    rendered = _render(mail, language=language, organisation=tenant.name, brand=_branding(tenant))
    audience = Audience.CUSTOMER if mail.user.is_customer_user else Audience.STAFF
    message = message_create(
        kind=f"account_{mail.kind}",
        audience=audience,
        to_email=mail.user.email,
        language=language,
        rendered=rendered,
        reply_to="",
        headers={},
        recipient=mail.user,
    )
    messages_dispatch_on_commit([message.pk])


def _operator_mail_send_on_commit(mail: AccountMail) -> None:
    # Operators belong to no tenant: their mail speaks the operator side's language.
    language = _language(mail, operator_language())
    rendered = _render(
        mail,
        language=language,
        organisation="agencydesk",
        brand={"accent_color": DEFAULT_ACCENT, "logo_url": ""},
    )
    email = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=formataddr(("agencydesk", settings.DEFAULT_FROM_EMAIL)),
        to=[mail.user.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    email.attach_alternative(rendered.html, "text/html")

    def send() -> None:
        try:
            email.send()
        except Exception:
            logger.exception("Sending the operator's account mail failed")

    transaction.on_commit(send)

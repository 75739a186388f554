"""Invitation links: made, mailed (through the outbox, in the invitee's language), sent
again by an admin, accepted by the invitee."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from agencydesk.accounts.mail import AccountMailKind, account_mail_request
from agencydesk.accounts.models import User
from agencydesk.accounts.password import password_set, user_from_uid, user_uid
from agencydesk.accounts.tokens import invitation_tokens
from agencydesk.configuration.audit import audit_record
from agencydesk.configuration.models import AuditAction
from agencydesk.tickets.portal_access import is_contact


def invitation_path(user: User) -> str:
    """The one-time link: it stops working once a password is set (the token covers it)
    or after INVITATION_TIMEOUT."""
    return reverse(
        "invitation:accept",
        kwargs={"uidb64": user_uid(user), "token": invitation_tokens.make_token(user)},
    )


def invitation_mail_queue(*, user: User, base_url: str) -> None:
    url = base_url.rstrip("/") + invitation_path(user)
    account_mail_request(kind=AccountMailKind.INVITATION, user=user, url=url)


def invited_user(*, uidb64: str, token: str) -> User | None:
    """The invitee of a link, or None when it is unknown, spent or expired."""
    user = user_from_uid(uidb64)
    if user is None or not user.is_active or not invitation_tokens.check_token(user, token):
        return None
    if is_contact(user):
        return None  # portal access was taken away again after the invitation
    return user


def invitation_pending(user: User) -> bool:
    """Invited and not yet accepted: active, never chose a password."""
    return user.is_active and not user.has_usable_password()


@transaction.atomic
def user_invitation_resend(*, actor: User, user: User, base_url: str) -> User:
    """A fresh link for someone whose invitation expired or got lost."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        raise ValidationError({"user": [_("This login is deactivated; activate it first.")]})
    if user.has_usable_password():
        raise ValidationError(
            {
                "user": [
                    _(
                        "This person has already chosen a password. If they forgot it, they "
                        "can reset it from the login page."
                    )
                ]
            }
        )
    audit_record(
        actor=actor, action=AuditAction.INVITED, target=user, changes={"invitation": ["", "sent"]}
    )
    invitation_mail_queue(user=user, base_url=base_url)
    return user


@transaction.atomic
def invitation_accept(*, user: User, password: str) -> User:
    """Set the invitee's first password (validated); the link's token is then spent."""
    password_set(user=user, password=password)
    audit_record(
        actor=user,
        action=AuditAction.UPDATED,
        target=user,
        changes={"password_set": [False, True]},
    )
    return user

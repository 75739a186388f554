"""Integration accounts: service users for another system (a CRM) that work tickets over the
API like staff, with tokens a tenant admin issues. They have no password (password logins,
resets and the web UI refuse them), are never assigned tickets, join no teams and need no
two-factor authentication; every change they make names them as the actor. Creating one and
issuing or revoking its tokens are written to the configuration audit log."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from agencydesk.accounts.models import ApiToken, Role, User
from agencydesk.accounts.services import api_token_issue, api_tokens_of, user_create
from agencydesk.configuration.audit import audit_record, diff, snapshot
from agencydesk.configuration.models import AuditAction
from agencydesk.configuration.services.users import user_identity_errors


@transaction.atomic
def integration_user_create(
    *, actor: User, email: str, name: str, language: str = "", external_id: str | None = None
) -> User:
    """A new integration account (no password: it gets API tokens only)."""
    email = email.strip().lower()
    errors = user_identity_errors(email=email, external_id=external_id)
    if errors:
        raise ValidationError(errors)
    user = user_create(
        email=email,
        name=name,
        role=Role.INTEGRATION,
        language=language,
        password=None,
        external_id=external_id,
    )
    user.full_clean(exclude=["password"])
    audit_record(
        actor=actor,
        action=AuditAction.CREATED,
        target=user,
        changes=diff({}, snapshot(user, ("email", "name", "role", "language", "external_id"))),
    )
    return user


def _require_integration(user: User) -> None:
    if not user.is_integration:
        raise ValidationError(
            _("Only integration accounts get tokens from an admin; people create their own.")
        )
    if not user.is_active:
        raise ValidationError(_("Activate the integration account first."))


@transaction.atomic
def integration_token_issue(
    *, actor: User, user: User, name: str, expires_at: datetime.datetime | None = None
) -> tuple[ApiToken, str]:
    """A new token for an integration account; the key is returned once."""
    _require_integration(user)
    token, key = api_token_issue(user=user, name=name, expires_at=expires_at)
    audit_record(
        actor=actor,
        action=AuditAction.TOKEN_ISSUED,
        target=user,
        changes={
            "token": [None, f"{token.prefix}… {token.name}".strip()],
            "expires_at": [None, token.expires_at.isoformat()],
        },
    )
    return token, key


@transaction.atomic
def integration_token_revoke(*, actor: User, user: User, token_id: int) -> None:
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None or not user.is_integration:
        raise ApiToken.DoesNotExist
    audit_record(
        actor=actor,
        action=AuditAction.TOKEN_REVOKED,
        target=user,
        changes={"token": [f"{token.prefix}… {token.name}".strip(), None]},
    )
    token.delete()


def integration_tokens_of(user: User) -> QuerySet[ApiToken]:
    return api_tokens_of(user) if user.is_integration else ApiToken.objects.none()

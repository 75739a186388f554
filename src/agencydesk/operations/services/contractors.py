"""Contractors: the companies work orders are dispatched to."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.core.limits import text_check
from agencydesk.operations.models import Contractor
from agencydesk.operations.services._common import require_staff

CONTRACTOR_FIELDS = ("name", "email", "phone", "trade", "language", "is_active")


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    cleaned = dict(fields)
    for name, max_length in (("name", 200), ("email", 254), ("phone", 50), ("trade", 100)):
        if name in cleaned:
            cleaned[name] = text_check(
                name, str(cleaned[name] or "").strip(), max_length=max_length
            )
    if "name" in cleaned and not cleaned["name"]:
        raise ValidationError({"name": [_("Enter a name.")]})
    if "email" in cleaned and not str(cleaned["email"] or "").strip():
        raise ValidationError({"email": [_("Enter the contractor's email address.")]})
    languages = {code for code, _label in settings.LANGUAGES}
    if "language" in cleaned and cleaned["language"] not in languages:
        raise ValidationError({"language": [_("Choose one of the agency's languages.")]})
    return cleaned


@transaction.atomic
def contractor_create(
    *,
    actor: User,
    name: str,
    email: str,
    phone: str = "",
    trade: str = "",
    language: str = "",
) -> Contractor:
    require_staff(actor, "name")
    fields = _clean(
        {
            "name": name,
            "email": email,
            "phone": phone,
            "trade": trade,
            "language": language or settings.LANGUAGE_CODE,
        }
    )
    contractor = Contractor(**fields)
    contractor.full_clean()
    contractor.save()
    return contractor


@transaction.atomic
def contractor_change(*, actor: User, contractor: Contractor, **fields: Any) -> Contractor:
    """Change any of name, email, phone, trade, language, is_active."""
    require_staff(actor, "name")
    unknown = set(fields) - set(CONTRACTOR_FIELDS)
    if unknown:
        raise ValidationError({name: [_("Unknown field.")] for name in sorted(unknown)})
    for name, value in _clean(fields).items():
        setattr(contractor, name, value)
    contractor.full_clean()
    contractor.save()
    return contractor

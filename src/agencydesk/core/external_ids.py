"""``external_id``: the id another system (a CRM) knows a ticket, customer or user by.

One rule for every kind: at most EXTERNAL_ID_MAX_LENGTH characters on one line, surrounding
blanks dropped, and an empty value stored as NULL (PostgreSQL's unique index ignores NULLs,
so only the values that are set must be unique per kind).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from agencydesk.core.limits import LINE_BREAKS, NUL

EXTERNAL_ID_MAX_LENGTH = 200


def external_id_clean(value: Any, *, field: str = "external_id") -> str | None:
    """The value to store: ``None`` for no id, else the stripped text."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError({field: [_("Enter the external ID as text.")]})
    value = value.strip()
    if not value:
        return None
    if len(value) > EXTERNAL_ID_MAX_LENGTH:
        raise ValidationError(
            {
                field: [
                    _("An external ID has at most %(limit)d characters.")
                    % {"limit": EXTERNAL_ID_MAX_LENGTH}
                ]
            }
        )
    if NUL in value or LINE_BREAKS & set(value):
        raise ValidationError({field: [_("An external ID is one line of text.")]})
    return value


def external_id_taken_message() -> str:
    return _("This external ID is already in use.")

"""``external_id``: the id another system (a CRM) knows a ticket, customer or user by.

One rule for every kind: at most EXTERNAL_ID_MAX_LENGTH characters on one line, surrounding
blanks dropped, and an empty value stored as NULL (PostgreSQL's unique index ignores NULLs,
so only the values that are set must be unique per kind).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencydesk.core.limits import LINE_BREAKS, NUL

EXTERNAL_ID_MAX_LENGTH = 200
EXTERNAL_ID_TAKEN = gettext_lazy("This external ID is already in use.")


def external_id_field() -> models.CharField:
    """The model field of every kind: NULL when unset, so the unique index binds only the
    values that are set; a taken value reads the same in every door's validation."""
    return models.CharField(
        gettext_lazy("external ID"),
        max_length=EXTERNAL_ID_MAX_LENGTH,
        unique=True,
        null=True,
        blank=True,
        error_messages={"unique": EXTERNAL_ID_TAKEN},
    )


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
    return str(EXTERNAL_ID_TAKEN)

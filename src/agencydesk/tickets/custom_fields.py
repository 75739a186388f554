"""Validation of ticket custom-field values against the fields their ticket type defines."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from agencydesk.core.limits import BODY_MAX_LENGTH, NUL, bounded_decimal, nul_message
from agencydesk.tickets.models import CustomField, FieldKind, TicketType

Values = dict[str, Any]


def _clean_text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValidationError(_("Enter text."))
    if NUL in value:
        raise ValidationError(nul_message())
    value = value.strip()
    if len(value) > BODY_MAX_LENGTH:
        raise ValidationError(_("Use at most %(max)d characters.") % {"max": BODY_MAX_LENGTH})
    return value


def _clean_number(value: Any) -> int | float:
    # Bounded before any conversion: ``1e999999`` must never become an integer.
    number = bounded_decimal(value)
    # JSON keeps numbers; whole numbers stay integers.
    return int(number) if number == number.to_integral_value() else float(number)


def _clean_choice(value: Any, field: CustomField) -> str:
    allowed = [str(choice.get("value")) for choice in field.choices or []]
    if not isinstance(value, str) or value not in allowed:
        raise ValidationError(
            _("Choose one of: %(choices)s."), params={"choices": ", ".join(allowed)}
        )
    return value


def _clean_date(value: Any) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    try:
        return datetime.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise ValidationError(_("Enter a date as YYYY-MM-DD.")) from None


def _clean_checkbox(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(_("Enter true or false."))
    return value


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def clean_value(field: CustomField, value: Any) -> Any:
    if field.kind == FieldKind.TEXT:
        return _clean_text(value)
    if field.kind == FieldKind.NUMBER:
        return _clean_number(value)
    if field.kind == FieldKind.CHOICE:
        return _clean_choice(value, field)
    if field.kind == FieldKind.DATE:
        return _clean_date(value)
    return _clean_checkbox(value)


def custom_fields_clean(
    *,
    ticket_type: TicketType,
    values: Mapping[str, Any] | None,
    existing: Mapping[str, Any] | None = None,
    portal: bool = False,
) -> Values:
    """Merge ``values`` into ``existing`` and validate the result against the type's fields.

    ``None`` or an empty text removes a value. With ``portal=True`` only fields shown in the
    portal may be set (staff-only values already stored are kept). Raises ValidationError
    with ``{"custom_fields": ["<key>: <message>", …]}``.
    """
    fields = {field.key: field for field in ticket_type.custom_fields.all()}
    if values is not None and not isinstance(values, Mapping):
        raise ValidationError({"custom_fields": _("Enter the custom fields as an object.")})
    result: Values = {key: value for key, value in (existing or {}).items() if key in fields}
    errors: dict[str, list[str]] = {}
    for key, value in (values or {}).items():
        field = fields.get(key)
        if field is None or (portal and not field.portal_visible):
            errors[key] = [_("Unknown field.")]
            continue
        if _is_empty(value):
            result.pop(key, None)
            continue
        try:
            result[key] = clean_value(field, value)
        except ValidationError as error:
            errors[key] = list(error.messages)
    for key, field in fields.items():
        if field.required and key not in errors and _is_empty(result.get(key)):
            if portal and not field.portal_visible:
                continue  # staff fill in their own fields later
            errors[key] = [_("This field is required.")]
    if errors:
        # Flat messages that name the field key: a form shows them, an API client parses them.
        raise ValidationError(
            {
                "custom_fields": [
                    f"{key}: {message}" for key, messages in errors.items() for message in messages
                ]
            }
        )
    return result

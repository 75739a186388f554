"""Placeholders in tenant-written mail texts: ``{reference}``, ``{title}`` … from a fixed list.

Tenant input is never a template: a text may name only the placeholders below, without
attribute access, indexes, conversions or format specs, and is filled by a plain
substitution of strings (``{{`` and ``}}`` stand for literal braces).
"""

from __future__ import annotations

import string
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PLACEHOLDERS: dict[str, Promise] = {
    "reference": _("the ticket's number as users see it, e.g. SAU-42"),
    "title": _("the ticket's title"),
    "requester_name": _("the name of the person who reported it"),
    "customer": _("the customer's name"),
    "site": _("the site's name"),
    "ticket_type": _("the ticket type"),
    "status": _("the ticket's status"),
    "agency": _("your agency's name"),
}

_FORMATTER = string.Formatter()


def placeholders_validate(text: str) -> None:
    """Refuse anything but literal text and the known placeholders."""
    try:
        parts = list(_FORMATTER.parse(text))
    except ValueError as error:
        raise ValidationError(
            _("Unbalanced braces: write {{ and }} for a literal brace."), code="braces"
        ) from error
    unknown: list[str] = []
    for _literal, name, format_spec, conversion in parts:
        if name is None:
            continue
        if name not in PLACEHOLDERS or format_spec or conversion:
            whole = "{" + name + (f"!{conversion}" if conversion else "")
            unknown.append(whole + (f":{format_spec}" if format_spec else "") + "}")
    if unknown:
        raise ValidationError(
            _("Unknown placeholder: %(unknown)s. Use %(known)s."),
            code="placeholder",
            params={
                "unknown": ", ".join(unknown),
                "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
            },
        )


def placeholders_fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with its placeholders replaced; anything invalid is kept as written (a text
    stored before a placeholder was retired must not stop the mail)."""
    try:
        parts = list(_FORMATTER.parse(text))
    except ValueError:
        return text
    filled: list[str] = []
    for literal, name, format_spec, conversion in parts:
        filled.append(literal)
        if name is None:
            continue
        if name in values and not format_spec and not conversion:
            filled.append(values[name])
        else:
            filled.append("{" + name + "}")
    return "".join(filled)

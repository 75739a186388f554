"""Input limits every door shares (README "Input limits").

The ticket workflow and the custom-field validation call these, so the web forms, the
staff and portal APIs and email intake all give the same answer: a ValidationError keyed
by the field, which the API turns into a 400 and forms show next to the field.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 20_000
NUMBER_MAX_DIGITS = 20
# Longer number texts are refused before Decimal sees them: nothing a person types needs it.
NUMBER_MAX_TEXT_LENGTH = 64
JSON_MAX_DEPTH = 32
IMAGE_MAX_PIXELS = 50_000_000
NUL = "\x00"
COLOR_PATTERN = r"^#[0-9a-fA-F]{6}$"
# Ticket type and tenant accent colours: they end up in style attributes and emails.
color_validator = RegexValidator(
    COLOR_PATTERN, gettext_lazy("Enter a colour as # followed by six hex digits, e.g. #1f6feb.")
)
LINE_BREAKS = frozenset("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def nul_message() -> str:
    return _("The text contains a NUL character, which is not allowed.")


def has_nul(value: Any) -> bool:
    """Whether ``value`` or any string inside it (lists, dicts, keys too) holds a NUL byte."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if NUL in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return False


def text_check(field: str, value: str, *, max_length: int | None = None) -> str:
    """``value`` unchanged when it has no NUL byte and fits ``max_length``."""
    if NUL in value:
        raise ValidationError({field: [nul_message()]})
    if max_length is not None and len(value) > max_length:
        raise ValidationError(
            {
                field: [
                    _("Use at most %(max)d characters (this text has %(length)d).")
                    % {"max": max_length, "length": len(value)}
                ]
            }
        )
    return value


def title_clean(title: str) -> str:
    """A ticket title: non-empty, one line, at most 200 characters."""
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": [_("Enter a title.")]})
    if any(character in LINE_BREAKS for character in title):
        raise ValidationError({"title": [_("The title must be a single line.")]})
    return text_check("title", title, max_length=TITLE_MAX_LENGTH)


def body_clean(field: str, value: str, *, required: bool = False) -> str:
    """A description or comment body: at most 20,000 characters, no NUL byte."""
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: [_("Enter a text.")]})
    return text_check(field, value, max_length=BODY_MAX_LENGTH)


def bounded_decimal(value: Any) -> Decimal:
    """A finite decimal of at most 20 digits (written out in full), else ValidationError.

    Checked on the digits and the exponent before anything converts the number, so a
    value like ``1e999999`` never becomes a huge integer.
    """
    if isinstance(value, bool):
        raise ValidationError(_("Enter a number."))
    text = repr(value) if isinstance(value, float) else str(value).strip()
    if len(text) > NUMBER_MAX_TEXT_LENGTH:
        raise ValidationError(_("Enter a number of at most %(max)d digits.") % _digits())
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("Enter a number.")) from None
    if not number.is_finite():
        raise ValidationError(_("Enter a finite number."))
    if number.is_zero():
        return Decimal(0)
    _sign, digits, exponent = number.as_tuple()
    exponent = int(exponent)  # finite numbers have an integer exponent
    significant = list(digits)
    while len(significant) > 1 and significant[-1] == 0:  # trailing zeros of a fraction
        significant.pop()
        exponent += 1
    whole_digits = max(len(significant) + exponent, 1)
    fraction_digits = max(-exponent, 0)
    if whole_digits + fraction_digits > NUMBER_MAX_DIGITS:
        raise ValidationError(_("Enter a number of at most %(max)d digits.") % _digits())
    return number


def _digits() -> dict[str, int]:
    return {"max": NUMBER_MAX_DIGITS}

"""Show a service's ValidationError on the form that sent the input."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(
    form: forms.Form, error: ValidationError, *, fallback: str | None = None
) -> None:
    """Field errors go to the field of that name, the rest to ``fallback`` or the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(fallback, error)
        return
    for field, messages in error.message_dict.items():
        target = field if field in form.fields else fallback
        for message in messages:
            form.add_error(target, message)

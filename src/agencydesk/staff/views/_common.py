"""Small helpers the staff views share."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def form_errors_from(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: at its field if the form has it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)

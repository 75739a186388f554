"""Forms of the configuration pages; they parse input, the services decide and save."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def errors_onto_form(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where it has that field."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)

"""Helpers the site-operations staff pages share."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from agencydesk.accounts.models import User
from agencydesk.tickets.models import Visibility


def staff_user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def form_errors_from(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: at its field if the form has it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


def staff_visibility_default(request: HttpRequest) -> str:
    """Tickets staff open start with the tenant's staff visibility (CONTRACT §5)."""
    tenant = getattr(request, "tenant", None)
    return getattr(tenant, "staff_ticket_visibility", "") or Visibility.UNPUBLISHED

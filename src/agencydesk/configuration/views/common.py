"""The save-a-form step every configuration page shares."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from agencydesk.accounts.http import AuthenticatedHttpRequest
from agencydesk.configuration.forms import errors_onto_form


class AdminRequest(AuthenticatedHttpRequest):
    """A request that passed ``tenant_admin_required``: a logged-in admin of ``tenant``."""


def form_saved(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[dict[str, Any]], Any],
    success: str | Callable[[Any], str],
) -> Any | None:
    """On a valid POST, call the service ``save(cleaned_data)`` and flash ``success``.

    Returns what was saved, or None when the form is to be shown (again): a GET, invalid
    input, or a service refusal, whose messages then appear on the form.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        saved = save(form.cleaned_data)
    except ValidationError as error:
        errors_onto_form(form, error)
        return None
    messages.success(request, success(saved) if callable(success) else success)
    return saved


def form_page(
    request: HttpRequest, form: forms.BaseForm, *, title: str, section: str, **extra: Any
) -> HttpResponse:
    context = {"form": form, "title": title, "section": section, **extra}
    return render(request, "configuration/form.html", context)

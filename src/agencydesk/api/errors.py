"""JSON errors everywhere under /api/, including 404s for unknown paths."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from agencydesk.core.external_ids import external_id_taken_message


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    # Domain services raise Django's ValidationError; answer it as a 400 with field errors.
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, IntegrityError) and _violated_constraint(exc).endswith("external_id_key"):
        # Two writers raced for one external_id past the services' check: the unique index
        # decided, and the loser hears it as the same 400 the check gives.
        exc = exceptions.ValidationError({"external_id": [external_id_taken_message()]})
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, list):
        # A ValidationError raised with a message, not per field: the documented 400 shape
        # is an object, so the messages go under non_field_errors.
        response.data = {"non_field_errors": response.data}
    return response


def _violated_constraint(error: IntegrityError) -> str:
    diagnostics = getattr(error.__cause__, "diag", None)
    return str(getattr(diagnostics, "constraint_name", "") or "")


def api_not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return JsonResponse({"detail": _("Not found.")}, status=404)

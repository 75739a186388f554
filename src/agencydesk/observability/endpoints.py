"""``/metrics`` for Prometheus, behind ``Authorization: Bearer <METRICS_TOKEN>``."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from prometheus_client import CONTENT_TYPE_LATEST

from agencydesk.observability.metrics import metrics_exposition


def metrics_view(request: HttpRequest) -> HttpResponse:
    """404 while ``METRICS_TOKEN`` is unset (off), 401 without the right bearer token."""
    token = settings.METRICS_TOKEN
    if not token:
        return JsonResponse({"detail": "Not found."}, status=404)
    scheme, _space, offered = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        offered.strip().encode(), token.encode()
    ):
        response = JsonResponse({"detail": "Authentication required."}, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(metrics_exposition(), content_type=CONTENT_TYPE_LATEST)

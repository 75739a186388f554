"""Middleware for operations.

``OperationsMiddleware`` comes first: it gives every request an id (``X-Request-ID``, taken
from the caller when well-formed, returned in the response), times it for the metrics, and
answers ``/health/live``, ``/health/ready`` and ``/metrics`` itself — before the tenant
middleware, so they answer on any host (a probe addresses the pod by its IP) and over plain
HTTP."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from agencydesk.observability.context import request_id_choose, request_id_var, request_var
from agencydesk.observability.endpoints import metrics_view
from agencydesk.observability.health import health_live, health_ready
from agencydesk.observability.metrics import (
    HTTP_REQUEST_DURATION,
    HTTP_RESPONSES,
    UNRESOLVED_VIEW,
)

View = Callable[[HttpRequest], HttpResponse]

OPERATIONS_ENDPOINTS: dict[str, View] = {
    "/health/live": health_live,
    "/health/ready": health_ready,
    "/health": health_live,  # the older single check, kept for existing probes
    "/metrics": metrics_view,
}


class OperationsMiddleware:
    def __init__(self, get_response: View) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_choose(request.headers.get("X-Request-ID"))
        # Not reset on the way out: Django logs 4xx/5xx responses after the middleware has
        # returned. ``request_context_clear`` runs when the response is closed.
        request_id_var.set(request_id)
        request_var.set(request)
        endpoint = OPERATIONS_ENDPOINTS.get(request.path_info.rstrip("/"))
        if endpoint is not None and request.method in {"GET", "HEAD"}:
            response = endpoint(request)
            # Answered before the security middleware: the headers that matter for JSON
            # and text answers, and never cached by a proxy.
            response["Cache-Control"] = "no-store"
            response["X-Content-Type-Options"] = "nosniff"
        else:
            response = self._timed(request)
        response["X-Request-ID"] = request_id
        return response

    def _timed(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        view = (match.view_name or UNRESOLVED_VIEW) if match is not None else UNRESOLVED_VIEW
        # An unknown method is folded into one label value: clients choose the method.
        method = request.method if request.method in _KNOWN_METHODS else "other"
        HTTP_REQUEST_DURATION.labels(view=view, method=method).observe(
            time.perf_counter() - started
        )
        HTTP_RESPONSES.labels(view=view, method=method, status=str(response.status_code)).inc()
        return response


_KNOWN_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def request_context_clear(**kwargs: object) -> None:
    """On ``request_finished``: the thread's next request or task starts without an id."""
    request_id_var.set("")
    request_var.set(None)

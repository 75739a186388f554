"""The staff bell: count (polled), list, open/mark read, notification settings."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agencydesk.accounts.gates import is_staff_person, staff_required
from agencydesk.notifications import web


@require_GET
def bell_count(request: HttpRequest) -> HttpResponse:
    allowed = request.user.is_authenticated and is_staff_person(request.user)
    return web.bell_count(request, allowed=allowed, count_url=reverse("staff:bell_count"))


@staff_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    context = web.list_context(request, url_prefix="staff:")
    return render(request, "staff/notifications.html", context)


@staff_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    return web.open_notification(
        request, pk, ticket_url_name="staff:ticket", list_url_name="staff:notifications"
    )


@staff_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    return web.read_all(request, list_url_name="staff:notifications")


@staff_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request: HttpRequest) -> HttpResponse:
    form, saved = web.preferences_form(request)
    if saved:
        return redirect("staff:notification_preferences")
    return render(request, "staff/notification_preferences.html", {"form": form})

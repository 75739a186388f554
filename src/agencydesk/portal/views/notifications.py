"""The portal bell: count (polled), list, open/mark read, notification settings."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agencydesk.accounts.gates import customer_required, is_customer_user
from agencydesk.notifications import web
from agencydesk.portal.views.pages import portal_context


@require_GET
def bell_count(request: HttpRequest) -> HttpResponse:
    allowed = request.user.is_authenticated and is_customer_user(request.user)
    return web.bell_count(request, allowed=allowed, count_url=reverse("portal:bell_count"))


@customer_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    context = {**portal_context(request), **web.list_context(request, url_prefix="portal:")}
    return render(request, "portal/notifications.html", context)


@customer_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    return web.open_notification(
        request, pk, ticket_url_name="portal:ticket", list_url_name="portal:notifications"
    )


@customer_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    return web.read_all(request, list_url_name="portal:notifications")


@customer_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request: HttpRequest) -> HttpResponse:
    form, saved = web.preferences_form(request)
    if saved:
        return redirect("portal:notification_preferences")
    context = {**portal_context(request), "form": form}
    return render(request, "portal/notification_preferences.html", context)

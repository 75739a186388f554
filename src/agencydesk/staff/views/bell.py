"""The bell's pages, one implementation for every door that has a bell (staff UI, portal):
the polled count, the list, opening/marking read, the settings.

A door describes itself with a ``BellDoor`` (its gate, its URL namespace, its templates and
the context its base template needs) and mounts ``bell_urls(door, …)`` in its URLconf, so
the two doors differ only in what really differs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agencydesk.accounts.gates import ViewFunc
from agencydesk.accounts.http import AuthenticatedHttpRequest
from agencydesk.accounts.models import User
from agencydesk.notifications.forms import NotificationPreferencesForm
from agencydesk.notifications.inapp import (
    notifications_for,
    notifications_mark_all_read,
    notifications_mark_read,
    unread_count,
)
from agencydesk.notifications.preferences import notification_preferences_set

PAGE_SIZE = 25
# htmx stops polling on this status: a signed-out page must not keep asking (or show the
# login page inside the bell).
STOP_POLLING = 286


def _no_context(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class BellDoor:
    """What a door's bell pages differ in."""

    namespace: str  # the door's URL namespace, also the folder of its two templates
    gate: Callable[[ViewFunc], ViewFunc]  # the door's permission gate
    audience: Callable[[User], bool]  # the same rule, for the ungated polled count
    base_context: Callable[[AuthenticatedHttpRequest], dict[str, Any]] = field(default=_no_context)

    def url(self, name: str) -> str:
        return f"{self.namespace}:{name}"


def bell_count(request: HttpRequest, door: BellDoor) -> HttpResponse:
    """The unread count as the bell's ``<span>``: one COUNT query. Not behind the gate: a
    signed-out page gets the stop-polling status instead of a redirect to the login."""
    user = request.user
    if not (user.is_authenticated and door.audience(user)):
        return HttpResponse(status=STOP_POLLING)
    context = {
        "count": unread_count(user),
        "count_url": reverse(door.url("bell_count")),
        "poll_seconds": settings.NOTIFICATION_POLL_SECONDS,
    }
    response = render(request, "notifications/_bell_count.html", context)
    response["Cache-Control"] = "no-store"
    return response


def notification_list(request: AuthenticatedHttpRequest, door: BellDoor) -> HttpResponse:
    """The page of notifications (a COUNT and one SELECT whatever the number of rows)."""
    notifications = notifications_for(request.user)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        **door.base_context(request),
        "page": page,
        "unread": any(notification.read_at is None for notification in page),
        "read_url_name": door.url("notification_read"),
        "read_all_url": reverse(door.url("notifications_read_all")),
        "preferences_url": reverse(door.url("notification_preferences")),
    }
    return render(request, f"{door.namespace}/notifications.html", context)


def notification_read(request: AuthenticatedHttpRequest, pk: int, door: BellDoor) -> HttpResponse:
    """Mark one read and go to its ticket (or back to the list)."""
    user = request.user
    notification = notifications_for(user).filter(pk=pk).first()
    notifications_mark_read(user=user, notification_ids=[pk])
    if notification is not None and notification.ticket is not None:
        return redirect(door.url("ticket"), number=notification.ticket.number)
    return redirect(door.url("notifications"))


def notifications_read_all(request: AuthenticatedHttpRequest, door: BellDoor) -> HttpResponse:
    notifications_mark_all_read(user=request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect(door.url("notifications"))


def notification_preferences(request: AuthenticatedHttpRequest, door: BellDoor) -> HttpResponse:
    """The settings form; saved on a valid POST."""
    user = request.user
    form = NotificationPreferencesForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        notification_preferences_set(user=user, choices=form.choices())
        messages.success(request, _("Your notification settings were saved."))
        return redirect(door.url("notification_preferences"))
    context = {**door.base_context(request), "form": form}
    return render(request, f"{door.namespace}/notification_preferences.html", context)


def bell_urls(door: BellDoor, *, preferences_path: str) -> list[URLPattern]:
    """The bell's URLs under a door (``preferences_path``: where its settings page lives)."""
    gate = door.gate
    kwargs = {"door": door}
    return [
        path(
            "notifications/",
            gate(require_GET(notification_list)),
            kwargs,
            name="notifications",
        ),
        path("notifications/count/", require_GET(bell_count), kwargs, name="bell_count"),
        path(
            "notifications/read-all/",
            gate(require_POST(notifications_read_all)),
            kwargs,
            name="notifications_read_all",
        ),
        path(
            "notifications/<int:pk>/read/",
            gate(require_POST(notification_read)),
            kwargs,
            name="notification_read",
        ),
        path(
            preferences_path,
            gate(require_http_methods(["GET", "POST"])(notification_preferences)),
            kwargs,
            name="notification_preferences",
        ),
    ]

"""The bell's pages, shared by the staff UI and the portal (each wraps them in its own gate
and base template): the polled count, the list, opening/marking read, the settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

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


def bell_count(request: HttpRequest, *, allowed: bool, count_url: str) -> HttpResponse:
    """The unread count as the bell's ``<span>``: one COUNT query."""
    user = request.user
    if not (user.is_authenticated and allowed):
        return HttpResponse(status=STOP_POLLING)
    context = {
        "count": unread_count(user),
        "count_url": count_url,
        "poll_seconds": settings.NOTIFICATION_POLL_SECONDS,
    }
    response = render(request, "notifications/_bell_count.html", context)
    response["Cache-Control"] = "no-store"
    return response


def list_context(request: HttpRequest, *, url_prefix: str) -> dict[str, Any]:
    """The page of notifications (a COUNT and one SELECT whatever the number of rows)."""
    user: User = request.user  # type: ignore[assignment]
    notifications = notifications_for(user)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "page": page,
        "unread": any(notification.read_at is None for notification in page),
        "read_url_name": f"{url_prefix}notification_read",
        "read_all_url": reverse(f"{url_prefix}notifications_read_all"),
        "preferences_url": reverse(f"{url_prefix}notification_preferences"),
    }


def open_notification(
    request: HttpRequest, pk: int, *, ticket_url_name: str, list_url_name: str
) -> HttpResponse:
    """Mark one read and go to its ticket (or back to the list)."""
    user: User = request.user  # type: ignore[assignment]
    notification = notifications_for(user).filter(pk=pk).first()
    notifications_mark_read(user=user, notification_ids=[pk])
    if notification is not None and notification.ticket is not None:
        return redirect(ticket_url_name, number=notification.ticket.number)
    return redirect(list_url_name)


def read_all(request: HttpRequest, *, list_url_name: str) -> HttpResponse:
    notifications_mark_all_read(user=request.user)  # type: ignore[arg-type]
    messages.success(request, _("All notifications are marked as read."))
    return redirect(list_url_name)


def preferences_form(request: HttpRequest) -> tuple[NotificationPreferencesForm, bool]:
    """The settings form; saved (True) on a valid POST."""
    user: User = request.user  # type: ignore[assignment]
    form = NotificationPreferencesForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        notification_preferences_set(user=user, choices=form.choices())
        messages.success(request, _("Your notification settings were saved."))
        return form, True
    return form, False

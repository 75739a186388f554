"""``{% notification_bell %}``: the bell of the top bar (staff and portal)."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

from agencydesk.notifications import inapp
from agencydesk.notifications.models import InAppNotification

register = template.Library()


@register.inclusion_tag("notifications/_bell.html", takes_context=True)
def notification_bell(context: template.Context, list_url: str, count_url: str) -> dict[str, Any]:
    """No query here: the count arrives by htmx right after the page loads, then every
    ``NOTIFICATION_POLL_SECONDS``, so the bell adds nothing to a page's own queries."""
    request = context.get("request")
    return {
        "list_url": list_url,
        "count_url": count_url,
        "poll_seconds": settings.NOTIFICATION_POLL_SECONDS,
        "current": bool(request and request.path == list_url),
    }


@register.filter
def notification_text(notification: InAppNotification) -> str:
    return inapp.notification_text(notification)

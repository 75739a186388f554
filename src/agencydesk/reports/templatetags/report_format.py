"""Template filters for report figures."""

from __future__ import annotations

from django import template

from agencydesk.reports.durations import duration_human, share_human

register = template.Library()


@register.filter
def duration(seconds: float | None) -> str:
    return duration_human(seconds)


@register.filter
def share(value: float | None) -> str:
    return share_human(value)

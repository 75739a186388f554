"""Durations for people: the two largest units, translated ("2 Tage 4 Std." / "2 days 4 h")."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR


def _days(count: int) -> str:
    return ngettext("%(count)d day", "%(count)d days", count) % {"count": count}


def _hours(count: int) -> str:
    return _("%(count)d h") % {"count": count}


def _minutes(count: int) -> str:
    return _("%(count)d min") % {"count": count}


def duration_human(seconds: float | None) -> str:
    """``None`` (no ticket has the duration) shows as a dash; under a minute as "< 1 min"."""
    if seconds is None:
        return "–"
    minutes_total = round(seconds / MINUTE)
    if minutes_total < 1:
        return _("< 1 min")
    days, rest = divmod(minutes_total, DAY // MINUTE)
    hours, minutes = divmod(rest, HOUR // MINUTE)
    if days:
        return f"{_days(days)} {_hours(hours)}" if hours else _days(days)
    if hours:
        return f"{_hours(hours)} {_minutes(minutes)}" if minutes else _hours(hours)
    return _minutes(minutes)


def share_human(share: float | None) -> str:
    if share is None:
        return "–"
    return _("%(percent)d%%") % {"percent": round(share * 100)}

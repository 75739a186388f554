"""Checks and canonical forms of a policy's business hours, holidays and targets.

Stored shapes (JSON, also the API's):
- business hours: ``[{"weekday": 0, "start": "08:00", "end": "17:00"}, …]`` (Monday = 0;
  several intervals per day allowed, e.g. a lunch break; ``"24:00"`` ends at midnight);
- holidays: ``["2026-12-25", …]``;
- targets: ``[{"priority": "high", "first_response_minutes": 60, "resolution_minutes": 480}]``
  in business minutes, one entry per priority at most (a priority without one gets no due
  times).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

from agencydesk.sla.calendar import MINUTES_PER_DAY
from agencydesk.tickets.models import Priority

TIME_PATTERN = re.compile(r"^(\d{1,2}):(\d{2})$")
# Targets are listed from the most to the least urgent priority.
PRIORITY_ORDER = {value: index for index, value in enumerate(reversed(Priority.values))}


def minutes_of(text: str, *, end: bool = False) -> int:
    """``"08:30"`` → 510; ``"24:00"`` only as an end. ValueError when it is no time."""
    match = TIME_PATTERN.match(str(text).strip())
    if not match:
        raise ValueError(text)
    hours, minutes = int(match[1]), int(match[2])
    total = hours * 60 + minutes
    if minutes > 59 or total > MINUTES_PER_DAY or (total == MINUTES_PER_DAY and not end):
        raise ValueError(text)
    return total


def time_text(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def business_hours_clean(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Enter business hours for at least one weekday."))
    spans: list[tuple[int, int, int]] = []
    for item in value:
        try:
            weekday = int(item["weekday"])
            start = minutes_of(item["start"])
            end = minutes_of(item["end"], end=True)
        except (KeyError, TypeError, ValueError) as error:
            raise ValidationError(
                _(
                    "Give each interval a weekday (0 = Monday … 6 = Sunday), a start and an "
                    "end as HH:MM."
                )
            ) from error
        if not 0 <= weekday <= 6:
            raise ValidationError(_("Weekdays run from 0 (Monday) to 6 (Sunday)."))
        if end <= start:
            raise ValidationError(
                _("Business hours must end after they start (%(day)s %(start)s–%(end)s).")
                % {"day": WEEKDAYS[weekday], "start": time_text(start), "end": time_text(end)}
            )
        spans.append((weekday, start, end))
    spans.sort()
    for (day, _start, end), (next_day, next_start, _end) in itertools.pairwise(spans):
        if day == next_day and next_start < end:
            raise ValidationError(
                _("The business hours of %(day)s overlap.") % {"day": WEEKDAYS[day]}
            )
    return [
        {"weekday": day, "start": time_text(start), "end": time_text(end)}
        for day, start, end in spans
    ]


def holidays_clean(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        raise ValidationError(_("List the holidays as dates (YYYY-MM-DD)."))
    days: set[dt.date] = set()
    for item in value:
        if isinstance(item, dt.date):
            days.add(item)
            continue
        try:
            days.add(dt.date.fromisoformat(str(item).strip()))
        except ValueError as error:
            raise ValidationError(
                _("“%(value)s” is not a date; use YYYY-MM-DD.") % {"value": item}
            ) from error
    return [day.isoformat() for day in sorted(days)]


def _positive_minutes(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(value)
    minutes = int(value)
    if minutes <= 0:
        raise ValueError(value)
    return minutes


def targets_clean(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Enter the targets for at least one priority."))
    targets: dict[str, dict[str, Any]] = {}
    for item in value:
        priority = item.get("priority") if isinstance(item, dict) else None
        if priority not in Priority.values:
            raise ValidationError(
                _("Each target needs a priority: one of %(choices)s.")
                % {"choices": ", ".join(Priority.values)}
            )
        label = Priority(priority).label
        if priority in targets:
            raise ValidationError(_("%(priority)s has more than one target.") % {"priority": label})
        try:
            first = _positive_minutes(item.get("first_response_minutes"))
            resolution = _positive_minutes(item.get("resolution_minutes"))
        except (TypeError, ValueError) as error:
            raise ValidationError(
                _("Targets are positive whole numbers of business minutes (%(priority)s).")
                % {"priority": label}
            ) from error
        if resolution < first:
            raise ValidationError(
                _(
                    "The resolution target cannot be shorter than the first-response target "
                    "(%(priority)s)."
                )
                % {"priority": label}
            )
        targets[priority] = {
            "priority": priority,
            "first_response_minutes": first,
            "resolution_minutes": resolution,
        }
    return [targets[key] for key in sorted(targets, key=PRIORITY_ORDER.__getitem__)]

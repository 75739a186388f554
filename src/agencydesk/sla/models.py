"""SLA policies: a business-hours calendar with holidays and targets per priority.

A ticket type points at a policy; types without one use the tenant's default policy (if it
has one). The due-time maths is in ``sla.calendar``; the workflow sets the due times.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from agencydesk.sla.calendar import BusinessCalendar
from agencydesk.sla.rules import business_hours_clean, holidays_clean, minutes_of, targets_clean
from agencydesk.tickets.models import Priority


@dataclass(frozen=True)
class Target:
    first_response_minutes: int
    resolution_minutes: int


class SlaPolicy(models.Model):
    # Plain text: policies are named by and for the agency's admins and staff; customers
    # never see them, so the per-language names of ticket types would be overhead here.
    name = models.CharField(_("name"), max_length=120, unique=True)
    business_hours = models.JSONField(_("business hours"), default=list, blank=True)
    holidays = models.JSONField(_("holidays"), default=list, blank=True)
    targets = models.JSONField(_("targets"), default=list, blank=True)
    is_default = models.BooleanField(
        _("default policy"),
        default=False,
        help_text=_("Applies to ticket types that have no policy of their own."),
    )

    class Meta:
        verbose_name = _("SLA policy")
        verbose_name_plural = _("SLA policies")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="at_most_one_default_sla"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """Check the JSON values and store them in their canonical form."""
        errors: dict[str, Any] = {}
        for name, cleaner in (
            ("business_hours", business_hours_clean),
            ("holidays", holidays_clean),
            ("targets", targets_clean),
        ):
            try:
                setattr(self, name, cleaner(getattr(self, name)))
            except ValidationError as error:
                errors[name] = error.messages
        if errors:
            raise ValidationError(errors)

    def calendar(self, timezone: str | ZoneInfo) -> BusinessCalendar:
        return BusinessCalendar.build(
            timezone=timezone,
            hours=[
                (int(span["weekday"]), minutes_of(span["start"]), minutes_of(span["end"], end=True))
                for span in self.business_hours
            ],
            holidays=[dt.date.fromisoformat(day) for day in self.holidays],
        )

    @property
    def hours_display(self) -> list[tuple[str, str, str]]:
        """(weekday name, start, end) per interval, for pages."""
        return [
            (str(WEEKDAYS[span["weekday"]]), span["start"], span["end"])
            for span in self.business_hours
        ]

    @property
    def targets_display(self) -> list[tuple[str, int, int]]:
        """(priority label, first response, resolution) per target, for pages."""
        return [
            (
                str(Priority(target["priority"]).label),
                target["first_response_minutes"],
                target["resolution_minutes"],
            )
            for target in self.targets
        ]

    def target_for(self, priority: str | None) -> Target | None:
        for target in self.targets:
            if target["priority"] == priority:
                return Target(target["first_response_minutes"], target["resolution_minutes"])
        return None

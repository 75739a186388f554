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
from agencydesk.sla.holiday_calendars import HolidaySet, supported_regions
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
    # Public holidays of a region (ISO 3166 country, its subdivision code), on top of
    # ``holidays``: e.g. "DE" + "BY" for Bavaria, "GB" + "ENG" for England.
    holiday_country = models.CharField(
        _("holiday country"), max_length=3, blank=True, default="", db_default=""
    )
    holiday_subdivision = models.CharField(
        _("holiday region"), max_length=10, blank=True, default="", db_default=""
    )
    warn_at_percent = models.PositiveSmallIntegerField(
        _("warn at (percent of the target)"),
        default=80,
        db_default=80,
        help_text=_(
            "Assignee, team lead and site manager are warned when this percentage of the "
            "target is used."
        ),
    )
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
        errors.update(self._region_errors())
        if not 1 <= int(self.warn_at_percent or 0) <= 99:
            errors["warn_at_percent"] = [str(_("Enter a percentage between 1 and 99."))]
        if errors:
            raise ValidationError(errors)

    def _region_errors(self) -> dict[str, list[str]]:
        self.holiday_country = (self.holiday_country or "").strip().upper()
        self.holiday_subdivision = (self.holiday_subdivision or "").strip().upper()
        regions = supported_regions()
        if not self.holiday_country:
            if self.holiday_subdivision:
                return {"holiday_country": [str(_("Choose the country of the region."))]}
            return {}
        if self.holiday_country not in regions:
            return {"holiday_country": [str(_("This country has no holiday calendar."))]}
        subdivisions = regions[self.holiday_country]
        if self.holiday_subdivision and self.holiday_subdivision not in subdivisions:
            return {
                "holiday_subdivision": [
                    str(_("Unknown region; use one of: %(regions)s."))
                    % {"regions": ", ".join(subdivisions)}
                ]
            }
        return {}

    def holiday_set(self) -> HolidaySet:
        return HolidaySet(
            custom=[dt.date.fromisoformat(day) for day in self.holidays],
            country=self.holiday_country,
            subdivision=self.holiday_subdivision,
        )

    def calendar(self, timezone: str | ZoneInfo) -> BusinessCalendar:
        return BusinessCalendar.build(
            timezone=timezone,
            hours=[
                (int(span["weekday"]), minutes_of(span["start"]), minutes_of(span["end"], end=True))
                for span in self.business_hours
            ],
            holidays=self.holiday_set(),
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


class NoticeLevel(models.TextChoices):
    WARNING = "warning", _("warning")
    BREACHED = "breached", _("breached")


class SlaTarget(models.TextChoices):
    FIRST_RESPONSE = "first_response", _("first response")
    RESOLUTION = "resolution", _("resolution")


class SlaNotice(models.Model):
    """A warning or breach notice that was sent: at most one per ticket, target and level
    (the unique constraint keeps two concurrent checks from both sending)."""

    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="sla_notices"
    )
    target = models.CharField(max_length=20, choices=SlaTarget.choices)
    level = models.CharField(max_length=10, choices=NoticeLevel.choices)
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("SLA notice")
        verbose_name_plural = _("SLA notices")
        constraints = [
            models.UniqueConstraint(
                fields=["ticket", "target", "level"], name="one_sla_notice_per_ticket_target"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.target} {self.level}"

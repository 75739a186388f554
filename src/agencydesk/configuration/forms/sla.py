"""SLA policy form: hours per weekday as text, holidays one per line, targets per priority."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from agencydesk.sla.models import SlaPolicy
from agencydesk.sla.rules import minutes_of
from agencydesk.tickets.models import Priority

WEEKDAY_NUMBERS = range(7)
INTERVAL_SEPARATORS = re.compile(r"[,;]")
RANGE_SEPARATOR = re.compile(r"\s*[-–]\s*")
HOLIDAY_SEPARATORS = re.compile(r"[\s,;]+")
PRIORITIES = list(reversed(Priority.choices))  # the most urgent first


def hours_field(day: int) -> str:
    return f"hours_{day}"


def target_fields(priority: str) -> tuple[str, str]:
    return f"first_response_{priority}", f"resolution_{priority}"


def parse_intervals(text: str) -> list[tuple[str, str]]:
    """``"08:00-12:00, 13:00-17:00"`` → [("08:00", "12:00"), ("13:00", "17:00")]."""
    intervals = []
    for part in INTERVAL_SEPARATORS.split(text):
        if not part.strip():
            continue
        bounds = RANGE_SEPARATOR.split(part.strip())
        try:
            if len(bounds) != 2:
                raise ValueError(part)
            minutes_of(bounds[0])
            minutes_of(bounds[1], end=True)
        except ValueError as error:
            raise forms.ValidationError(
                _("Enter times like 08:00-17:00; separate several intervals with commas.")
            ) from error
        intervals.append((bounds[0], bounds[1]))
    return intervals


DEFAULT_WARN_AT_PERCENT = 80


class SlaPolicyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    is_default = forms.BooleanField(
        label=_("Default policy (for ticket types without a policy of their own; at most one)"),
        required=False,
    )
    holidays = forms.CharField(
        label=_("Holidays"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One date per line as YYYY-MM-DD; no business time counts on these days."),
    )
    holiday_country = forms.CharField(
        label=_("Public holidays of country"),
        required=False,
        max_length=3,
        help_text=_("ISO country code, e.g. DE or GB; empty: only the dates below."),
    )
    holiday_subdivision = forms.CharField(
        label=_("Region"),
        required=False,
        max_length=10,
        help_text=_("Subdivision code, e.g. BY (Bavaria), HH (Hamburg), ENG (England)."),
    )
    warn_at_percent = forms.IntegerField(
        label=_("Warn when this percentage of the target is used"),
        initial=80,
        min_value=1,
        max_value=99,
        required=False,
    )

    def __init__(self, *args: Any, instance: SlaPolicy | None = None, **kwargs: Any) -> None:
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(instance)
        super().__init__(*args, **kwargs)
        self.instance = instance
        for day in WEEKDAY_NUMBERS:
            self.fields[hours_field(day)] = forms.CharField(
                label=WEEKDAYS[day],
                required=False,
                widget=forms.TextInput(attrs={"placeholder": "08:00-17:00"}),
            )
        for priority, label in PRIORITIES:
            first, resolution = target_fields(priority)
            self.fields[first] = forms.IntegerField(
                label=_("%(priority)s: first response (business minutes)") % {"priority": label},
                required=False,
            )
            self.fields[resolution] = forms.IntegerField(
                label=_("%(priority)s: resolution (business minutes)") % {"priority": label},
                required=False,
            )

    @staticmethod
    def initial_from(policy: SlaPolicy) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "name": policy.name,
            "is_default": policy.is_default,
            "holidays": "\n".join(policy.holidays),
            "holiday_country": policy.holiday_country,
            "holiday_subdivision": policy.holiday_subdivision,
            "warn_at_percent": policy.warn_at_percent,
        }
        for day in WEEKDAY_NUMBERS:
            initial[hours_field(day)] = ", ".join(
                f"{span['start']}-{span['end']}"
                for span in policy.business_hours
                if span["weekday"] == day
            )
        for target in policy.targets:
            first, resolution = target_fields(target["priority"])
            initial[first] = target["first_response_minutes"]
            initial[resolution] = target["resolution_minutes"]
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for day in WEEKDAY_NUMBERS:
            name = hours_field(day)
            if name in data:
                try:
                    data[name] = parse_intervals(data[name] or "")
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return data

    def hour_fields(self) -> list[forms.BoundField]:
        return [self[hours_field(day)] for day in WEEKDAY_NUMBERS]

    def target_rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [
            (str(label), self[target_fields(priority)[0]], self[target_fields(priority)[1]])
            for priority, label in PRIORITIES
        ]

    def values(self) -> dict[str, Any]:
        """The service's input; empty target rows mean "no target for this priority"."""
        data = self.cleaned_data
        targets = []
        for priority, _label in PRIORITIES:
            first, resolution = (data.get(name) for name in target_fields(priority))
            if first is None and resolution is None:
                continue
            targets.append(
                {
                    "priority": priority,
                    "first_response_minutes": first,
                    "resolution_minutes": resolution,
                }
            )
        return {
            "name": data["name"],
            "is_default": data["is_default"],
            "business_hours": [
                {"weekday": day, "start": start, "end": end}
                for day in WEEKDAY_NUMBERS
                for start, end in data[hours_field(day)]
            ],
            "holidays": [
                day for day in HOLIDAY_SEPARATORS.split(data["holidays"] or "") if day.strip()
            ],
            "holiday_country": data.get("holiday_country") or "",
            "holiday_subdivision": data.get("holiday_subdivision") or "",
            "warn_at_percent": data.get("warn_at_percent") or DEFAULT_WARN_AT_PERCENT,
            "targets": targets,
        }

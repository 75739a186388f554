"""Factories of the SLA area."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from agencydesk.sla.models import SlaPolicy

OFFICE_HOURS = [{"weekday": day, "start": "08:00", "end": "17:00"} for day in range(5)]
TARGETS = [
    {"priority": "urgent", "first_response_minutes": 30, "resolution_minutes": 240},
    {"priority": "high", "first_response_minutes": 60, "resolution_minutes": 480},
    {"priority": "medium", "first_response_minutes": 240, "resolution_minutes": 960},
]


class SlaPolicyFactory(DjangoModelFactory):
    """Monday to Friday 08:00-17:00 (the tenant's time), no target for ``low``."""

    class Meta:
        model = SlaPolicy

    name = factory.Sequence(lambda n: f"Policy {n}")
    business_hours = factory.LazyFunction(lambda: [dict(span) for span in OFFICE_HOURS])
    holidays = factory.LazyFunction(list)
    targets = factory.LazyFunction(lambda: [dict(target) for target in TARGETS])

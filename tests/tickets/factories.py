"""Factories of the tickets area (shared ones live in tests/factories.py)."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from agencydesk.tickets.models import CannedReply, CustomField, FieldKind
from tests.factories import TicketTypeFactory


class CustomFieldFactory(DjangoModelFactory):
    class Meta:
        model = CustomField

    ticket_type = factory.SubFactory(TicketTypeFactory)
    key = factory.Sequence(lambda n: f"field_{n}")
    label = factory.Sequence(lambda n: {"de": f"Feld {n}", "en": f"Field {n}"})
    kind = FieldKind.TEXT
    required = False
    portal_visible = True


class CannedReplyFactory(DjangoModelFactory):
    """A tenant-wide canned reply unless ``owner`` is given."""

    class Meta:
        model = CannedReply

    title = factory.Sequence(lambda n: f"Answer {n}")
    body = "Hello {requester_name}, about {reference}: done. {agent_name}"

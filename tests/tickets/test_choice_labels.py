"""A ticket's status and priority labels: one look-up, the same text as Django's own."""

from __future__ import annotations

import pytest
from django.utils import translation

from agencydesk.tickets.models import Priority, Status, Ticket


@pytest.mark.parametrize("language", ["en", "de", "fr"])
@pytest.mark.parametrize("status", [*Status.values, "unknown"])
@pytest.mark.parametrize("priority", [*Priority.values, None, "unknown"])
def test_given_any_value_when_its_label_is_shown_then_as_django_would_show_it(
    language, status, priority
):
    ticket = Ticket(status=status, priority=priority)

    with translation.override(language):
        assert ticket.get_status_display() == ticket._get_FIELD_display(
            Ticket._meta.get_field("status")
        )
        assert ticket.get_priority_display() == ticket._get_FIELD_display(
            Ticket._meta.get_field("priority")
        )

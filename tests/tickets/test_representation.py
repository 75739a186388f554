"""The ticket's JSON (API answer and webhook body): its fields are built once per class and
language and copied per instance, so one answer's bound fields never leak into another's."""

from __future__ import annotations

import pytest
from django.utils import translation
from rest_framework import serializers

from agencydesk.tickets.representation import TicketSerializer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_given_two_answers_then_each_has_fields_of_its_own_equal_to_the_model_built_ones(
    tenant, make_ticket, language
):
    ticket = make_ticket()

    with translation.override(language):
        first, second = TicketSerializer(ticket), TicketSerializer(ticket)

        assert first.fields["title"] is not second.fields["title"]
        assert first.fields["title"].parent is first and second.fields["title"].parent is second
        uncached = serializers.ModelSerializer.get_fields(TicketSerializer())
        assert {name: repr(field) for name, field in first.get_fields().items()} == {
            name: repr(field) for name, field in uncached.items()
        }
        assert first.data == second.data

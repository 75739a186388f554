"""Search in a French tenant: the ``french`` text-search configuration, both for the vector
and for the query, so plural and singular forms find each other."""

from __future__ import annotations

import pytest
from django.db import connection

from agencydesk.tickets.models import Ticket
from agencydesk.tickets.search import (
    search_config,
    ticket_search_vector_recompute,
    tickets_matching,
)
from tenants.models import Tenant
from tests.factories import TicketFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def french_tenant(tenant):
    """alpha as a French tenant; the connection reads the language from the tenant row, as
    under ``schema_context`` (the session-wide tenant object itself stays German)."""
    Tenant.objects.filter(pk=tenant.pk).update(language="fr")
    connection.set_schema(tenant.schema_name)
    yield
    connection.set_tenant(tenant)


def test_given_a_french_tenant_when_searching_then_french_stemming_matches(french_tenant):
    ticket = TicketFactory(title="Fuites d’eau dans les cuisines", description="")
    ticket_search_vector_recompute(ticket_id=ticket.pk)

    found = [t.number for t in tickets_matching(Ticket.objects.all(), "fuite cuisine")]

    assert search_config() == "french"
    assert found == [ticket.number]

"""The staff site picker: the customer's sites as a tree, each option with its full path."""

from __future__ import annotations

import re

import pytest

from agencydesk.staff.forms import TicketCreateForm
from tests.factories import CustomerFactory, SiteFactory

pytestmark = pytest.mark.django_db


def test_given_a_block_with_units_when_the_new_ticket_form_renders_then_units_follow_the_block(
    tenant,
):
    customer = CustomerFactory()
    block = SiteFactory(customer=customer, name="Block B")
    SiteFactory(customer=customer, name="Unit 2", parent=block, ancestors=[block.pk])
    SiteFactory(customer=customer, name="Annex")
    hub = SiteFactory(customer=None, name="Harbour Hub")
    hub.served_customers.add(customer)

    html = str(TicketCreateForm(initial={"customer": customer.pk})["site"])

    paths = re.findall(r'data-path="([^"]+)"', html)
    assert paths == ["Annex", "Block B", "Block B › Unit 2", "Harbour Hub"]
    assert "data-site-tree" in html

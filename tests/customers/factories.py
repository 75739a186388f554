"""Factories for portal settings (customers app)."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from agencydesk.customers.models import (
    CustomerUserTicketTypeRule,
    PortalSettings,
    PortalTicketTypeRule,
)
from tests.factories import CustomerFactory, CustomerUserFactory, TicketTypeFactory


class PortalSettingsFactory(DjangoModelFactory):
    class Meta:
        model = PortalSettings
        django_get_or_create = ("customer",)

    customer = factory.SubFactory(CustomerFactory)
    show_resolution_report = False
    notify_by_default = True


class PortalTicketTypeRuleFactory(DjangoModelFactory):
    """By default: the customer's users may see and create the type."""

    class Meta:
        model = PortalTicketTypeRule

    customer = factory.SubFactory(CustomerFactory)
    ticket_type = factory.SubFactory(TicketTypeFactory)
    can_see = True
    can_create = True


class CustomerUserTicketTypeRuleFactory(DjangoModelFactory):
    class Meta:
        model = CustomerUserTicketTypeRule

    customer_user = factory.SubFactory(CustomerUserFactory)
    ticket_type = factory.SubFactory(TicketTypeFactory)
    can_see = True
    can_create = True


class ContactFactory(CustomerUserFactory):
    """A customer's person without portal access: no usable password, no portal."""

    user = factory.SubFactory(
        "tests.factories.UserFactory", role="customer", password=None, name="Carl Caller"
    )
    portal_access = False
    phone = "+49 30 1234567"

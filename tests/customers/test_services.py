"""Portal settings are written through customers.services only."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agencydesk.customers.models import CustomerUserTicketTypeRule, PortalTicketTypeRule
from agencydesk.customers.services import (
    TypeRule,
    customer_user_ticket_types_narrow,
    portal_settings_allow_all_types,
    portal_settings_change,
)
from agencydesk.tickets.portal_access import portal_ticket_types_for
from tests.customers.factories import PortalTicketTypeRuleFactory
from tests.factories import CustomerFactory, CustomerUserFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db


def rules_of(customer):
    return {
        (rule.ticket_type_id, rule.can_see, rule.can_create)
        for rule in PortalTicketTypeRule.objects.filter(customer=customer)
    }


def test_given_create_without_see_when_saving_then_see_is_implied(tenant):
    customer = CustomerFactory()
    ticket_type = TicketTypeFactory()

    portal_settings_change(
        customer=customer,
        ticket_types=[TypeRule(ticket_type_id=ticket_type.pk, can_see=False, can_create=True)],
    )

    assert rules_of(customer) == {(ticket_type.pk, True, True)}


def test_given_existing_rules_when_saving_new_list_then_they_are_replaced(tenant):
    customer = CustomerFactory()
    dropped = PortalTicketTypeRuleFactory(customer=customer).ticket_type
    kept = TicketTypeFactory()

    settings_row = portal_settings_change(
        customer=customer,
        ticket_types=[
            TypeRule(ticket_type_id=kept.pk, can_see=True, can_create=False),
            TypeRule(ticket_type_id=dropped.pk, can_see=False, can_create=False),
        ],
        show_resolution_report=True,
    )

    assert rules_of(customer) == {(kept.pk, True, False)}
    assert settings_row.show_resolution_report is True
    assert settings_row.notify_by_default is True


def test_given_unknown_type_when_saving_then_error_and_nothing_changed(tenant):
    customer = CustomerFactory()
    existing = PortalTicketTypeRuleFactory(customer=customer)

    with pytest.raises(ValidationError) as error:
        portal_settings_change(
            customer=customer,
            ticket_types=[TypeRule(ticket_type_id=999_999, can_see=True, can_create=True)],
        )

    assert "ticket_types" in error.value.message_dict
    assert rules_of(customer) == {(existing.ticket_type_id, True, True)}


def test_given_create_without_see_row_when_inserting_then_database_refuses(tenant):
    with pytest.raises(IntegrityError), transaction.atomic():
        PortalTicketTypeRuleFactory(can_see=False, can_create=True)


def test_given_narrowing_when_cleared_then_customer_rules_apply_again(tenant):
    customer = CustomerFactory()
    first = PortalTicketTypeRuleFactory(customer=customer).ticket_type
    second = PortalTicketTypeRuleFactory(customer=customer).ticket_type
    profile = CustomerUserFactory(customer=customer)

    customer_user_ticket_types_narrow(
        customer_user=profile,
        ticket_types=[TypeRule(ticket_type_id=first.pk, can_see=True, can_create=False)],
    )
    narrowed = list(portal_ticket_types_for(profile.user))
    customer_user_ticket_types_narrow(customer_user=profile, ticket_types=None)
    profile.user.__dict__.pop("_portal_profile_cache", None)

    assert narrowed == [first]
    assert set(portal_ticket_types_for(profile.user)) == {first, second}
    assert not CustomerUserTicketTypeRule.objects.filter(customer_user=profile).exists()


def test_given_new_customer_when_allowing_all_types_then_every_active_type_is_creatable(tenant):
    customer = CustomerFactory()
    active, inactive = TicketTypeFactory(), TicketTypeFactory(is_active=False)

    portal_settings_allow_all_types(customer=customer)

    ids = {type_id for type_id, _see, _create in rules_of(customer)}
    assert active.pk in ids
    assert inactive.pk not in ids
    assert all(see and create for _id, see, create in rules_of(customer))

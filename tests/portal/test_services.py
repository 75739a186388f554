"""portal.services.portal_ticket_report: a customer user's report goes through the workflow."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from agencydesk.portal.services import portal_ticket_report
from agencydesk.tickets.models import Ticket, TicketFollower, TicketType, Visibility
from tests.customers.factories import PortalSettingsFactory
from tests.portal.conftest import World
from tests.tickets.conftest import png_upload
from tests.tickets.factories import CustomFieldFactory

pytestmark = pytest.mark.django_db


def report(world: World, **overrides: object) -> Ticket:
    arguments: dict[str, object] = {
        "user": world.member,
        "site_id": world.site.pk,
        "ticket_type_id": world.type_ok.pk,
        "title": "Window in the stairwell is broken",
        "visibility": Visibility.SITE,
        **overrides,
    }
    return portal_ticket_report(**arguments)  # type: ignore[arg-type]


def test_given_no_type_when_reporting_then_intake_type_no_priority_and_triage(world: World):
    ticket = report(world, ticket_type_id=None)

    assert ticket.ticket_type == TicketType.objects.get(is_intake=True)
    assert (ticket.priority, ticket.needs_triage, ticket.source) == (None, True, "portal")
    assert (ticket.requester, ticket.site, ticket.customer) == (
        world.member,
        world.site,
        world.customer,
    )


def test_given_no_type_and_no_intake_type_when_reporting_then_type_is_required(world: World):
    TicketType.objects.filter(is_intake=True).update(is_intake=False)

    with pytest.raises(ValidationError) as error:
        report(world, ticket_type_id=None)

    assert "ticket_type" in error.value.message_dict


def test_given_customer_default_off_when_reporting_then_not_notified(world: World):
    PortalSettingsFactory(customer=world.customer, notify_by_default=False)

    ticket = report(world)

    assert TicketFollower.objects.get(ticket=ticket, user=world.member).notify is False


def test_given_explicit_choice_when_reporting_then_it_wins_over_the_default(world: World):
    PortalSettingsFactory(customer=world.customer, notify_by_default=False)

    ticket = report(world, notify=True)

    assert TicketFollower.objects.get(ticket=ticket, user=world.member).notify is True


def test_given_staff_only_field_when_reporting_then_refused_and_nothing_created(world: World):
    CustomFieldFactory(ticket_type=world.type_ok, key="cost_centre", portal_visible=False)
    count = Ticket.objects.count()

    with pytest.raises(ValidationError) as error:
        report(world, custom_fields={"cost_centre": "4711"})

    assert "custom_fields" in error.value.message_dict
    assert Ticket.objects.count() == count


def test_given_portal_field_and_photo_when_reporting_then_both_are_kept(world: World):
    CustomFieldFactory(ticket_type=world.type_ok, key="floor")

    ticket = report(world, custom_fields={"floor": "3rd"}, attachments=[png_upload()])

    assert ticket.custom_fields == {"floor": "3rd"}
    assert ticket.attachments.get().content_type == "image/png"


def test_given_unpublished_visibility_when_reporting_then_refused(world: World):
    with pytest.raises(ValidationError) as error:
        report(world, visibility=Visibility.UNPUBLISHED)

    assert "visibility" in error.value.message_dict

"""The portal rules in tickets.portal_access, one rule per test."""

from __future__ import annotations

import pytest
from django.http import Http404

from agencydesk.accounts.models import User
from agencydesk.customers.models import CustomerRole
from agencydesk.tickets.models import TicketType, Visibility
from agencydesk.tickets.portal_access import (
    portal_attachments_for,
    portal_can_create_tickets,
    portal_comment_for_edit,
    portal_comments_for,
    portal_intake_type_for,
    portal_report_enabled,
    portal_sites_for,
    portal_ticket_area_enabled,
    portal_ticket_for,
    portal_ticket_types_for,
    portal_tickets_for,
)
from tests.customers.factories import (
    CustomerUserTicketTypeRuleFactory,
    PortalSettingsFactory,
    PortalTicketTypeRuleFactory,
)
from tests.factories import (
    CommentFactory,
    CustomerFactory,
    CustomerUserFactory,
    SiteFactory,
    StaffFactory,
    TicketFactory,
    TicketTypeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer(tenant):
    return CustomerFactory()


@pytest.fixture
def site(customer):
    return SiteFactory(customer=customer)


@pytest.fixture
def other_site(customer):
    return SiteFactory(customer=customer)


@pytest.fixture
def ticket_type(customer):
    return PortalTicketTypeRuleFactory(customer=customer).ticket_type


@pytest.fixture
def member(customer, site):
    profile = CustomerUserFactory(customer=customer, all_sites=False)
    profile.sites.add(site)
    return profile.user


@pytest.fixture
def colleague(customer):
    return CustomerUserFactory(customer=customer).user


def fresh(user):
    """The user as a new request would load it (the portal profile is cached per object)."""
    return User.objects.get(pk=user.pk)


def visible_numbers(user):
    return set(portal_tickets_for(user).values_list("number", flat=True))


def test_given_member_when_listing_then_own_private_ticket_is_visible(member, site, ticket_type):
    ticket = TicketFactory(site=site, ticket_type=ticket_type, requester=member)

    assert visible_numbers(member) == {ticket.number}


def test_given_site_ticket_of_colleague_when_listing_then_member_sees_it(
    member, colleague, site, ticket_type
):
    ticket = TicketFactory(
        site=site, ticket_type=ticket_type, requester=colleague, visibility=Visibility.SITE
    )

    assert visible_numbers(member) == {ticket.number}


def test_given_private_ticket_of_colleague_when_listing_then_member_does_not_see_it(
    member, colleague, site, ticket_type
):
    TicketFactory(site=site, ticket_type=ticket_type, requester=colleague)

    assert visible_numbers(member) == set()


def test_given_site_ticket_on_a_site_the_member_lacks_when_listing_then_hidden(
    member, colleague, other_site, ticket_type
):
    TicketFactory(
        site=other_site, ticket_type=ticket_type, requester=colleague, visibility=Visibility.SITE
    )

    assert visible_numbers(member) == set()


def test_given_manager_when_listing_then_private_tickets_of_all_sites_are_visible(
    customer, colleague, site, other_site, ticket_type
):
    manager = CustomerUserFactory(
        customer=customer, role=CustomerRole.MANAGER, all_sites=False
    ).user
    first = TicketFactory(site=site, ticket_type=ticket_type, requester=colleague)
    second = TicketFactory(site=other_site, ticket_type=ticket_type, requester=colleague)

    assert visible_numbers(manager) == {first.number, second.number}


def test_given_unpublished_own_ticket_when_listing_then_hidden(member, site, ticket_type):
    TicketFactory(
        site=site, ticket_type=ticket_type, requester=member, visibility=Visibility.UNPUBLISHED
    )

    assert visible_numbers(member) == set()


def test_given_type_without_can_see_when_listing_then_hidden(member, site):
    TicketFactory(site=site, ticket_type=TicketTypeFactory(), requester=member)

    assert visible_numbers(member) == set()


def test_given_intake_ticket_when_listing_then_visible_until_triaged(member, site):
    intake = TicketType.objects.filter(is_intake=True).first() or TicketTypeFactory(is_intake=True)
    ticket = TicketFactory(site=site, ticket_type=intake, requester=member, priority=None)

    assert visible_numbers(member) == {ticket.number}


def test_given_ticket_of_other_customer_when_listing_then_hidden(member):
    other_rule = PortalTicketTypeRuleFactory()
    other_site = SiteFactory(customer=other_rule.customer)
    TicketFactory(site=other_site, ticket_type=other_rule.ticket_type, requester=member)

    assert visible_numbers(member) == set()


def test_given_own_ticket_without_site_when_listing_then_only_requester_sees_it(
    customer, member, colleague, ticket_type
):
    ticket = TicketFactory(site=None, customer=customer, ticket_type=ticket_type, requester=member)

    assert visible_numbers(member) == {ticket.number}
    assert visible_numbers(colleague) == set()


def test_given_narrowed_user_when_listing_types_then_intersection_applies(customer, member):
    kept = PortalTicketTypeRuleFactory(customer=customer).ticket_type
    PortalTicketTypeRuleFactory(customer=customer)  # not in the user's narrowing
    widened = TicketTypeFactory()  # not enabled for the customer at all
    profile = member.customer_profile
    profile.narrow_ticket_types = True
    profile.save()
    CustomerUserTicketTypeRuleFactory(customer_user=profile, ticket_type=kept)
    CustomerUserTicketTypeRuleFactory(customer_user=profile, ticket_type=widened)

    assert list(portal_ticket_types_for(member)) == [kept]


def test_given_see_only_type_when_listing_creatable_types_then_it_is_missing(
    customer, member, site, ticket_type
):
    see_only = PortalTicketTypeRuleFactory(customer=customer, can_create=False).ticket_type
    inactive = PortalTicketTypeRuleFactory(
        customer=customer, ticket_type=TicketTypeFactory(is_active=False)
    ).ticket_type

    creatable = set(portal_ticket_types_for(member, site=site, purpose="create"))
    visible = set(portal_ticket_types_for(member, purpose="see"))

    assert creatable == {ticket_type}
    assert visible == {ticket_type, see_only, inactive}


def test_given_site_of_another_user_when_listing_types_then_none(member, other_site, ticket_type):
    assert not portal_ticket_types_for(member, site=other_site, purpose="create").exists()


def test_given_site_subset_when_listing_sites_then_only_chosen_active_sites(
    customer, member, site, other_site
):
    foreign_site = SiteFactory()
    inactive_site = SiteFactory(customer=customer, is_active=False)
    member.customer_profile.sites.add(foreign_site, inactive_site)

    assert list(portal_sites_for(member)) == [site]


def test_given_all_sites_user_when_listing_sites_then_every_active_site(
    colleague, site, other_site
):
    assert set(portal_sites_for(colleague)) == {site, other_site}


def test_given_staff_user_when_asking_then_portal_scope_is_empty(site, ticket_type):
    staff = StaffFactory()
    TicketFactory(site=site, ticket_type=ticket_type, requester=staff)

    assert visible_numbers(staff) == set()
    assert not portal_sites_for(staff).exists()
    assert not portal_report_enabled(staff)


def test_given_inactive_customer_when_listing_then_nothing(customer, member, site, ticket_type):
    TicketFactory(site=site, ticket_type=ticket_type, requester=member)
    customer.is_active = False
    customer.save()
    member = fresh(member)

    assert visible_numbers(member) == set()


def test_given_invisible_ticket_when_fetching_by_number_then_404(
    member, colleague, site, ticket_type
):
    hidden = TicketFactory(site=site, ticket_type=ticket_type, requester=colleague)

    with pytest.raises(Http404):
        portal_ticket_for(member, hidden.number)
    with pytest.raises(Http404):
        portal_ticket_for(member, "not-a-number")


def test_given_visible_ticket_when_fetching_by_number_then_returned(member, site, ticket_type):
    ticket = TicketFactory(site=site, ticket_type=ticket_type, requester=member)

    assert portal_ticket_for(member, str(ticket.number)) == ticket


def test_given_internal_note_when_listing_comments_then_hidden(member, site, ticket_type):
    ticket = TicketFactory(site=site, ticket_type=ticket_type, requester=member)
    reply = CommentFactory(ticket=ticket)
    CommentFactory(ticket=ticket, internal=True)

    assert list(portal_comments_for(member, ticket)) == [reply]
    assert not portal_attachments_for(member, ticket).exists()


def test_given_comment_of_someone_else_when_editing_then_404(member, site, ticket_type):
    ticket = TicketFactory(site=site, ticket_type=ticket_type, requester=member)
    staff_reply = CommentFactory(ticket=ticket)
    own = CommentFactory(ticket=ticket, author=member)

    assert portal_comment_for_edit(member, ticket, own.pk) == own
    with pytest.raises(Http404):
        portal_comment_for_edit(member, ticket, staff_reply.pk)


def test_given_no_visible_type_when_asking_then_ticket_area_is_hidden(member):
    assert not portal_ticket_area_enabled(member)
    assert not portal_can_create_tickets(member)
    assert portal_intake_type_for(member) is None


def test_given_creatable_type_when_asking_then_ticket_area_and_intake_are_offered(
    member, ticket_type
):
    intake = TicketType.objects.filter(is_intake=True).first()

    assert portal_ticket_area_enabled(member)
    assert portal_can_create_tickets(member)
    assert portal_intake_type_for(member) == intake


def test_given_report_switched_on_when_asking_then_enabled(customer, member):
    assert not portal_report_enabled(member)

    PortalSettingsFactory(customer=customer, show_resolution_report=True)
    member = fresh(member)

    assert portal_report_enabled(member)

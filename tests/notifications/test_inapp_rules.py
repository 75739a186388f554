"""Who finds what in their bell: ticket events → in-app notifications (in the transaction),
the portal rules, integration accounts, preferences, and the service other features call."""

from __future__ import annotations

import pytest

from agencydesk.customers.models import PortalTicketTypeRule
from agencydesk.notifications.inapp import in_app_notify, notifications_for, unread_count
from agencydesk.notifications.models import InAppNotification, NotificationKind
from agencydesk.notifications.preferences import notification_preferences_set
from agencydesk.tickets.events import publish
from agencydesk.tickets.models import Status, Visibility
from agencydesk.tickets.workflow import comment_add, ticket_change, ticket_follow
from agencydesk.tickets.workflow.trash import ticket_trash
from tests.customers.factories import PortalTicketTypeRuleFactory
from tests.factories import (
    CustomerUserFactory,
    IntegrationUserFactory,
    StaffFactory,
    TeamFactory,
    TenantAdminFactory,
)

pytestmark = pytest.mark.django_db


def kinds_of(user) -> list[str]:
    return list(InAppNotification.objects.filter(recipient=user).values_list("kind", flat=True))


@pytest.fixture
def visible_type(ticket_type, customer):
    PortalTicketTypeRuleFactory(customer=customer, ticket_type=ticket_type)
    return ticket_type


@pytest.fixture
def published(make_ticket, customer_user, visible_type):
    return make_ticket(requester=customer_user, visibility=Visibility.SITE)


def test_given_a_ticket_when_assigned_then_the_assignee_finds_it_in_the_bell(make_ticket, staff):
    agent = StaffFactory()
    ticket = make_ticket()

    ticket_change(actor=staff, ticket=ticket, assignee=agent)

    assert kinds_of(agent) == [NotificationKind.ASSIGNED]
    assert kinds_of(staff) == []  # never the person who made the change
    assert unread_count(agent) == 1


def test_given_an_assignee_when_the_customer_replies_then_the_assignee_is_told(
    published, staff, customer_user
):
    agent = StaffFactory()
    ticket_change(actor=staff, ticket=published, assignee=agent)

    comment_add(actor=customer_user, ticket=published, body="Still cold.", source="portal")

    assert kinds_of(agent) == [NotificationKind.PUBLIC_REPLY, NotificationKind.ASSIGNED]
    notification = notifications_for(agent).first()
    assert notification.actor == customer_user
    assert notification.ticket == published


def test_given_a_published_ticket_when_staff_reply_then_the_following_requester_is_told(
    published, staff, customer_user
):
    comment_add(actor=staff, ticket=published, body="We are on it.")

    assert kinds_of(customer_user) == [NotificationKind.PUBLIC_REPLY]


def test_given_an_unpublished_ticket_when_its_status_changes_then_no_customer_is_told(
    make_ticket, staff, customer_user, visible_type
):
    ticket = make_ticket(requester=customer_user, visibility=Visibility.UNPUBLISHED)

    ticket_change(actor=staff, ticket=ticket, status=Status.SOLVED)
    direct = in_app_notify(user=customer_user, kind=NotificationKind.PUBLIC_REPLY, ticket=ticket)

    assert direct is None
    assert kinds_of(customer_user) == []


def test_given_a_type_the_customer_may_not_see_when_staff_reply_then_no_customer_is_told(
    make_ticket, staff, customer_user
):
    ticket = make_ticket(requester=customer_user, visibility=Visibility.SITE)  # no portal rule

    comment_add(actor=staff, ticket=ticket, body="Done.")

    assert kinds_of(customer_user) == []


def test_given_an_internal_note_then_customers_are_not_told_and_mentions_are(
    published, staff, customer_user
):
    jana = StaffFactory(email="jana.becker@agency.example")
    other = StaffFactory(email="tom@agency.example")

    comment_add(
        actor=staff, ticket=published, body="@jana.becker please check. @nobody", internal=True
    )

    assert kinds_of(customer_user) == []
    assert kinds_of(jana) == [NotificationKind.MENTION]
    assert kinds_of(other) == []


def test_given_a_status_change_then_the_requester_following_it_is_told(
    published, staff, customer_user
):
    ticket_change(actor=staff, ticket=published, status=Status.SOLVED)

    assert kinds_of(customer_user) == [NotificationKind.STATUS_CHANGED]


def test_given_a_requester_who_unfollowed_when_staff_reply_then_they_are_not_told(
    published, staff, customer_user
):
    ticket_follow(ticket=published, user=customer_user, notify=False)

    comment_add(actor=staff, ticket=published, body="Done.")

    assert kinds_of(customer_user) == []


def test_given_in_app_turned_off_for_replies_then_replies_stay_out_of_the_bell(
    published, staff, customer_user
):
    notification_preferences_set(
        user=customer_user, choices={(NotificationKind.PUBLIC_REPLY, "in_app"): False}
    )

    comment_add(actor=staff, ticket=published, body="Done.")
    ticket_change(actor=staff, ticket=published, status=Status.SOLVED)

    assert kinds_of(customer_user) == [NotificationKind.STATUS_CHANGED]


def test_given_an_integration_account_when_named_then_it_is_never_notified(make_ticket, staff):
    crm = IntegrationUserFactory()
    ticket = make_ticket()

    assert in_app_notify(user=crm, kind=NotificationKind.SLA_WARNING, ticket=ticket) is None
    assert kinds_of(crm) == []


def test_given_sla_events_through_ticket_events_then_assignee_lead_and_site_manager_are_told(
    make_ticket, staff, site
):
    agent, lead = StaffFactory(), StaffFactory()
    ticket = make_ticket(assignee=agent, team=TeamFactory(lead=lead))
    InAppNotification.objects.all().delete()

    publish("sla_warning", ticket_id=ticket.pk, actor_id=None)
    publish("sla_breached", ticket_id=ticket.pk, actor_id=None)

    for told in (agent, lead, site.manager):
        assert sorted(kinds_of(told)) == ["sla_breached", "sla_warning"]


def test_given_the_service_when_another_feature_calls_it_then_one_entry_is_written(
    make_ticket, staff
):
    lead = TenantAdminFactory()
    ticket = make_ticket()

    created = in_app_notify(user=lead, kind=NotificationKind.SLA_WARNING, ticket=ticket)

    assert created is not None
    assert kinds_of(lead) == [NotificationKind.SLA_WARNING]


def test_given_a_customer_outside_the_ticket_when_the_service_is_called_then_nothing_is_written(
    published, customer
):
    stranger = CustomerUserFactory().user  # another customer

    assert (
        in_app_notify(user=stranger, kind=NotificationKind.PUBLIC_REPLY, ticket=published) is None
    )


def test_given_a_trashed_ticket_then_its_notifications_leave_the_bell(published, staff):
    agent = StaffFactory()
    ticket_change(actor=staff, ticket=published, assignee=agent)
    assert unread_count(agent) == 1

    ticket_trash(actor=TenantAdminFactory(), ticket=published)

    assert unread_count(agent) == 0
    assert list(notifications_for(agent)) == []


def test_given_a_customer_who_lost_access_then_old_notifications_leave_the_bell(
    published, staff, customer_user, customer
):
    comment_add(actor=staff, ticket=published, body="Done.")
    assert unread_count(customer_user) == 1

    PortalTicketTypeRule.objects.filter(customer=customer).delete()

    assert unread_count(customer_user) == 0

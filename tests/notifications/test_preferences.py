"""Per-user preferences per kind and channel: the email outbox and the bell ask the same
choices; no stored choice means "on"."""

from __future__ import annotations

import pytest

from agencydesk.notifications.models import (
    Channel,
    InAppNotification,
    NotificationKind,
    OutboundMessage,
)
from agencydesk.notifications.preferences import notification_preferences_set, preferences_of
from agencydesk.tickets.workflow import ticket_change
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_given_no_choices_then_every_kind_is_on_in_both_channels(staff, customer_user):
    assert all(preferences_of(staff).values())
    assert len(preferences_of(staff)) == len(NotificationKind) * len(Channel)
    assert set(preferences_of(customer_user)) == {
        (kind, channel)
        for kind in ("public_reply", "status_changed")
        for channel in ("in_app", "email")
    }


def test_given_email_off_for_assignments_when_assigned_then_only_the_bell_tells(make_ticket, staff):
    agent = StaffFactory()
    notification_preferences_set(
        user=agent, choices={(NotificationKind.ASSIGNED, Channel.EMAIL): False}
    )

    ticket_change(actor=staff, ticket=make_ticket(), assignee=agent)

    assert not OutboundMessage.objects.filter(recipient=agent).exists()
    assert InAppNotification.objects.filter(recipient=agent, kind="assigned").exists()


def test_given_in_app_off_for_assignments_when_assigned_then_only_email_tells(make_ticket, staff):
    agent = StaffFactory()
    notification_preferences_set(
        user=agent, choices={(NotificationKind.ASSIGNED, Channel.IN_APP): False}
    )

    ticket_change(actor=staff, ticket=make_ticket(), assignee=agent)

    assert OutboundMessage.objects.filter(recipient=agent, kind="assigned").exists()
    assert not InAppNotification.objects.filter(recipient=agent).exists()


def test_given_a_customer_when_choosing_a_staff_only_kind_then_it_is_ignored(customer_user):
    stored = notification_preferences_set(
        user=customer_user, choices={(NotificationKind.NEW_TICKET, Channel.EMAIL): False}
    )
    assert (NotificationKind.NEW_TICKET, Channel.EMAIL) not in stored
    assert not customer_user.notification_preferences.exists()


def test_given_a_choice_when_set_twice_then_the_last_one_counts(staff):
    key = (NotificationKind.MENTION, Channel.IN_APP)
    notification_preferences_set(user=staff, choices={key: False})
    notification_preferences_set(user=staff, choices={key: True})
    assert preferences_of(staff)[key] is True
    assert staff.notification_preferences.count() == 1

"""The bell's count and the lists cost the same number of queries for few and many rows,
and the write path does not grow with the number of people told."""

from __future__ import annotations

import pytest
from django.urls import reverse

from agencydesk.notifications.inapp import in_app_notify_many
from agencydesk.notifications.models import NotificationKind
from tests.factories import CustomerUserFactory, StaffFactory, TicketFactory
from tests.notifications.factories import InAppNotificationFactory

pytestmark = pytest.mark.django_db


def queries_of(django_assert_max_num_queries, action) -> int:
    with django_assert_max_num_queries(1000) as context:
        action()
    return len(context.captured_queries)


def _notify(user, count: int) -> None:
    for _index in range(count):
        InAppNotificationFactory(recipient=user, actor=StaffFactory())


def test_given_1_or_30_notifications_then_the_count_endpoint_costs_one_count_query(
    client, staff, django_assert_max_num_queries
):
    client.force_login(staff)
    counts = []
    for rows in (1, 30):
        _notify(staff, rows)
        with django_assert_max_num_queries(1000) as context:
            client.get(reverse("staff:bell_count"))
        counts.append(len(context.captured_queries))
        own = [q["sql"] for q in context.captured_queries if "notifications_" in q["sql"]]
        # Besides the tenant, session and user look-ups every request makes: one COUNT.
        assert len(own) == 1
        assert own[0].startswith("SELECT COUNT(*)")
    assert counts[0] == counts[1]


@pytest.mark.parametrize("url_name", ["staff:notifications"])
def test_given_few_or_many_notifications_when_the_staff_list_is_shown_then_queries_are_the_same(
    client, staff, url_name, django_assert_max_num_queries
):
    client.force_login(staff)
    counts = []
    for rows in (2, 20):
        _notify(staff, rows)
        response = client.get(reverse(url_name))
        assert response.status_code == 200
        counts.append(
            queries_of(django_assert_max_num_queries, lambda: client.get(reverse(url_name)))
        )
    assert counts[0] == counts[1]


def test_given_few_or_many_notifications_when_the_api_lists_them_then_queries_are_the_same(
    api_client, staff, django_assert_max_num_queries
):
    api_client.force_login(staff)
    counts = []
    for rows in (2, 20):
        _notify(staff, rows)
        counts.append(
            queries_of(
                django_assert_max_num_queries, lambda: api_client.get("/api/v1/notifications/")
            )
        )
    assert counts[0] == counts[1]


def test_given_few_or_many_notifications_when_the_portal_lists_them_then_queries_are_the_same(
    client, customer_user, django_assert_max_num_queries
):
    client.force_login(customer_user)
    counts = []
    for rows in (1, 15):
        for _index in range(rows):
            # No ticket: entries about tickets the portal hides are filtered out anyway.
            InAppNotificationFactory(recipient=customer_user, ticket=None, actor=StaffFactory())
        counts.append(
            queries_of(
                django_assert_max_num_queries, lambda: client.get(reverse("portal:notifications"))
            )
        )
        counts.append(
            queries_of(
                django_assert_max_num_queries, lambda: client.get(reverse("portal:bell_count"))
            )
        )
    assert counts[0] == counts[2]
    assert counts[1] == counts[3]


def test_given_2_or_20_recipients_when_notified_then_the_write_costs_the_same(
    customer, django_assert_max_num_queries
):
    counts = []
    ticket = TicketFactory(customer=customer)
    for people in (2, 20):
        users = [StaffFactory() for _index in range(people)]
        users += [CustomerUserFactory(customer=customer).user for _index in range(people)]
        counts.append(
            queries_of(
                django_assert_max_num_queries,
                lambda users=users: in_app_notify_many(
                    users=users, kind=NotificationKind.PUBLIC_REPLY, ticket=ticket
                ),
            )
        )
    assert counts[0] == counts[1]

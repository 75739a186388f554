"""The bell's pages and API: count, list, open/mark read, settings; each user sees only
their own, staff and portal behind their own gates."""

from __future__ import annotations

import pytest
from django.urls import reverse

from agencydesk.notifications.models import InAppNotification, NotificationPreference
from tests.factories import StaffFactory, TenantAdminFactory
from tests.notifications.factories import InAppNotificationFactory

pytestmark = pytest.mark.django_db


def test_given_unread_notifications_when_the_bell_polls_then_it_shows_the_count(client, staff):
    InAppNotificationFactory.create_batch(3, recipient=staff)
    InAppNotificationFactory(recipient=StaffFactory())  # someone else's
    client.force_login(staff)

    response = client.get(reverse("staff:bell_count"))

    assert response.status_code == 200
    assert 'data-count="3"' in response.content.decode()
    assert 'hx-trigger="every ' in response.content.decode()


def test_given_a_signed_out_page_when_the_bell_polls_then_polling_stops(client):
    assert client.get(reverse("staff:bell_count")).status_code == 286


def test_given_a_customer_user_when_polling_the_staff_bell_then_polling_stops(
    client, customer_user
):
    client.force_login(customer_user)
    assert client.get(reverse("staff:bell_count")).status_code == 286


def test_given_the_inbox_then_the_top_bar_has_the_bell(client, staff):
    client.force_login(staff)
    page = client.get(reverse("staff:inbox")).content.decode()
    assert 'data-testid="bell"' in page
    assert reverse("staff:bell_count") in page


def test_given_a_notification_when_opened_then_it_is_read_and_leads_to_the_ticket(
    client, staff, make_ticket
):
    ticket = make_ticket()
    notification = InAppNotificationFactory(recipient=staff, ticket=ticket)
    client.force_login(staff)

    response = client.post(reverse("staff:notification_read", args=[notification.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("staff:ticket", args=[ticket.number])
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_given_someone_elses_notification_when_opened_then_nothing_changes(client, staff):
    foreign = InAppNotificationFactory(recipient=StaffFactory())
    client.force_login(staff)

    client.post(reverse("staff:notification_read", args=[foreign.pk]))

    foreign.refresh_from_db()
    assert foreign.read_at is None


def test_given_unread_ones_when_marking_all_read_then_only_mine_are_read(client, staff):
    InAppNotificationFactory.create_batch(2, recipient=staff)
    other = InAppNotificationFactory(recipient=StaffFactory())
    client.force_login(staff)

    client.post(reverse("staff:notifications_read_all"))

    assert not InAppNotification.objects.filter(recipient=staff, read_at__isnull=True).exists()
    other.refresh_from_db()
    assert other.read_at is None


def test_given_the_settings_page_when_email_for_replies_is_turned_off_then_it_is_stored(
    client, staff
):
    client.force_login(staff)
    form = client.get(reverse("staff:notification_preferences")).context["form"]
    data = {name: "on" for name in form.fields if name != "public_reply__email"}

    response = client.post(reverse("staff:notification_preferences"), data)

    assert response.status_code == 302
    stored = NotificationPreference.objects.get(user=staff, kind="public_reply", channel="email")
    assert stored.enabled is False


def test_given_a_customer_when_opening_the_portal_settings_then_only_their_kinds_are_offered(
    client, customer_user
):
    client.force_login(customer_user)
    form = client.get(reverse("portal:notification_preferences")).context["form"]
    assert sorted(form.fields) == sorted(
        [
            "public_reply__in_app",
            "public_reply__email",
            "status_changed__in_app",
            "status_changed__email",
        ]
    )


def test_given_the_api_when_listing_and_marking_then_only_my_notifications_change(
    api_client, staff, make_ticket
):
    mine = InAppNotificationFactory(recipient=staff, ticket=make_ticket())
    foreign = InAppNotificationFactory(recipient=StaffFactory())
    api_client.force_login(staff)

    listed = api_client.get("/api/v1/notifications/").json()
    assert [row["id"] for row in listed["results"]] == [mine.pk]
    assert listed["results"][0]["ticket"] == mine.ticket.number
    assert api_client.get("/api/v1/notifications/unread-count/").json() == {"count": 1}

    answer = api_client.post(
        "/api/v1/notifications/read/", {"ids": [mine.pk, foreign.pk]}, format="json"
    )

    assert answer.json() == {"marked": 1, "unread": 0}
    foreign.refresh_from_db()
    assert foreign.read_at is None


def test_given_bad_input_when_marking_read_then_a_400_names_the_field(api_client, staff):
    api_client.force_login(staff)
    assert api_client.post("/api/v1/notifications/read/", {}, format="json").status_code == 400
    answer = api_client.post("/api/v1/notifications/read/", {"al": True}, format="json")
    assert answer.status_code == 400
    assert "al" in answer.json()


def test_given_the_portal_api_then_customers_use_it_and_staff_do_not(
    api_client, customer_user, staff
):
    InAppNotificationFactory(recipient=customer_user, ticket=None)
    api_client.force_login(customer_user)
    assert api_client.get("/api/v1/portal/notifications/").json()["count"] == 1
    # Another audience's door answers as if it did not exist.
    assert api_client.get("/api/v1/notifications/").status_code in {403, 404}
    api_client.force_login(staff)
    assert api_client.get("/api/v1/portal/notifications/").status_code in {403, 404}


def test_given_the_portal_then_its_top_bar_has_the_bell_pointing_at_the_portal(
    client, customer_user
):
    client.force_login(customer_user)
    page = client.get(reverse("portal:sites")).content.decode()
    assert 'data-testid="bell"' in page
    assert reverse("portal:bell_count") in page
    assert f'"{reverse("staff:bell_count")}"' not in page


def test_given_support_admin_then_the_notifications_list_opens(client, make_ticket):
    admin_user = TenantAdminFactory(is_staff=True, is_superuser=True)
    InAppNotificationFactory(recipient=admin_user, ticket=make_ticket())
    client.force_login(admin_user)
    response = client.get("/support-admin/notifications/inappnotification/")
    assert response.status_code == 200

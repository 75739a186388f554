"""Staff switch their own availability from the top bar."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_given_an_available_member_when_the_inbox_renders_then_the_switch_shows_available(
    staff_client,
):
    page = staff_client.get("/").content.decode()

    assert 'action="/account/availability/"' in page
    assert 'aria-pressed="true"' in page


def test_given_an_available_member_when_toggling_by_htmx_then_unavailable_and_switch_returned(
    staff_client, staff
):
    response = staff_client.post(
        "/account/availability/", {"is_available": "0"}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert 'aria-pressed="false"' in response.content.decode()
    staff.refresh_from_db()
    assert staff.is_available is False


def test_given_an_away_member_when_switching_on_then_the_absence_ends(staff_client, staff):
    staff.away_until = timezone.now() + dt.timedelta(days=3)
    staff.save()
    assert 'aria-pressed="false"' in staff_client.get("/").content.decode()

    response = staff_client.post("/account/availability/", {"is_available": "1"})

    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.is_available is True and staff.away_until is None


def test_given_a_customer_user_when_posting_the_switch_then_refused(client, customer_user):
    client.force_login(customer_user)

    response = client.post("/account/availability/", {"is_available": "0"})

    assert response.status_code in {302, 403, 404}
    customer_user.refresh_from_db()
    assert customer_user.is_available is True

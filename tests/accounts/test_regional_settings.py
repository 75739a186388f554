"""A user's own regional formats and timezone (the page in the user menu)."""

from __future__ import annotations

import pytest

from agencydesk.accounts.models import User
from tests.factories import CustomerUserFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("audience", ["staff", "customer"])
def test_given_a_user_when_choosing_us_formats_and_a_timezone_then_they_are_stored(
    client, tenant, audience
):
    user = StaffFactory() if audience == "staff" else CustomerUserFactory().user
    client.force_login(user)

    response = client.post(
        "/account/regional/", {"locale": "en-US", "timezone": "America/New_York"}
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.locale, user.timezone) == ("en-US", "America/New_York")


def test_given_an_unknown_timezone_when_saving_then_a_field_error_and_nothing_stored(
    client, tenant
):
    user = StaffFactory(timezone="Europe/Berlin")
    client.force_login(user)

    response = client.post("/account/regional/", {"locale": "", "timezone": "Mars/Olympus"})

    assert response.status_code == 200
    assert "field-error" in response.content.decode()
    assert User.objects.get(pk=user.pk).timezone == "Europe/Berlin"


def test_given_empty_choices_when_saving_then_the_agency_settings_apply_again(client, tenant):
    user = StaffFactory(locale="en-US", timezone="Asia/Tokyo")
    client.force_login(user)

    client.post("/account/regional/", {"locale": "", "timezone": ""})

    user.refresh_from_db()
    assert (user.locale, user.timezone) == ("", "")


def test_given_anonymous_when_opening_the_page_then_redirected_to_login(client, tenant):
    response = client.get("/account/regional/")

    assert response.status_code == 302 and "/login/" in response["Location"]

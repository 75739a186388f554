"""Assignment and SLA-region settings on the configuration pages."""

from __future__ import annotations

import datetime as dt

import pytest

from agencydesk.sla.models import SlaPolicy
from tests.configuration.test_sla_policies import API_POLICY, FORM
from tests.factories import StaffFactory, TeamFactory

pytestmark = pytest.mark.django_db


def test_given_the_staff_page_when_saving_availability_then_away_and_cap_are_stored(
    admin_client,
):
    member = StaffFactory(name="Mia Member", language="en")

    response = admin_client.post(
        f"/configuration/staff/{member.pk}/",
        {
            "name": "Mia Member",
            "language": "en",
            "is_active": "on",
            "role": "staff",
            "away_until": "2031-05-01 08:00",
            "open_ticket_cap": "4",
        },
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.is_available is False  # the checkbox was left unticked
    assert member.away_until is not None and member.away_until.date() == dt.date(2031, 5, 1)
    assert member.open_ticket_cap == 4


def test_given_the_staff_page_when_the_cap_is_zero_then_a_field_error(admin_client):
    member = StaffFactory()

    response = admin_client.post(
        f"/configuration/staff/{member.pk}/",
        {"name": "X", "role": "staff", "is_active": "on", "open_ticket_cap": "0"},
    )

    assert response.status_code == 200
    assert "open_ticket_cap" in response.context["form"].errors


def test_given_the_team_page_when_opened_then_mode_and_lead_are_offered(admin_client):
    team = TeamFactory(assignment="round_robin")

    page = admin_client.get(f"/configuration/teams/{team.pk}/").content.decode()

    assert 'name="assignment"' in page
    assert 'value="round_robin" selected' in page
    assert 'name="lead"' in page


def test_given_the_sla_form_with_a_region_when_saved_then_country_region_and_share_stored(
    admin_client,
):
    response = admin_client.post(
        "/configuration/sla-policies/new/",
        {**FORM, "holiday_country": "de", "holiday_subdivision": "hh", "warn_at_percent": "75"},
    )

    assert response.status_code == 302
    policy = SlaPolicy.objects.get(name=FORM["name"])
    assert (policy.holiday_country, policy.holiday_subdivision) == ("DE", "HH")
    assert policy.warn_at_percent == 75


def test_given_an_unknown_region_by_api_when_creating_a_policy_then_400_with_the_field(
    admin_api,
):
    response = admin_api.post(
        "/api/v1/sla-policies/",
        {**API_POLICY, "holiday_country": "DE", "holiday_subdivision": "XX"},
        format="json",
    )

    assert response.status_code == 400
    assert "holiday_subdivision" in response.json()
    assert not SlaPolicy.objects.filter(name=API_POLICY["name"]).exists()

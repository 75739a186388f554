"""Assignment settings through the API: a team's mode and lead, a member's availability."""

from __future__ import annotations

import pytest

from agencydesk.configuration.models import AuditEntry
from tests.conftest import in_schema
from tests.factories import CustomerUserFactory, SiteFactory, StaffFactory, TeamFactory

pytestmark = pytest.mark.django_db


def test_given_a_staff_member_when_patching_availability_then_saved_audited_and_shown(
    admin_api, admin
):
    member = StaffFactory()

    response = admin_api.patch(
        f"/api/v1/users/{member.pk}/",
        {"is_available": False, "away_until": "2031-05-01T08:00:00Z", "open_ticket_cap": 5},
        format="json",
    )

    assert response.status_code == 200, response.json()
    body = admin_api.get(f"/api/v1/users/{member.pk}/").json()
    assert body["is_available"] is False
    assert body["away_until"].startswith("2031-05-01T")
    assert body["open_ticket_cap"] == 5
    entry = AuditEntry.objects.get(object_id=str(member.pk), actor=admin)
    assert {"is_available", "away_until", "open_ticket_cap"} <= set(entry.changes)


def test_given_bad_availability_values_when_patching_then_400_with_field_errors(admin_api):
    member = StaffFactory()

    response = admin_api.patch(
        f"/api/v1/users/{member.pk}/",
        {"away_until": "soon", "open_ticket_cap": 0},
        format="json",
    )

    assert response.status_code == 400
    assert set(response.json()) == {"away_until", "open_ticket_cap"}
    member.refresh_from_db()
    assert member.away_until is None and member.open_ticket_cap is None


def test_given_a_team_when_patching_assignment_and_lead_then_both_are_saved(admin_api):
    team = TeamFactory()
    lead = StaffFactory()

    response = admin_api.patch(
        f"/api/v1/teams/{team.pk}/",
        {"assignment": "round_robin", "lead": lead.pk},
        format="json",
    )

    assert response.status_code == 200, response.json()
    team.refresh_from_db()
    assert (team.assignment, team.lead) == ("round_robin", lead)


def test_given_an_unknown_mode_or_a_customer_lead_when_patching_a_team_then_400(admin_api):
    team = TeamFactory()
    customer_user = CustomerUserFactory().user

    response = admin_api.patch(
        f"/api/v1/teams/{team.pk}/",
        {"assignment": "by_luck", "lead": customer_user.pk},
        format="json",
    )

    assert response.status_code == 400
    assert set(response.json()) == {"assignment", "lead"}


def test_given_staff_without_admin_role_when_patching_availability_then_refused(client_for, tenant):
    staff = StaffFactory()
    api = client_for(tenant, api=True)
    api.force_login(staff)

    response = api.patch(f"/api/v1/users/{staff.pk}/", {"is_available": False}, format="json")

    assert response.status_code in {403, 404}


def test_given_a_user_of_another_tenant_when_patching_availability_then_404(
    admin_api, other_tenant
):
    with in_schema(other_tenant):
        stranger = StaffFactory()

    response = admin_api.patch(
        f"/api/v1/users/{stranger.pk}/", {"is_available": False}, format="json"
    )

    assert response.status_code == 404
    with in_schema(other_tenant):
        stranger.refresh_from_db()
        assert stranger.is_available is True


def test_given_a_site_when_patching_its_default_team_then_saved(admin_api):
    site = SiteFactory()
    team = TeamFactory()

    response = admin_api.patch(
        f"/api/v1/sites/{site.pk}/", {"default_team": team.pk}, format="json"
    )

    assert response.status_code == 200, response.json()
    site.refresh_from_db()
    assert site.default_team == team

"""The ticket page says who got a ticket automatically."""

from __future__ import annotations

import pytest

from agencydesk.accounts.models import AssignmentMode
from tests.factories import StaffFactory, TeamFactory

pytestmark = pytest.mark.django_db


def test_given_an_automatically_assigned_ticket_when_opened_then_the_timeline_says_so(
    staff_client, make_ticket
):
    member = StaffFactory(name="Nina Nord")
    team = TeamFactory(assignment=AssignmentMode.LEAST_LOADED)
    team.members.add(member)
    ticket = make_ticket(team=team)

    page = staff_client.get(f"/tickets/{ticket.number}/").content.decode()

    assert "assigned automatically" in page
    assert "Nina Nord" in page

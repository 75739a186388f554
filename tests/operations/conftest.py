"""Fixtures of site operations: a contractor, an issue and a draft work order on the shared
``site`` (tests/workflow_fixtures.py), made through the services."""

from __future__ import annotations

import pytest

from agencydesk.accounts.models import User
from agencydesk.customers.models import Site
from agencydesk.operations.models import Contractor, Issue, WorkOrder
from agencydesk.operations.services import contractor_create, issue_create, work_order_create
from tests.tickets.conftest import png_upload


@pytest.fixture
def contractor(staff: User) -> Contractor:
    return contractor_create(
        actor=staff,
        name="Lift Company Ltd",
        email="dispatch@lift.example",
        trade="Lifts",
        language="de",
    )


@pytest.fixture
def issue(staff: User, site: Site) -> Issue:
    return issue_create(
        actor=staff,
        site=site,
        title="Lift stuck on 3rd floor",
        description="Doors do not open.",
        location="Staircase B",
        photos=[png_upload("lift.png")],
    )


@pytest.fixture
def work_order(staff: User, site: Site, contractor: Contractor) -> WorkOrder:
    return work_order_create(actor=staff, site=site, title="Repair the lift", contractor=contractor)

"""The contractor's page: a signed link to one work order, no login; expiry and scope."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import signing
from django.urls import reverse

from agencydesk.operations.choices import WorkOrderStatus
from agencydesk.operations.contractor_links import SALT, contractor_token
from agencydesk.operations.services import (
    work_order_complete,
    work_order_create,
    work_order_dispatch,
)
from tests.conftest import in_schema
from tests.operations.factories import ContractorFactory, WorkOrderFactory
from tests.tickets.conftest import png_upload

pytestmark = pytest.mark.django_db


def _url(token: str) -> str:
    return reverse("operations-contractor:work-order", args=[token])


@pytest.fixture
def dispatched(staff, work_order):
    return work_order_dispatch(actor=staff, work_order=work_order)


def test_given_link_when_opened_without_login_then_the_work_order_shows(client, dispatched):
    response = client.get(_url(contractor_token(dispatched)))

    assert response.status_code == 200
    assert "Repair the lift" in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")


def test_given_link_when_confirm_start_and_complete_then_each_step_recorded(client, dispatched):
    url = _url(contractor_token(dispatched))

    assert client.post(url, {"action": "confirm"}).status_code == 302
    assert client.post(url, {"action": "start"}).status_code == 302
    response = client.post(
        url, {"action": "complete", "completion_note": "", "photos": [png_upload("done.png")]}
    )

    assert response.status_code == 302
    dispatched.refresh_from_db()
    assert dispatched.status == WorkOrderStatus.COMPLETED
    assert dispatched.attendance_confirmed_at is not None
    assert [e.by_contractor for e in dispatched.evidence.all()] == [True]
    labels = set(dispatched.history.values_list("actor_label", flat=True))
    assert "Lift Company Ltd" in labels


def test_given_link_when_completing_without_note_or_photo_then_400_and_still_open(
    client, dispatched
):
    response = client.post(_url(contractor_token(dispatched)), {"action": "complete"})

    assert response.status_code == 400
    dispatched.refresh_from_db()
    assert dispatched.status == WorkOrderStatus.DISPATCHED


def test_given_link_older_than_the_expiry_when_opened_then_403_page(client, dispatched, settings):
    settings.CONTRACTOR_LINK_MAX_AGE_DAYS = 30
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(days=31)):
        token = contractor_token(dispatched)

    response = client.get(_url(token))

    assert response.status_code == 403
    assert "abgelaufen" in response.content.decode()  # the tenant (alpha) speaks German
    assert client.post(_url(token), {"action": "start"}).status_code == 403
    dispatched.refresh_from_db()
    assert dispatched.status == WorkOrderStatus.DISPATCHED


def test_given_link_of_one_work_order_then_it_never_opens_another(client, dispatched, site):
    other = WorkOrderFactory(site=site, title="Paint the hall", status="dispatched")
    token = contractor_token(dispatched)

    page = client.get(_url(token)).content.decode()
    assert "Paint the hall" not in page
    # Another work order's file through this token: not found.
    evidence = reverse("operations-contractor:file", args=[token, "evidence", other.pk])
    assert client.get(evidence).status_code == 404


@pytest.mark.parametrize(
    "forge",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: signing.TimestampSigner(salt=SALT).sign_object(
            {"schema": "t_alpha", "work_order": 999999}
        ),
        lambda token: signing.TimestampSigner(salt="another.purpose").sign_object(
            {"schema": "t_alpha", "work_order": 1}
        ),
        lambda token: "not-a-token",
    ],
    ids=["tampered", "unknown-work-order", "other-salt", "garbage"],
)
def test_given_forged_link_then_404(client, dispatched, forge):
    assert client.get(_url(forge(contractor_token(dispatched)))).status_code == 404


def test_given_link_of_another_tenant_then_404_here(client, client_for, other_tenant, tenant):
    with in_schema(other_tenant):
        foreign = WorkOrderFactory(status="dispatched")
        token = contractor_token(foreign)

    assert client.get(_url(token)).status_code == 404
    assert client_for(other_tenant).get(_url(token)).status_code == 200


def test_given_completed_work_order_when_link_posts_then_refused(client, staff, dispatched):
    work_order_complete(actor=staff, work_order=dispatched, completion_note="Done")

    response = client.post(_url(contractor_token(dispatched)), {"action": "start"})

    assert response.status_code == 400


def test_given_link_when_photos_uploaded_without_completing_then_evidence_kept_open(
    client, dispatched
):
    response = client.post(
        _url(contractor_token(dispatched)), {"action": "evidence", "photos": [png_upload()]}
    )

    assert response.status_code == 302
    dispatched.refresh_from_db()
    assert dispatched.status == WorkOrderStatus.DISPATCHED
    assert dispatched.evidence.count() == 1
    page = client.get(_url(contractor_token(dispatched))).content.decode()
    assert "/evidence/" in page


def test_given_contractor_in_english_when_completing_then_ticket_note_in_agency_language(
    client, staff, site, make_ticket
):
    ticket = make_ticket()
    work_order = work_order_create(
        actor=staff,
        site=site,
        title="Repair",
        contractor=ContractorFactory(language="en"),
        tickets=[ticket],
    )
    work_order_dispatch(actor=staff, work_order=work_order)

    client.post(_url(contractor_token(work_order)), {"action": "complete", "completion_note": "Ok"})

    notes = list(ticket.comments.filter(internal=True).values_list("body", flat=True))
    assert len(notes) == 2
    assert "wurde von" in notes[1]  # alpha's language is German

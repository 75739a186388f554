"""Every input limit through the real stack at every door: staff API, portal API, the web
forms and email intake all answer with the same refusal and save nothing."""

from __future__ import annotations

import io
import json
from email.message import EmailMessage
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from agencydesk.core.limits import has_nul
from agencydesk.notifications.addresses import inbound_address
from agencydesk.tickets.models import Comment, FieldKind, Ticket
from tests.customers.factories import PortalTicketTypeRuleFactory
from tests.factories import CustomerUserFactory, SiteFactory
from tests.tickets.factories import CustomFieldFactory

pytestmark = pytest.mark.django_db
RAW = "__raw_number__"

# name → (ticket fields, custom field values, the field the error names)
BAD_TICKETS: dict[str, tuple[dict[str, str], dict[str, Any], str]] = {
    "title with a line break": ({"title": "Door\nbroken"}, {}, "title"),
    "title over 200 characters": ({"title": "x" * 201}, {}, "title"),
    "description over 20,000 characters": ({"description": "y" * 20_001}, {}, "description"),
    "number 1e999999": ({}, {"amount": "1e999999"}, "custom_fields"),
    "number 1e400": ({}, {"amount": "1e400"}, "custom_fields"),
    "number of 21 digits": ({}, {"amount": "123456789012345678901"}, "custom_fields"),
    "NUL byte in a text field": ({}, {"note": "a\x00b"}, "custom_fields"),
    "NUL byte in the title": ({"title": "Door\x00"}, {}, "title"),
}


@pytest.fixture
def fields(ticket_type):
    CustomFieldFactory(ticket_type=ticket_type, key="amount", kind=FieldKind.NUMBER)
    CustomFieldFactory(ticket_type=ticket_type, key="note", kind=FieldKind.TEXT)
    return ticket_type


@pytest.fixture
def portal_type(fields, customer):
    PortalTicketTypeRuleFactory(customer=customer, ticket_type=fields)
    return fields


def _json(payload: dict[str, Any], raw_number: str | None = None) -> str:
    body = json.dumps(payload)
    # JSON numbers that Python's json module cannot write (1e999999 is a valid JSON number).
    return body.replace(f'"{RAW}"', raw_number) if raw_number else body


def _nothing_saved() -> None:
    assert not Ticket.objects.filter(description__startswith="Limit probe").exists()


@pytest.mark.parametrize("case", BAD_TICKETS)
def test_given_bad_input_when_created_via_the_staff_api_then_400_with_the_field(
    api_client, staff, customer, site, fields, case
):
    ticket_fields, custom, field = BAD_TICKETS[case]
    api_client.force_login(staff)
    payload = {
        "title": "Door",
        "description": "Limit probe",
        "customer": customer.pk,
        "site": site.pk,
        "ticket_type": fields.pk,
        "priority": "low",
        "custom_fields": custom,
        **ticket_fields,
    }
    if has_nul(payload):
        field = "detail"  # refused by the parser, before any field is looked at

    response = api_client.post("/api/v1/tickets/", _json(payload), content_type="application/json")

    assert response.status_code == 400, response.content
    assert field in response.json()
    _nothing_saved()


@pytest.mark.parametrize("raw_number", ["1e999999", "1e400", "-1e999999"])
def test_given_a_huge_json_number_when_created_via_the_staff_api_then_400(
    api_client, staff, customer, site, fields, raw_number
):
    api_client.force_login(staff)
    payload = {
        "title": "Door",
        "description": "Limit probe",
        "customer": customer.pk,
        "site": site.pk,
        "ticket_type": fields.pk,
        "priority": "low",
        "custom_fields": {"amount": RAW},
    }

    response = api_client.post(
        "/api/v1/tickets/", _json(payload, raw_number), content_type="application/json"
    )

    assert response.status_code == 400, response.content
    assert "custom_fields" in response.json()
    _nothing_saved()


@pytest.mark.parametrize("case", BAD_TICKETS)
def test_given_bad_input_when_created_via_the_portal_api_then_400_with_the_field(
    client_for, tenant, customer_user, site, portal_type, case
):
    ticket_fields, custom, field = BAD_TICKETS[case]
    client = client_for(tenant, api=True)
    client.force_login(customer_user)
    payload = {
        "site": site.pk,
        "ticket_type": portal_type.pk,
        "title": "Door",
        "description": "Limit probe",
        "custom_fields": custom,
        **ticket_fields,
    }
    if has_nul(payload):
        field = "detail"

    response = client.post(
        "/api/v1/portal/tickets/", _json(payload), content_type="application/json"
    )

    assert response.status_code == 400, response.content
    assert field in response.json()
    _nothing_saved()


@pytest.mark.parametrize("case", BAD_TICKETS)
def test_given_bad_input_when_reported_via_the_portal_page_then_a_form_error(
    client_for, tenant, customer_user, site, portal_type, case
):
    ticket_fields, custom, _field = BAD_TICKETS[case]
    client = client_for(tenant)
    client.force_login(customer_user)

    response = client.post(
        "/portal/report/",
        {
            "site": site.pk,
            "ticket_type": portal_type.pk,
            "title": "Door",
            "description": "Limit probe",
            "visibility": "private",
            **ticket_fields,
            **{f"cf_{key}": value for key, value in custom.items()},
        },
    )

    assert response.status_code == 400
    assert response.context["form"].errors
    _nothing_saved()


@pytest.mark.parametrize(
    "ticket_fields",
    [
        {"title": "Door\nbroken"},
        {"title": "x" * 201},
        {"description": "Limit probe" + "y" * 20_001},
        {"title": "Door\x00"},
    ],
    ids=["line break", "long title", "long description", "NUL"],
)
def test_given_bad_input_when_created_via_the_staff_page_then_a_form_error(
    staff_client, customer, site, customer_user, ticket_type, ticket_fields
):
    response = staff_client.post(
        "/tickets/new/",
        {
            "customer": customer.pk,
            "site": site.pk,
            "requester": customer_user.pk,
            "ticket_type": ticket_type.pk,
            "priority": "low",
            "title": "Door",
            "description": "Limit probe",
            "visibility": "private",
            **ticket_fields,
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    _nothing_saved()


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_given_a_long_comment_when_posted_at_every_door_then_refused(
    api_client, staff_client, client_for, tenant, staff, customer, customer_user, make_ticket
):
    ticket = make_ticket(requester=customer_user, visibility="private")
    PortalTicketTypeRuleFactory(customer=customer, ticket_type=ticket.ticket_type)
    body = "z" * 20_001
    api_client.force_login(staff)
    portal = client_for(tenant, api=True)
    portal.force_login(customer_user)

    staff_api = api_client.post(
        f"/api/v1/tickets/{ticket.number}/comments/", {"body": body}, format="json"
    )
    portal_api = portal.post(
        f"/api/v1/portal/tickets/{ticket.number}/comments/", {"body": body}, format="json"
    )
    staff_page = staff_client.post(
        f"/tickets/{ticket.number}/reply/", {"kind": "public", "body": body}
    )

    assert (staff_api.status_code, portal_api.status_code) == (400, 400)
    assert "body" in staff_api.json() and "body" in portal_api.json()
    assert staff_page.status_code in {200, 400}
    assert not Comment.objects.filter(ticket=ticket, body=body).exists()


def test_given_the_limit_exactly_when_commented_then_accepted(api_client, staff, make_ticket):
    ticket = make_ticket()
    api_client.force_login(staff)

    response = api_client.post(
        f"/api/v1/tickets/{ticket.number}/comments/", {"body": "z" * 20_000}, format="json"
    )

    assert response.status_code == 201, response.content


def _mail(sender: str, body: str, subject: str = "Wasserschaden") -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = inbound_address()
    message["Subject"] = subject
    message["Message-ID"] = "<limits@mail.customer.example>"
    message.set_content(body)
    return bytes(message)


@pytest.fixture
def mail_reporter(customer_user: Any, intake: Any) -> Any:
    """A customer user whom the portal rules let report problems, so mail may open a ticket."""
    PortalTicketTypeRuleFactory(
        customer=customer_user.customer_profile.customer, ticket_type=intake
    )
    return customer_user


def _ingest(raw: bytes) -> str:
    out = io.StringIO()
    call_command("ingest_email", "--tenant", "alpha", stdin=io.BytesIO(raw), stdout=out)
    return out.getvalue().strip()


@pytest.mark.parametrize("body", ["Limit probe " + "w" * 20_001, "Limit probe \x00 NUL"])
def test_given_a_too_long_or_nul_mail_when_ingested_then_refused_and_nothing_saved(
    tenant, mail_reporter, body
):
    with pytest.raises(CommandError):
        _ingest(_mail(mail_reporter.email, body))

    _nothing_saved()


def test_given_a_mail_without_subject_when_ingested_then_the_title_is_its_first_words(
    tenant, mail_reporter
):
    result = _ingest(_mail(mail_reporter.email, "Limit probe\nsecond line", subject=""))

    ticket = Ticket.objects.get(description__startswith="Limit probe")
    assert result == f"created #{ticket.number}"
    assert ticket.title == "Limit probe second line"


def test_given_a_requester_of_another_customer_when_created_via_the_staff_api_then_400(
    api_client, staff, customer, site, ticket_type
):
    api_client.force_login(staff)
    stranger = CustomerUserFactory().user
    foreign_site = SiteFactory()

    wrong_requester = api_client.post(
        "/api/v1/tickets/",
        {
            "title": "Door",
            "description": "Limit probe",
            "customer": customer.pk,
            "site": site.pk,
            "ticket_type": ticket_type.pk,
            "requester": stranger.pk,
        },
        format="json",
    )
    wrong_site = api_client.post(
        "/api/v1/tickets/",
        {
            "title": "Door",
            "description": "Limit probe",
            "customer": customer.pk,
            "site": foreign_site.pk,
            "ticket_type": ticket_type.pk,
        },
        format="json",
    )

    assert wrong_requester.status_code == 400
    assert "requester" in wrong_requester.json()
    assert wrong_site.status_code == 400
    assert "site" in wrong_site.json()
    _nothing_saved()

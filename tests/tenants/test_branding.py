"""The agency's branding: its logo served publicly, its colour and logo on pages and in mail."""

from __future__ import annotations

from email.utils import formataddr

import pytest
from django.conf import settings
from django.core.files.base import ContentFile

from agencydesk.notifications.addresses import sender_address
from agencydesk.notifications.models import Audience
from agencydesk.notifications.recipients import Recipient
from agencydesk.notifications.rendering import Kind, render_ticket_message
from tests.factories import TicketFactory

pytestmark = pytest.mark.django_db

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def branded(tenant):
    tenant.accent_color = "#ff8800"
    tenant.email_sender_name = "Alpha Service-Team"
    tenant.logo.save("alpha-logo.png", ContentFile(PNG_BYTES), save=False)
    tenant.save(update_fields=["accent_color", "email_sender_name", "logo"])
    return tenant


def test_given_a_logo_when_fetched_without_login_then_it_is_served(client, branded):
    response = client.get("/branding/logo/")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content == PNG_BYTES


def test_given_no_logo_when_fetched_then_404(client, tenant):
    assert client.get("/branding/logo/").status_code == 404


def test_given_branding_when_the_login_page_is_shown_then_logo_and_colour_appear(client, branded):
    html = client.get("/login/").content.decode()

    assert '<img src="/branding/logo/?v=' in html
    assert "--accent: #ff8800" in html


def test_given_branding_when_a_mail_is_rendered_then_it_carries_colour_logo_and_sender_name(
    branded,
):
    ticket = TicketFactory()
    recipient = Recipient("agent@example.com", Audience.STAFF, "en")

    rendered = render_ticket_message(kind=Kind.ASSIGNED, ticket=ticket, recipient=recipient)

    assert "background:#ff8800" in rendered.html
    assert 'src="http://alpha.localhost:8000/branding/logo/?v=' in rendered.html
    assert sender_address() == formataddr(("Alpha Service-Team", settings.DEFAULT_FROM_EMAIL))


def test_given_no_branding_when_a_mail_is_rendered_then_the_default_colour_and_name_are_used(
    tenant,
):
    ticket = TicketFactory()
    recipient = Recipient("agent@example.com", Audience.STAFF, "en")

    rendered = render_ticket_message(kind=Kind.ASSIGNED, ticket=ticket, recipient=recipient)

    assert "background:#1f6feb" in rendered.html
    assert "<img" not in rendered.html
    assert sender_address() == formataddr(("Alpha Gebäudeservice", settings.DEFAULT_FROM_EMAIL))

"""Links that leave the request (emails, printed URLs) use the public scheme and port, never
the port the application server binds."""

from __future__ import annotations

import pytest

from agencydesk.core.public_urls import public_origin
from agencydesk.notifications.addresses import absolute_url
from agencydesk.notifications.models import Audience
from agencydesk.notifications.recipients import Recipient
from agencydesk.notifications.rendering import Kind, render_ticket_message
from tests.factories import TicketFactory


@pytest.mark.parametrize(
    ("scheme", "port", "expected"),
    [
        ("https", None, "https://acme.example.com"),
        ("https", 443, "https://acme.example.com"),
        ("https", 8443, "https://acme.example.com:8443"),
        ("http", 80, "http://acme.example.com"),
        ("http", 8000, "http://acme.example.com:8000"),
    ],
)
def test_given_public_url_settings_when_an_origin_is_built_then_it_uses_them(
    settings, scheme, port, expected
):
    settings.PUBLIC_URL_SCHEME, settings.PUBLIC_URL_PORT = scheme, port

    assert public_origin("acme.example.com") == expected


@pytest.mark.django_db
def test_given_a_proxy_on_443_when_a_ticket_mail_is_rendered_then_its_link_has_no_bind_port(
    settings, tenant
):
    settings.PUBLIC_URL_SCHEME, settings.PUBLIC_URL_PORT = "https", None
    ticket = TicketFactory()
    recipient = Recipient("agent@example.com", Audience.STAFF, "en")

    rendered = render_ticket_message(kind=Kind.ASSIGNED, ticket=ticket, recipient=recipient)

    assert absolute_url("/x/") == "https://alpha.localhost/x/"
    assert f"https://alpha.localhost/tickets/{ticket.number}/" in rendered.text
    assert ":8000" not in rendered.text + rendered.html

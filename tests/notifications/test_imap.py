"""IMAP polling against a real Dovecot server on loopback."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from agencydesk.notifications.addresses import inbound_address
from agencydesk.notifications.models import MailSettings
from agencydesk.notifications.tasks import imap_poll_tenant
from agencydesk.tickets.models import Comment
from tests.notifications.factories import build_scene
from tests.notifications.imap_server import DOVECOT, ImapServer, dovecot_server
from tests.notifications.test_inbound import raw_mail

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def imap_server() -> Iterator[ImapServer]:
    if not shutil.which(DOVECOT):
        pytest.skip("Dovecot is not installed (apt-get install dovecot-imapd)")
    with dovecot_server() as server:
        yield server


@pytest.fixture
def imap_configured(tenant, imap_server: ImapServer) -> ImapServer:
    MailSettings.objects.create(
        imap_enabled=True,
        imap_host=imap_server.host,
        imap_port=imap_server.port,
        imap_use_ssl=False,
        imap_user=imap_server.user,
        imap_password=imap_server.password,
    )
    return imap_server


def test_given_unseen_mail_in_the_mailbox_when_polled_then_each_message_is_ingested_once(
    imap_configured,
):
    scene = build_scene()
    ticket = scene.portal_ticket()
    imap_configured.deliver(
        raw_mail(
            sender=scene.requester.email,
            to=inbound_address(ticket_number=ticket.number),
            subject="Re: Heizung",
            body="Per IMAP abgeholt.",
        )
    )
    imap_configured.deliver(
        raw_mail(
            sender="robot@customer.example",
            to=inbound_address(),
            subject="Out of office",
            body="Back on Monday.",
            headers={"Auto-Submitted": "auto-replied"},
        )
    )

    assert imap_poll_tenant.apply().get() == 2
    assert imap_poll_tenant.apply().get() == 0  # both are marked seen

    assert list(Comment.objects.filter(ticket=ticket).values_list("body", flat=True)) == [
        "Per IMAP abgeholt."
    ]
    assert imap_configured.unseen_count() == 0


def test_given_imap_is_not_enabled_when_polled_then_nothing_is_fetched(tenant, imap_server):
    imap_server.deliver(raw_mail(sender="a@b.example", to="x@y.example", subject="s", body="b"))

    assert imap_poll_tenant.apply().get() == 0
    assert imap_server.unseen_count() >= 1

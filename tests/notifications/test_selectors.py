"""The failed-message list for staff: newest first, query count independent of its length."""

from __future__ import annotations

import pytest

from agencydesk.notifications.models import MessageStatus, OutboundMessage
from agencydesk.notifications.selectors import failed_messages
from tests.factories import StaffFactory, TicketFactory

pytestmark = pytest.mark.django_db


def make_messages(count: int, status: str = MessageStatus.FAILED) -> list[OutboundMessage]:
    return [
        OutboundMessage.objects.create(
            kind="assigned",
            audience="staff",
            ticket=TicketFactory(),
            recipient=StaffFactory(),
            to_email=f"agent{n}@example.com",
            language="en",
            from_email="helpdesk@localhost",
            subject=f"Subject {n}",
            body_text="text",
            body_html="<p>html</p>",
            status=status,
            attempts=6,
            last_error="SMTPServerDisconnected: gone",
        )
        for n in range(count)
    ]


def test_given_failed_and_sent_messages_when_listed_then_only_failed_ones_newest_first(tenant):
    older, newer = make_messages(2)
    make_messages(1, status=MessageStatus.SENT)

    assert list(failed_messages()) == [newer, older]


@pytest.mark.parametrize("count", [1, 8])
def test_given_failed_messages_when_listed_with_ticket_and_recipient_then_queries_stay_flat(
    tenant, django_assert_num_queries, count
):
    make_messages(count)

    with django_assert_num_queries(2):  # the schema switch and one SELECT
        rows = [(m.ticket.number, m.recipient.email, m.last_error) for m in failed_messages()]

    assert len(rows) == count

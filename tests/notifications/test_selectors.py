"""The failed-message lists for staff: newest first, query count independent of length."""

from __future__ import annotations

import pytest

from agencydesk.notifications.models import MessageStatus
from agencydesk.notifications.selectors import failed_messages, failed_messages_for
from tests.notifications.factories import FailedMessageFactory

pytestmark = pytest.mark.django_db


def test_given_failed_and_sent_messages_when_listed_then_only_failed_ones_newest_first(tenant):
    older, newer = FailedMessageFactory.create_batch(2)
    FailedMessageFactory(status=MessageStatus.SENT)

    assert list(failed_messages()) == [newer, older]


@pytest.mark.parametrize("count", [1, 8])
def test_given_failed_messages_when_listed_with_ticket_and_recipient_then_queries_stay_flat(
    tenant, django_assert_num_queries, count
):
    FailedMessageFactory.create_batch(count)

    with django_assert_num_queries(2):  # the schema switch and one SELECT
        rows = [(m.ticket.number, m.recipient.email, m.last_error) for m in failed_messages()]

    assert len(rows) == count


def test_given_failed_messages_of_two_tickets_when_listed_for_one_then_only_its_own(tenant):
    mine = FailedMessageFactory()
    FailedMessageFactory()
    FailedMessageFactory(ticket=mine.ticket, status=MessageStatus.SENT)

    assert list(failed_messages_for(mine.ticket)) == [mine]

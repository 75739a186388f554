"""Merging a duplicate into another ticket."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencydesk.notifications.models import OutboundMessage
from agencydesk.tickets.models import (
    Activity,
    ActivityVerb,
    Attachment,
    Comment,
    Status,
    Ticket,
    TicketFollower,
)
from agencydesk.tickets.search import tickets_matching
from agencydesk.tickets.workflow import (
    attachments_add,
    comment_add,
    ticket_change,
    ticket_follow,
    ticket_merge,
)
from tests.factories import CustomerUserFactory
from tests.tickets.conftest import png_upload

pytestmark = pytest.mark.django_db


def test_given_a_duplicate_when_merged_then_conversation_files_and_followers_move(
    make_ticket, staff, customer, customer_user
):
    source, target = make_ticket(title="Heizung kalt"), make_ticket(title="Heating broken")
    comment = comment_add(actor=staff, ticket=source, body="Thermostat gewechselt")
    attachment = attachments_add(actor=staff, ticket=source, uploads=[png_upload()])[0]
    ticket_follow(ticket=source, user=customer_user, notify=True)

    result = ticket_merge(actor=staff, ticket=source, into=target)

    assert result == target
    assert Comment.objects.get(pk=comment.pk).ticket_id == target.pk
    assert Attachment.objects.get(pk=attachment.pk).ticket_id == target.pk
    assert TicketFollower.objects.filter(ticket=target, user=customer_user).count() == 1
    assert not TicketFollower.objects.filter(ticket=source).exists()
    source.refresh_from_db()
    assert (source.status, source.merged_into) == (Status.CLOSED, target)
    assert source.closed_at is not None and source.solved_at is not None
    assert Activity.objects.filter(
        ticket=source, verb=ActivityVerb.MERGED_INTO, new_value=target.number
    ).exists()
    assert Activity.objects.filter(
        ticket=source, verb=ActivityVerb.STATUS_CHANGED, new_value=Status.CLOSED
    ).exists()
    assert Activity.objects.filter(
        ticket=target, verb=ActivityVerb.MERGED_FROM, new_value=source.number
    ).exists()
    # The moved comment is found on the target now.
    assert list(tickets_matching(Ticket.objects.all(), "Thermostat")) == [target]


def test_given_a_follower_of_both_when_merged_then_they_follow_once_and_get_no_mail_again(
    make_ticket, staff, customer
):
    follower = CustomerUserFactory(customer=customer).user
    source, target = make_ticket(visibility="site"), make_ticket(visibility="site")
    ticket_follow(ticket=source, user=follower, notify=True)
    ticket_follow(ticket=target, user=follower, notify=False)
    comment_add(actor=staff, ticket=source, body="Wir kommen morgen.")
    messages_before = OutboundMessage.objects.count()

    ticket_merge(actor=staff, ticket=source, into=target)

    rows = TicketFollower.objects.filter(user=follower)
    assert [(row.ticket_id, row.notify) for row in rows] == [(target.pk, False)]
    assert OutboundMessage.objects.count() == messages_before


def test_given_an_untriaged_duplicate_when_merged_then_no_triage_is_needed(
    triage_ticket, make_ticket, staff
):
    target = make_ticket()

    ticket_merge(actor=staff, ticket=triage_ticket, into=target)

    triage_ticket.refresh_from_db()
    assert (triage_ticket.status, triage_ticket.needs_triage) == (Status.CLOSED, False)


@pytest.mark.parametrize("case", ["itself", "closed target", "merged twice"])
def test_given_an_impossible_merge_when_asked_then_into_names_the_reason(make_ticket, staff, case):
    source, target = make_ticket(), make_ticket()
    if case == "itself":
        target = source
    elif case == "closed target":
        ticket_change(actor=staff, ticket=target, status=Status.SOLVED)
        ticket_change(actor=staff, ticket=target, status=Status.CLOSED)
    else:
        ticket_merge(actor=staff, ticket=source, into=target)
        target = make_ticket()

    with pytest.raises(ValidationError) as error:
        ticket_merge(actor=staff, ticket=source, into=target)

    assert "into" in error.value.message_dict


def test_given_a_customer_user_when_merging_then_it_is_refused(make_ticket, customer_user):
    source, target = make_ticket(), make_ticket()

    with pytest.raises(ValidationError):
        ticket_merge(actor=customer_user, ticket=source, into=target)

    source.refresh_from_db()
    assert source.merged_into is None


def _merge_queries(make_ticket, staff, customer, followers: int) -> list[str]:
    source, target = make_ticket(), make_ticket()
    for _index in range(followers):
        ticket_follow(ticket=source, user=CustomerUserFactory(customer=customer).user, notify=True)
        comment_add(actor=staff, ticket=source, body="Noch da?", internal=True)
    with CaptureQueriesContext(connection) as context:
        ticket_merge(actor=staff, ticket=source, into=target)
    return [query["sql"] for query in context.captured_queries]


def test_given_followers_and_comments_when_merged_then_the_query_count_is_constant(
    make_ticket, staff, customer
):
    few = _merge_queries(make_ticket, staff, customer, 1)
    many = _merge_queries(make_ticket, staff, customer, 20)

    assert len(few) == len(many), "\n\n".join(many)
    assert len(few) <= 40, "\n\n".join(few)

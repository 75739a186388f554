"""Which ticket a reply lands on: the address's token, then In-Reply-To/References, then the
subject's reference — and the stronger clue wins when they disagree."""

from __future__ import annotations

import pytest

from agencydesk.notifications.addresses import inbound_address, thread_id
from agencydesk.notifications.inbound.parsing import mail_parse
from agencydesk.notifications.inbound.threading import replied_ticket
from agencydesk.notifications.models import OutboundMessage
from agencydesk.tickets.models import Comment, Ticket
from agencydesk.tickets.workflow import ticket_trash, ticket_triage
from tests.factories import TenantAdminFactory
from tests.notifications.factories import Scene, build_scene
from tests.notifications.test_inbound import ingest, raw_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(tenant) -> Scene:
    return build_scene()


@pytest.fixture
def tickets(scene) -> tuple[Ticket, Ticket, Ticket]:
    return scene.portal_ticket(), scene.portal_ticket(), scene.portal_ticket()


def notification_id(ticket: Ticket) -> str:
    """The Message-ID of a notification we sent about the ticket."""
    message = OutboundMessage.objects.filter(ticket=ticket).first()
    assert message is not None
    return message.headers["Message-ID"]


def reply(
    scene: Scene, *, to: str = "office@agency.example", subject: str = "Re: Heizung", **headers: str
) -> bytes:
    return raw_mail(
        sender=scene.requester.email,
        to=to,
        subject=subject,
        body="Danke, erledigt.",
        headers={name.replace("_", "-"): value for name, value in headers.items()},
    )


def commented_on(raw: bytes) -> Ticket:
    outcome = ingest(raw)
    assert outcome.startswith("commented #"), outcome
    return Comment.objects.select_related("ticket").get().ticket


def test_given_token_references_and_subject_disagree_when_ingested_then_the_token_wins(
    scene, tickets
):
    by_token, by_references, by_subject = tickets
    raw = reply(
        scene,
        to=inbound_address(ticket_number=by_token.number),
        subject=f"Re: [ALP-{by_subject.number}] Heizung",
        In_Reply_To=notification_id(by_references),
        References=thread_id(by_references.number),
    )

    assert commented_on(raw) == by_token


def test_given_references_and_subject_disagree_when_ingested_then_the_references_win(
    scene, tickets
):
    _unused, by_references, by_subject = tickets
    raw = reply(
        scene,
        subject=f"Re: [ALP-{by_subject.number}] Heizung",
        In_Reply_To=notification_id(by_references),
    )

    assert commented_on(raw) == by_references


def test_given_in_reply_to_and_references_disagree_when_ingested_then_the_direct_parent_wins(
    scene, tickets
):
    parent, older, _unused = tickets
    raw = reply(
        scene,
        In_Reply_To=notification_id(parent),
        References=f"{thread_id(older.number)} {notification_id(parent)}",
    )

    assert commented_on(raw) == parent


def test_given_only_the_newest_reference_names_a_ticket_when_ingested_then_it_is_found(
    scene, tickets
):
    ticket = tickets[0]
    raw = reply(
        scene,
        References=f"<first@elsewhere.example> {thread_id(ticket.number)}",
        In_Reply_To="<unknown-parent@elsewhere.example>",
    )

    assert commented_on(raw) == ticket


def test_given_only_the_subjects_reference_when_ingested_then_that_ticket_gets_the_comment(
    scene, tickets
):
    ticket = tickets[2]
    raw = reply(
        scene,
        subject=f"AW: [alp-{ticket.number}] Heizung",  # mail clients may change the case
        References="<unrelated@mail.customer.example>",
    )

    assert commented_on(raw) == ticket


def test_given_a_reply_to_the_mail_that_opened_a_ticket_when_ingested_then_it_threads(
    scene,
):
    first = raw_mail(
        sender=scene.requester.email,
        to=inbound_address(),
        subject="Wasserschaden im Keller",
        body="Bitte schnell kommen.",
        message_id="<first-report@mail.customer.example>",
    )
    assert ingest(first).startswith("created #")
    ticket = Ticket.objects.get(title="Wasserschaden im Keller")
    ticket_triage(actor=scene.agent, ticket=ticket, ticket_type=scene.ticket_type, priority="low")
    # The requester adds to their first mail ("Nachtrag"), answering it, not our receipt.
    answer = raw_mail(
        sender=scene.requester.email,
        to=inbound_address(),
        subject="Re: Wasserschaden im Keller",
        body="Es wird schlimmer.",
        headers={"In-Reply-To": "<first-report@mail.customer.example>"},
        message_id="<second@mail.customer.example>",
    )

    assert ingest(answer) == f"commented #{ticket.number}"


def test_given_a_foreign_message_id_with_an_outbox_key_when_ingested_then_it_does_not_thread(
    scene, tickets
):
    key = notification_id(tickets[0]).strip("<>").split("@")[0]
    raw = reply(scene, In_Reply_To=f"<{key}@elsewhere.example>")

    assert ingest(raw).startswith("created #")  # a new request, not a comment
    assert not Comment.objects.exists()


def test_given_the_token_names_a_trashed_ticket_when_the_subject_names_another_then_no_comment(
    scene, tickets
):
    trashed, other, _unused = tickets
    ticket_trash(actor=TenantAdminFactory(), ticket=trashed)
    raw = reply(
        scene,
        to=inbound_address(ticket_number=trashed.number),
        subject=f"Re: [ALP-{other.number}] Heizung",
    )

    ingest(raw)

    assert not Comment.objects.filter(ticket=other).exists()


def test_given_few_or_many_references_when_threading_then_the_query_count_is_the_same(
    scene, tickets, django_assert_max_num_queries
):
    ticket = tickets[0]
    few = mail_parse(reply(scene, In_Reply_To=notification_id(ticket)))
    unknown = " ".join(f"<r{n}@mail.customer.example>" for n in range(30))
    many = mail_parse(reply(scene, In_Reply_To=notification_id(ticket), References=unknown))
    counts = []

    for mail in (few, many):
        with django_assert_max_num_queries(10) as context:
            assert replied_ticket(mail) == ticket
        counts.append(len(context.captured_queries))

    assert counts[0] == counts[1]

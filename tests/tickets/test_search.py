"""Search (README "Staff inbox and search"): one vector in the tenant's language whichever path
wrote it, the same configuration for the query, exact matches on the reference and the number,
bounded input to the vector, and a migration that re-indexes what is already stored."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection

from agencydesk.tickets.models import Status, Ticket
from agencydesk.tickets.search import (
    number_from_reference,
    search_config,
    ticket_reference,
    ticket_search_vector_recompute,
    tickets_matching,
)
from agencydesk.tickets.workflow import comment_add, ticket_change
from tests.conftest import in_schema
from tests.factories import TicketFactory

pytestmark = pytest.mark.django_db


def _found(text: str) -> list[int]:
    return [ticket.number for ticket in tickets_matching(Ticket.objects.all(), text)]


@pytest.fixture
def like_the_demo_loader(tenant):
    """The connection as ``schema_context`` leaves it (demo loader, tasks, commands): in the
    tenant's schema, with a stand-in tenant that has none of the tenant's fields."""
    connection.set_schema(tenant.schema_name)
    yield
    connection.set_tenant(tenant)


def test_given_schema_context_when_config_asked_then_tenant_language_used(
    tenant, like_the_demo_loader
):
    assert not hasattr(connection.tenant, "language")

    assert search_config() == "german"


def test_given_ticket_written_under_schema_context_when_searched_in_request_then_stems_match(
    tenant, make_ticket, like_the_demo_loader
):
    ticket = make_ticket(
        title="Störung melden – Lindenstraße 12", description="Störungen im Treppenhaus"
    )
    connection.set_tenant(tenant)  # the request's connection: the real tenant

    for word in ("Störung", "melden", "Lindenstraße", "störungen", "Treppenhäuser"):
        assert _found(word) == [ticket.number], word


def _stored_vector(ticket: Ticket) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM tickets_ticket WHERE id = %s", [ticket.pk])
        return str(cursor.fetchone()[0])


def test_given_a_new_ticket_when_its_vector_is_recomputed_then_the_insert_had_built_the_same(
    make_ticket,
):
    ticket = make_ticket(title="Störung melden", description="Störungen im Treppenhaus " * 3)
    built_by_the_insert = _stored_vector(ticket)

    ticket_search_vector_recompute(ticket_id=ticket.pk)

    assert "'storung':1A,3B" in built_by_the_insert
    assert _stored_vector(ticket) == built_by_the_insert


def test_given_english_tenant_when_searched_then_english_stemming(other_tenant):
    with in_schema(other_tenant):
        ticket = TicketFactory(title="Leaking pipes in the kitchens")
        ticket_search_vector_recompute(ticket_id=ticket.pk)

        assert search_config() == "english"
        assert _found("pipe kitchen") == [ticket.number]


def test_given_reference_or_number_when_searched_then_that_ticket_first(make_ticket):
    named = make_ticket(title="Window stuck")
    mentions = make_ticket(title="Elsewhere", description=f"Like ticket {named.number} again")

    for text in (f"ALP-{named.number}", f"alp-{named.number}", f"#{named.number}"):
        assert _found(text) == [named.number], text
    assert _found(str(named.number)) == [named.number, mentions.number]
    assert ticket_reference(named.number) == f"ALP-{named.number}"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("ALP-4", 4),
        (" alp-4 ", 4),
        ("4", 4),
        ("#4", 4),
        ("ALP-", None),
        ("BET-4", None),
        ("4a", None),
        ("12345678901", None),
        ("", None),
    ],
)
def test_given_text_when_read_as_reference_then_number_or_none(tenant, text, number):
    assert number_from_reference(text) == number


def test_given_closed_ticket_when_searched_then_found(make_ticket, staff):
    ticket = make_ticket(title="Fenster klemmt")
    ticket_change(actor=staff, ticket=ticket, status=Status.SOLVED)
    Ticket.objects.filter(pk=ticket.pk).update(status=Status.CLOSED)

    assert _found("Fenster") == [ticket.number]


def _text_over_a_megabyte_of_lexemes() -> str:
    # Distinct short words: as a tsvector this is ~2.5 MB, far over PostgreSQL's 1 MB limit.
    return "Anfang " + " ".join(f"w{index:x}" for index in range(200_000))


def test_given_description_over_tsvector_limit_when_indexed_then_no_error_and_start_found(
    make_ticket,
):
    ticket = make_ticket(title="Riesentext")
    Ticket.objects.filter(pk=ticket.pk).update(description=_text_over_a_megabyte_of_lexemes())

    ticket_search_vector_recompute(ticket_id=ticket.pk)

    assert _found("Anfang") == [ticket.number]


def test_given_comments_over_tsvector_limit_when_another_reply_added_then_no_error(
    make_ticket, staff
):
    ticket = make_ticket(title="Lange Unterhaltung")
    ticket_change(actor=staff, ticket=ticket, assignee=staff)
    huge = _text_over_a_megabyte_of_lexemes()
    for part in range(3):
        comment_add(actor=staff, ticket=ticket, body=f"Teil {part}", internal=True)
    ticket.comments.update(body=huge)

    comment_add(actor=staff, ticket=ticket, body="Noch eine Antwort", internal=True)

    assert _found("Lange") == [ticket.number]


def test_given_vectors_of_the_wrong_config_when_migration_runs_then_reindexed(make_ticket):
    ticket = make_ticket(title="Störung melden", description="Heizungen")
    Ticket.objects.filter(pk=ticket.pk).update(search_vector=None)
    assert _found("Störung") == []
    migration = importlib.import_module("agencydesk.tickets.migrations.0008_reindex_search")

    with connection.schema_editor() as schema_editor:
        migration.reindex(None, schema_editor)

    assert _found("Störung") == [ticket.number]
    assert _found("Heizung") == [ticket.number]


def test_given_ticket_opened_by_email_when_searched_then_german_words_match(tenant):
    from agencydesk.notifications.addresses import inbound_address
    from tests.notifications.factories import build_scene
    from tests.notifications.test_inbound import ingest, raw_mail

    scene = build_scene()
    ingest(
        raw_mail(
            sender=f"Erika <{scene.requester.email}>",
            to=inbound_address(),
            subject="Störungen an der Klingelanlage",
            body="Die Klingeln im Treppenhaus funktionieren nicht.",
        )
    )
    connection.set_tenant(tenant)
    ticket = Ticket.objects.get(title="Störungen an der Klingelanlage")

    assert _found("Störung") == [ticket.number]
    assert _found("Treppenhäuser") == [ticket.number]

"""Which ticket events become which deliveries, written with the change (not yet sent)."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencydesk.integrations.models import WebhookDelivery, WebhookEvent
from agencydesk.tickets.models import Status
from agencydesk.tickets.workflow import (
    comment_add,
    ticket_change,
    ticket_merge,
    ticket_restore,
    ticket_trash,
)
from tests.factories import StaffFactory, TenantAdminFactory
from tests.integrations.factories import WebhookSubscriptionFactory

pytestmark = pytest.mark.django_db


def _events() -> list[str]:
    return list(WebhookDelivery.objects.order_by("created_at").values_list("event", flat=True))


def _payload(event: str) -> dict:
    return json.loads(WebhookDelivery.objects.get(event=event).body)


def test_given_a_subscription_to_everything_when_a_ticket_lives_then_each_step_is_announced(
    tenant, make_ticket, staff
):
    WebhookSubscriptionFactory()
    admin = TenantAdminFactory()
    colleague = StaffFactory()

    ticket = make_ticket()
    comment_add(actor=staff, ticket=ticket, body="We are on it.", internal=True)
    ticket_change(actor=staff, ticket=ticket, assignee=colleague)
    ticket_change(actor=staff, ticket=ticket, title="Heating fixed")
    ticket_change(actor=staff, ticket=ticket, status=Status.CLOSED)
    ticket_trash(actor=admin, ticket=ticket)
    ticket_restore(actor=admin, ticket=ticket)

    assert _events() == [
        "ticket.created",
        "ticket.commented",
        "ticket.assigned",
        "ticket.updated",
        "ticket.closed",
        "ticket.deleted",
        "ticket.updated",
    ]
    assert _payload("ticket.assigned")["changes"] == {"assignee": [None, colleague.pk]}
    commented = _payload("ticket.commented")
    assert commented["comment"]["body"] == "We are on it." and commented["comment"]["internal"]
    assert commented["changes"] == {}
    assert _payload("ticket.deleted")["ticket"]["deleted_at"] is not None


def test_given_a_duplicate_when_merged_then_it_is_announced_as_closed(tenant, make_ticket, staff):
    duplicate, original = make_ticket(), make_ticket()
    WebhookSubscriptionFactory(events=[WebhookEvent.TICKET_CLOSED])

    ticket_merge(actor=staff, ticket=duplicate, into=original)

    payload = _payload("ticket.closed")
    assert payload["ticket"]["number"] == duplicate.number
    assert payload["changes"]["merged_into"] == [None, original.number]


def test_given_other_or_switched_off_subscriptions_when_a_ticket_is_created_then_nothing_is_written(
    tenant, make_ticket
):
    WebhookSubscriptionFactory(events=[WebhookEvent.TICKET_CLOSED])
    WebhookSubscriptionFactory(is_active=False)

    make_ticket()

    assert not WebhookDelivery.objects.exists()


def test_given_two_subscriptions_when_an_event_happens_then_each_gets_its_own_delivery_id(
    tenant, make_ticket
):
    WebhookSubscriptionFactory.create_batch(2, events=[WebhookEvent.TICKET_CREATED])

    make_ticket()

    bodies = [json.loads(d.body) for d in WebhookDelivery.objects.all()]
    assert len({body["id"] for body in bodies}) == 2
    assert {body["id"] for body in bodies} == {str(d.pk) for d in WebhookDelivery.objects.all()}
    assert bodies[0]["ticket"] == bodies[1]["ticket"]


def test_given_a_delivery_written_when_the_ticket_changes_later_then_its_body_stays_as_it_was(
    tenant, make_ticket, staff
):
    WebhookSubscriptionFactory(events=[WebhookEvent.TICKET_CREATED])
    ticket = make_ticket(title="First title")
    body = WebhookDelivery.objects.get().body

    ticket_change(actor=staff, ticket=ticket, title="Second title")

    assert WebhookDelivery.objects.get().body == body
    assert json.loads(body)["ticket"]["title"] == "First title"


def _queries_creating_a_ticket(make_ticket) -> int:
    with CaptureQueriesContext(connection) as queries:
        make_ticket()
    return len(queries)


def test_given_one_or_many_subscriptions_when_a_ticket_is_created_then_the_query_count_is_the_same(
    tenant, make_ticket
):
    make_ticket()  # warm caches (content types, sequences)
    WebhookSubscriptionFactory(events=[WebhookEvent.TICKET_CREATED])
    with_one = _queries_creating_a_ticket(make_ticket)
    WebhookSubscriptionFactory.create_batch(6, events=[WebhookEvent.TICKET_CREATED])

    with_seven = _queries_creating_a_ticket(make_ticket)

    assert with_seven == with_one
    assert WebhookDelivery.objects.count() == 1 + 7

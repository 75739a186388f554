"""``Idempotency-Key`` on ``POST /api/v1/tickets/`` (docs/integrations.md)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from agencydesk.api.idempotency import idempotency_keys_purge_expired
from agencydesk.api.models import IdempotencyKey
from agencydesk.api.tasks import idempotency_keys_purge
from agencydesk.tickets.models import Ticket
from tests.conftest import in_schema
from tests.factories import CustomerFactory, StaffFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/tickets/"
# Domain, session, user, savepoint, the claim, the stored answer, release: 7 statements,
# each after django-tenants' SET search_path.
REPLAY_QUERIES = 14


@pytest.fixture
def staff_api(api_client, staff):
    api_client.force_login(staff)
    return api_client


@pytest.fixture
def body(customer, ticket_type):
    return {"title": "Lift stuck", "customer": customer.pk, "ticket_type": ticket_type.pk}


def _post(api, body, key="key-1"):
    return api.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY=key)


def test_given_a_key_when_posting_twice_then_one_ticket_and_the_same_answer_replayed(
    staff_api, body
):
    first = _post(staff_api, body)
    second = _post(staff_api, body)

    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json() == first.json()
    assert second.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert Ticket.objects.filter(title="Lift stuck").count() == 1


def test_given_the_same_fields_in_another_order_when_posting_again_then_replayed(staff_api, body):
    first = _post(staff_api, body)

    again = _post(staff_api, dict(reversed(list(body.items()))))

    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json()["number"] == first.json()["number"]


def test_given_a_replay_when_answered_then_it_costs_a_few_queries_and_writes_nothing(
    staff_api, body, django_assert_max_num_queries
):
    _post(staff_api, body)

    # No ticket work at all on a replay.
    with django_assert_max_num_queries(REPLAY_QUERIES) as queries:
        _post(staff_api, body)

    assert not any(
        query["sql"].startswith("UPDATE") or 'INSERT INTO "tickets' in query["sql"]
        for query in queries.captured_queries
    )


def test_given_no_key_when_posting_twice_then_two_tickets(staff_api, body):
    staff_api.post(URL, body, format="json")
    staff_api.post(URL, body, format="json")

    assert Ticket.objects.filter(title="Lift stuck").count() == 2


def test_given_a_used_key_when_posting_another_body_then_422_and_no_ticket(staff_api, body):
    _post(staff_api, body)

    response = _post(staff_api, {**body, "title": "Something else"})

    assert response.status_code == 422
    assert "Idempotency-Key" in response.json()["detail"]
    assert not Ticket.objects.filter(title="Something else").exists()


def test_given_a_refused_request_when_the_key_is_sent_again_with_a_fix_then_it_is_created(
    staff_api, body
):
    refused = _post(staff_api, {**body, "title": ""})

    created = _post(staff_api, body)

    assert refused.status_code == 400
    assert created.status_code == 201
    assert "Idempotent-Replayed" not in created.headers
    assert IdempotencyKey.objects.get().status_code == 201


def test_given_two_callers_with_one_key_when_posting_then_each_gets_its_own_ticket(
    staff_api, client_for, tenant, body
):
    other = client_for(tenant, api=True)
    other.force_login(StaffFactory())

    mine = _post(staff_api, body)
    theirs = _post(other, body)

    assert "Idempotent-Replayed" not in theirs.headers
    assert mine.json()["number"] != theirs.json()["number"]


def test_given_a_key_older_than_24_hours_when_posting_then_a_new_ticket(staff_api, body):
    first = _post(staff_api, body)

    with time_machine.travel(timezone.now() + datetime.timedelta(hours=24, minutes=1)):
        again = _post(staff_api, body)

    assert "Idempotent-Replayed" not in again.headers
    assert again.json()["number"] != first.json()["number"]


def test_given_a_key_within_24_hours_when_posting_then_replayed(staff_api, body):
    first = _post(staff_api, body)

    with time_machine.travel(timezone.now() + datetime.timedelta(hours=23, minutes=59)):
        again = _post(staff_api, body)

    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json()["number"] == first.json()["number"]


@pytest.mark.parametrize("key", ["", "x" * 256, "spaces in key", "ümlaut"])
def test_given_a_malformed_key_when_posting_then_400_and_no_ticket(staff_api, body, key):
    response = staff_api.post(
        URL, body, format="json", HTTP_IDEMPOTENCY_KEY=key.encode().decode("latin-1")
    )

    assert response.status_code == 400
    assert list(response.json()) == ["Idempotency-Key"]
    assert not Ticket.objects.filter(title="Lift stuck").exists()


def test_given_old_and_new_keys_when_purged_then_only_the_old_ones_go(staff_api, body):
    _post(staff_api, body, key="old")
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=25)):
        _post(staff_api, body, key="new")

        deleted = idempotency_keys_purge_expired()

        assert deleted == 1
        assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new"]


def test_given_an_expired_key_when_the_task_runs_then_it_is_deleted(staff_api, body):
    _post(staff_api, body)

    with time_machine.travel(timezone.now() + datetime.timedelta(hours=25)):
        assert idempotency_keys_purge.apply().get() == 1

    assert not IdempotencyKey.objects.exists()


def test_given_the_schema_when_read_then_the_header_is_documented(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()

    operation = schema["paths"]["/api/v1/tickets/"]["post"]
    headers = [p["name"] for p in operation["parameters"] if p["in"] == "header"]
    assert headers == ["Idempotency-Key"]
    assert "422" in operation["responses"]


def test_given_a_key_used_in_another_tenant_when_posting_here_then_a_ticket_of_our_own(
    staff_api, body, other_tenant, client_for
):
    with in_schema(other_tenant):
        other_staff = StaffFactory()
        other_customer = CustomerFactory()
    other_api = client_for(other_tenant, api=True)
    other_api.force_login(other_staff)
    theirs = _post(other_api, {"title": "Lift stuck", "customer": other_customer.pk})

    mine = _post(staff_api, body)

    assert (theirs.status_code, mine.status_code) == (201, 201)
    assert "Idempotent-Replayed" not in mine.headers
    assert mine.json()["customer"] == body["customer"]


def test_given_a_customer_user_when_posting_with_a_key_then_404_and_no_key_kept(
    api_client, customer_user, body
):
    api_client.force_login(customer_user)

    response = _post(api_client, body)

    assert response.status_code == 404
    assert not IdempotencyKey.objects.exists()

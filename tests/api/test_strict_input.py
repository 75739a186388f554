"""Unknown fields are refused at every door of the API: each operation with a request body
answers a misspelled field with 400 "Unknown field." and changes nothing, and every serializer
of ``agencydesk.api`` that takes input derives from the shared strict base."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from drf_spectacular.generators import SchemaGenerator
from rest_framework import serializers

import agencydesk.api
from agencydesk.accounts.models import User
from agencydesk.api.serializers import UNKNOWN_FIELD, StrictModelSerializer, StrictSerializer
from agencydesk.notifications.kinds import CUSTOMISABLE_KINDS
from agencydesk.tickets.models import Source
from agencydesk.tickets.workflow import comment_add, ticket_create
from tenants.models import Tenant
from tests.conftest import TenantAPIClient
from tests.customers.factories import ContactFactory, PortalTicketTypeRuleFactory
from tests.factories import (
    CustomerUserFactory,
    IntegrationUserFactory,
    SiteFactory,
    StaffFactory,
    TeamFactory,
    TenantAdminFactory,
)
from tests.integrations.factories import WebhookDeliveryFactory
from tests.operations.factories import ContractorFactory, IssueFactory, WorkOrderFactory
from tests.sla.factories import SlaPolicyFactory
from tests.tickets.factories import CannedReplyFactory


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    fields: tuple[str, ...]
    multipart_only: bool


GENERATOR = SchemaGenerator()
SCHEMA = GENERATOR.get_schema(request=None, public=True)


def _writable_operations(schema: dict[str, Any]) -> list[Operation]:
    """Every POST, PUT and PATCH of the published schema that takes a body."""
    components = schema["components"]["schemas"]
    found = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            body = operation.get("requestBody") if method in {"post", "put", "patch"} else None
            if body is None:
                continue
            content = body["content"]
            reference = next(iter(content.values()))["schema"]["$ref"]
            fields = tuple(components[reference.rsplit("/", 1)[1]].get("properties", {}))
            found.append(
                Operation(method, path, fields, multipart_only="application/json" not in content)
            )
    return found


OPERATIONS = _writable_operations(SCHEMA)


def _misspelled(fields: tuple[str, ...]) -> str:
    """A typo of the first field (``title`` → ``titel``), as a client would make it."""
    name = fields[0] if fields else "note"
    typo = name[:-2] + name[-1] + name[-2] if len(name) > 2 else name + "x"
    return typo if typo not in fields else name + "_"


@dataclass
class World:
    users: dict[str, User]
    parameters: dict[str, int | str]


@pytest.fixture
def world(tenant: Tenant) -> World:
    """A row behind every path parameter of the schema, and a user for each door."""
    rule = PortalTicketTypeRuleFactory()
    site = SiteFactory(customer=rule.customer)
    staff = StaffFactory()
    admin = TenantAdminFactory()
    customer_user = CustomerUserFactory(customer=rule.customer).user
    ticket = ticket_create(
        actor=staff,
        title="Leaking tap in the kitchen",
        description="Dripping since Monday.",
        customer=rule.customer,
        site=site,
        ticket_type=rule.ticket_type,
        priority="medium",
        requester=customer_user,
        source=Source.PORTAL,
        visibility="site",
    )
    comment = comment_add(actor=customer_user, ticket=ticket, body="It got worse.")
    contractor = ContractorFactory()
    issue = IssueFactory(site=site)
    work_order = WorkOrderFactory(site=site, contractor=contractor, issue=issue)
    delivery = WebhookDeliveryFactory()
    by_path = {
        "/api/v1/canned-replies/{id}/": CannedReplyFactory().pk,
        "/api/v1/contacts/{id}/": ContactFactory(customer=rule.customer).pk,
        "/api/v1/contractors/{id}/": contractor.pk,
        "/api/v1/customers/{id}/": rule.customer_id,
        "/api/v1/issues/{id}/": issue.pk,
        "/api/v1/sites/{id}/": site.pk,
        "/api/v1/sla-policies/{id}/": SlaPolicyFactory().pk,
        "/api/v1/teams/{id}/": TeamFactory().pk,
        "/api/v1/ticket-types/{id}/": rule.ticket_type_id,
        "/api/v1/users/{id}/": staff.pk,
        "/api/v1/users/{id}/tokens/": IntegrationUserFactory().pk,
        "/api/v1/webhooks/{id}/": delivery.subscription_id,
        "/api/v1/work-orders/{id}/": work_order.pk,
    }
    return World(
        users={"admin": admin, "staff": staff, "customer": customer_user},
        parameters={
            "number": ticket.number,
            "comment_id": comment.pk,
            "kind": next(iter(CUSTOMISABLE_KINDS)),
            "language": "en",
            "delivery_id": delivery.pk,
            **{prefix: value for prefix, value in by_path.items()},
        },
    )


def _url(path: str, parameters: dict[str, int | str]) -> str:
    # ``{id}`` names a different row below each collection: the longest matching prefix.
    prefixes = [p for p in parameters if p.startswith("/") and path.startswith(p)]
    if prefixes:
        path = path.replace("{id}", str(parameters[max(prefixes, key=len)]), 1)
    for name, value in parameters.items():
        if not name.startswith("/"):
            path = path.replace("{" + name + "}", str(value))
    assert "{" not in path, path
    return path


def _role(path: str) -> str:
    if path.startswith("/api/v1/portal/"):
        return "customer"
    return "staff" if path.startswith("/api/v1/auth/") else "admin"


def _fingerprint() -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
    """Every row of the tenant's tables (sessions aside: logging in writes one)."""
    for model in apps.get_models():
        if model._meta.db_table in {"django_session"} or not model._meta.managed:
            continue
        if model._meta.app_label in {"tenants", "django_celery_beat"}:
            continue
        manager = getattr(model, "with_trashed", model._default_manager)
        yield model._meta.label, list(manager.order_by("pk").values_list())


def test_the_schema_lists_the_writable_operations() -> None:
    # A guard for the parametrization below: it must not quietly shrink to nothing.
    paths = {(operation.method, operation.path) for operation in OPERATIONS}
    assert ("patch", "/api/v1/ticket-types/{id}/") in paths
    assert ("patch", "/api/v1/settings/") in paths
    assert ("post", "/api/v1/portal/tickets/") in paths
    assert len(OPERATIONS) >= 50


@pytest.mark.django_db
@pytest.mark.parametrize(
    "operation", OPERATIONS, ids=[f"{op.method.upper()} {op.path}" for op in OPERATIONS]
)
def test_given_a_misspelled_field_when_writing_then_400_unknown_field_and_nothing_changes(
    operation: Operation, world: World, api_client: TenantAPIClient, tenant: Tenant
) -> None:
    api_client.force_login(world.users[_role(operation.path)])
    url = _url(operation.path, world.parameters)
    typo = _misspelled(operation.fields)
    before = dict(_fingerprint())

    send = getattr(api_client, operation.method)
    body = {typo: "1"}
    if operation.multipart_only:
        response = send(url, body, format="multipart")
    else:
        response = send(url, body, format="json")

    assert response.status_code == 400, (response.status_code, response.content[:300])
    assert response.json()[typo] == [str(UNKNOWN_FIELD)]
    connection.set_tenant(tenant)
    assert dict(_fingerprint()) == before


def _request_serializer_classes() -> set[type[Any]]:
    """The serializers behind the request bodies of the schema (nested ones included)."""
    components = GENERATOR.registry._components.values()
    objects = [c.object for c in components if c.type == "schemas" and c.name.endswith("Request")]
    return {obj if inspect.isclass(obj) else type(obj) for obj in objects}


def _api_serializer_classes() -> Iterator[type[serializers.BaseSerializer[Any]]]:
    for module_info in pkgutil.walk_packages(agencydesk.api.__path__, "agencydesk.api."):
        if ".migrations" in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(value, serializers.Serializer)
                and value.__module__ == module.__name__
                and value not in {StrictSerializer, StrictModelSerializer}
            ):
                yield value


def test_every_input_serializer_of_the_api_derives_from_the_strict_base() -> None:
    found = set(_api_serializer_classes())
    # Input serializers: those the schema reads a request body with. Output-only ones need not
    # be strict (a few declare fields that are writable in form only; they never validate).
    takes_input = found & _request_serializer_classes()
    assert len(takes_input) >= 40, sorted(cls.__qualname__ for cls in takes_input)
    not_strict = sorted(
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in takes_input
        if not issubclass(cls, StrictSerializer)
    )
    assert not_strict == []

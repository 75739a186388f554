import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_given_the_api_when_the_schema_is_generated_then_it_has_no_warnings_and_ticket_paths(
    tenant, tmp_path
):
    target = tmp_path / "schema.json"

    # --fail-on-warn turns every drf-spectacular warning or error into a failure.
    call_command(
        "spectacular",
        "--fail-on-warn",
        "--validate",
        "--format",
        "openapi-json",
        "--file",
        str(target),
    )

    schema = json.loads(target.read_text())
    paths = schema["paths"]
    for path in (
        "/api/v1/tickets/",
        "/api/v1/tickets/{number}/",
        "/api/v1/tickets/{number}/comments/",
        "/api/v1/tickets/{number}/attachments/",
        "/api/v1/tickets/{number}/activity/",
    ):
        assert path in paths, sorted(paths)
    assert set(paths["/api/v1/tickets/{number}/"]) >= {"get", "patch"}
    assert (
        "multipart/form-data"
        in (paths["/api/v1/tickets/{number}/attachments/"]["post"]["requestBody"]["content"])
    )


def test_given_a_staff_login_when_fetching_the_schema_then_it_is_served(api_client, tenant):
    from tests.factories import StaffFactory

    api_client.force_login(StaffFactory())

    response = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    assert "/api/v1/tickets/" in response.json()["paths"]


def test_given_the_schema_when_read_then_empty_or_null_values_the_api_sends_are_declared(
    tenant, tmp_path
):
    target = tmp_path / "schema.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(target))

    schema = json.loads(target.read_text())
    components = schema["components"]["schemas"]
    # A ticket from the staff UI has an empty requester_email: not an email address.
    assert "format" not in components["Ticket"]["properties"]["requester_email"]
    # PATCH answers with the read shape, whose customer_role is null for agency staff.
    patch = schema["paths"]["/api/v1/users/{id}/"]["patch"]
    answer = patch["responses"]["200"]["content"]["application/json"]["schema"]
    assert answer == {"$ref": "#/components/schemas/ConfigUser"}
    assert components["ConfigUser"]["properties"]["customer_role"]["nullable"] is True


@pytest.fixture
def schema(tenant, tmp_path) -> dict:
    target = tmp_path / "schema.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(target))
    return json.loads(target.read_text())


def operations(schema: dict):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_given_the_schema_when_read_then_operation_ids_carry_no_version_and_are_unique(schema):
    ids = [operation["operationId"] for _path, _method, operation in operations(schema)]

    assert len(ids) == len(set(ids))
    assert not [found for found in ids if found.startswith("v1")]
    assert {"tickets_list", "tickets_comments_create", "portal_tickets_list"} <= set(ids)


@pytest.mark.parametrize(
    ("path", "method", "tag"),
    [
        ("/api/v1/tickets/", "get", "tickets"),
        ("/api/v1/tickets/{number}/activity/", "get", "tickets"),
        ("/api/v1/tickets/{number}/comments/", "post", "comments"),
        ("/api/v1/tickets/{number}/attachments/", "post", "attachments"),
        ("/api/v1/portal/tickets/{number}/comments/", "get", "portal"),
        ("/api/v1/customers/{id}/portal-settings/", "put", "customers"),
        ("/api/v1/sla-policies/", "get", "sla-policies"),
        ("/api/v1/auth/token/", "post", "auth"),
        ("/api/v1/reports/resolution-time/", "get", "reports"),
    ],
)
def test_given_the_schema_when_read_then_each_operation_is_tagged_with_its_area(
    schema, path, method, tag
):
    assert schema["paths"][path][method]["tags"] == [tag]


def test_given_the_schema_when_read_then_every_tag_in_use_is_listed_and_known_ones_described(
    schema,
):
    used = {tag for _path, _method, op in operations(schema) for tag in op["tags"]}
    listed = {tag["name"]: tag.get("description", "") for tag in schema["tags"]}

    assert set(listed) == used
    assert all(listed[name] for name in ("tickets", "comments", "portal", "auth", "customers"))


def test_given_the_schema_when_read_then_errors_are_documented_with_the_shared_shapes(schema):
    components = schema["components"]["schemas"]
    assert components["Error"]["required"] == ["detail"]
    assert components["ValidationError"]["type"] == "object"
    for path, method, operation in operations(schema):
        responses = operation["responses"]
        assert "429" in responses, (method, path)
        if operation["security"] != [{}]:
            assert {"401", "403"} <= set(responses), (method, path)
        if "{" in path:
            assert "404" in responses, (method, path)
        if method in {"post", "put", "patch"}:
            assert "400" in responses, (method, path)
    detail = schema["paths"]["/api/v1/tickets/{number}/"]["get"]["responses"]
    assert detail["404"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    create = schema["paths"]["/api/v1/tickets/"]["post"]["responses"]
    assert create["400"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ValidationError"
    }
    # An answer a view documents itself is kept (the token endpoint's lockout).
    token = schema["paths"]["/api/v1/auth/token/"]["post"]["responses"]
    assert "lockout" in token["429"]["description"]


def test_given_the_schema_when_read_then_no_developer_docstring_is_shown_to_api_users(schema):
    from agencydesk.api.configuration.views import ConfigurationViewSet, UserViewSet
    from agencydesk.api.portal.views import TicketListView

    docstrings = [
        " ".join((view.__doc__ or "").split())[:60]
        for view in (ConfigurationViewSet, UserViewSet, TicketListView)
    ]
    for path, method, operation in operations(schema):
        description = " ".join(operation.get("description", "").split())
        assert "``" not in description, (method, path)
        for docstring in docstrings:
            assert not docstring or docstring not in description, (method, path)


def test_given_the_schema_when_read_then_the_main_operations_explain_themselves(schema):
    for path, method in [
        ("/api/v1/tickets/", "get"),
        ("/api/v1/tickets/", "post"),
        ("/api/v1/tickets/{number}/", "patch"),
        ("/api/v1/tickets/{number}/comments/", "post"),
        ("/api/v1/portal/tickets/", "post"),
        ("/api/v1/customers/{id}/portal-settings/", "put"),
        ("/api/v1/users/", "post"),
    ]:
        operation = schema["paths"][path][method]
        assert operation.get("summary"), (method, path)
        assert operation.get("description"), (method, path)


def test_given_a_german_user_when_fetching_the_schema_then_the_docs_speak_german(
    api_client, tenant
):
    from tests.factories import StaffFactory

    api_client.force_login(StaffFactory(language="de"))

    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    assert schema["paths"]["/api/v1/tickets/"]["get"]["summary"] == "Tickets auflisten"
    tags = {tag["name"]: tag.get("description", "") for tag in schema["tags"]}
    assert tags["comments"] == "Öffentliche Antworten und interne Notizen zu einem Ticket."

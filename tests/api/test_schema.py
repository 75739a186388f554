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

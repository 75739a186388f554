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

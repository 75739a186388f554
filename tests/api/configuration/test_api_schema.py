"""The configuration endpoints appear in the OpenAPI document."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_given_the_schema_when_fetched_then_config_endpoints_are_described(admin_api):
    response = admin_api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v1/ticket-types/",
        "/api/v1/customers/{id}/portal-settings/",
        "/api/v1/sites/",
        "/api/v1/users/",
        "/api/v1/teams/",
        "/api/v1/sla-policies/",
        "/api/v1/sla-policies/{id}/",
    ):
        assert path in paths, path
    assert "put" in paths["/api/v1/customers/{id}/portal-settings/"]

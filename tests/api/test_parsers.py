"""The API's JSON parser: nesting depth and NUL bytes, answered with a 400 before any view."""

from __future__ import annotations

import pytest

from agencydesk.api.parsers import json_depth_exceeds

pytestmark = pytest.mark.django_db
TOKEN_URL = "/api/v1/auth/token/"


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_given_brackets_inside_strings_when_measured_then_they_do_not_count():
    raw = b'{"a": "[[[[[[[[[[\\"[[[[", "b": [[1]]}'

    assert not json_depth_exceeds(raw, 3)
    assert json_depth_exceeds(raw, 2)


@pytest.mark.parametrize("depth", [33, 5000, 100_000])
def test_given_json_nested_too_deep_when_posted_to_the_token_endpoint_then_400(api_client, depth):
    response = api_client.post(
        TOKEN_URL, data=f'{{"email": {_nested(depth)}}}', content_type="application/json"
    )

    assert response.status_code == 400
    assert "32" in response.json()["detail"]


def test_given_json_within_the_depth_limit_when_posted_then_the_view_answers(api_client):
    response = api_client.post(
        TOKEN_URL, data=f'{{"email": {_nested(30)}}}', content_type="application/json"
    )

    assert response.status_code == 400
    assert "email" in response.json()


def test_given_a_nul_byte_in_json_when_posted_then_400_before_the_view(api_client, staff):
    api_client.force_login(staff)

    response = api_client.post(
        "/api/v1/tickets/",
        data='{"title": "Door\\u0000", "customer": 1}',
        content_type="application/json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["detail"]
    assert "NUL" in response.json()["detail"]

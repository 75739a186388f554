"""Log lines are JSON with time, level, logger, message, tenant, request id and user id;
the request id comes from ``X-Request-ID`` when well-formed and travels into Celery tasks."""

from __future__ import annotations

import re
from typing import Any

import pytest

from agencydesk.observability.context import request_id_var
from tests.factories import StaffFactory


def lines_of(lines: list[dict[str, Any]], logger: str) -> list[dict[str, Any]]:
    return [line for line in lines if line.get("logger") == logger]


@pytest.mark.django_db
@pytest.mark.parametrize("which", ["tenant", "other_tenant"])
def test_given_a_request_id_when_a_tenant_request_logs_then_the_json_line_carries_it(
    client_for, request, which, json_log_lines
):
    tenant = request.getfixturevalue(which)
    client = client_for(tenant)

    response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="lb-7f3a.42")

    assert response.status_code == 404
    assert response["X-Request-ID"] == "lb-7f3a.42"
    [line] = lines_of(json_log_lines(), "django.request")
    assert line["tenant"] == tenant.schema_name
    assert line["request_id"] == "lb-7f3a.42"
    assert line["level"] == "WARNING"
    assert line["message"] == "Not Found: /no-such-page/"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d.*", line["time"])
    assert line["user_id"] == ""


@pytest.mark.django_db
def test_given_a_signed_in_user_when_a_request_logs_then_the_line_has_the_user_id(
    client, tenant, json_log_lines
):
    staff = StaffFactory()
    client.force_login(staff)

    client.get("/no-such-page/")

    [line] = lines_of(json_log_lines(), "django.request")
    assert line["user_id"] == str(staff.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("offered", [None, "", "bad id with spaces", "x" * 129, "a\nb"])
def test_given_no_or_a_malformed_request_id_when_requested_then_a_new_one_is_returned(
    client, offered
):
    headers = {} if offered is None else {"HTTP_X_REQUEST_ID": offered}

    response = client.get("/login/", **headers)

    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


@pytest.mark.django_db
def test_given_two_requests_when_answered_then_each_gets_its_own_id(client):
    first, second = client.get("/login/"), client.get("/login/")

    assert first["X-Request-ID"] != second["X-Request-ID"]
    assert request_id_var.get() == ""  # nothing leaks into the next request of the thread

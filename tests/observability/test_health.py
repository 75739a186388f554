"""``/health/live`` and ``/health/ready`` on any host; readiness follows the broker and the
database for real (a closed port, then the real Redis again)."""

from __future__ import annotations

import pytest

from tests.observability.conftest import REDIS_BROKER_URL, closed_port


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["alpha.localhost", "localhost", "10.1.2.3:8000", "unknown.test"])
def test_given_any_host_when_liveness_is_asked_then_it_answers_200(client_for, tenant, host):
    from django.test import Client

    response = Client(HTTP_HOST=host).get("/health/live")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_given_a_reachable_database_and_broker_when_readiness_is_asked_then_200(
    any_host_client, settings
):
    settings.CELERY_BROKER_URL = REDIS_BROKER_URL

    response = any_host_client.get("/health/ready")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "broker": "ok"}}


@pytest.mark.django_db
def test_given_the_broker_unreachable_when_readiness_is_asked_then_503_and_200_once_back(
    any_host_client, settings
):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{closed_port()}/0"

    down = any_host_client.get("/health/ready/")

    assert down.status_code == 503
    assert down.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "broker": "failed"},
    }

    settings.CELERY_BROKER_URL = REDIS_BROKER_URL

    back = any_host_client.get("/health/ready/")

    assert back.status_code == 200


@pytest.mark.django_db(transaction=True)
def test_given_the_database_unreachable_when_readiness_is_asked_then_503(any_host_client, settings):
    from django.db import connections

    settings.CELERY_BROKER_URL = REDIS_BROKER_URL
    database = connections["default"]
    saved_port = database.settings_dict["PORT"]
    database.close()
    database.settings_dict["PORT"] = closed_port()
    try:
        response = any_host_client.get("/health/ready")
    finally:
        database.close()
        database.settings_dict["PORT"] = saved_port

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "failed", "broker": "ok"}


@pytest.mark.django_db
def test_given_plain_http_in_production_when_probed_then_health_is_not_redirected(
    any_host_client, settings
):
    settings.SECURE_SSL_REDIRECT = True

    assert any_host_client.get("/health/live").status_code == 200


@pytest.mark.django_db
def test_given_an_operations_answer_when_sent_then_it_is_not_cached_and_not_sniffed(
    any_host_client,
):
    response = any_host_client.get("/health/live", HTTP_X_REQUEST_ID="probe-1")

    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Request-ID"] == "probe-1"

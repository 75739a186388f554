"""``/metrics``: off without ``METRICS_TOKEN``, 401 without the right bearer token; request,
task and backlog series; labels without tenants or raw paths."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencydesk.core import backlogs
from agencydesk.notifications.backlog import outbox_backlog_count
from tests.conftest import in_schema
from tests.notifications.factories import FailedMessageFactory
from tests.observability.scraping import TOKEN, sample, scrape


@pytest.mark.django_db
def test_given_no_metrics_token_when_metrics_are_asked_then_404(any_host_client, settings):
    settings.METRICS_TOKEN = ""

    response = any_host_client.get("/metrics", HTTP_AUTHORIZATION="Bearer anything")

    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("authorization", [None, "Bearer wrong-token", f"Token {TOKEN}", "Bearer"])
def test_given_a_token_when_metrics_are_asked_without_it_then_401(
    any_host_client, settings, authorization
):
    settings.METRICS_TOKEN = TOKEN
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}

    response = any_host_client.get("/metrics", **headers)

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert b"agencydesk_" not in response.content


@pytest.mark.django_db
def test_given_requests_to_a_tenant_when_scraped_then_latency_and_codes_per_view_show(
    any_host_client, client, settings
):
    settings.METRICS_TOKEN = TOKEN
    view = "accounts:login"
    before = scrape(any_host_client)
    count_before = sample(
        before, "agencydesk_http_responses_total", view=view, method="GET", status="200"
    )

    client.get("/login/")
    client.get("/login/")
    client.get("/no-such-page/")
    after = scrape(any_host_client)

    assert (
        sample(after, "agencydesk_http_responses_total", view=view, method="GET", status="200")
        == (count_before or 0) + 2
    )
    assert sample(after, "agencydesk_http_responses_total", view="<unresolved>", status="404")
    assert sample(
        after, "agencydesk_http_request_duration_seconds_bucket", view=view, method="GET", le="+Inf"
    )
    # Bounded labels: never the tenant or the raw path.
    assert "alpha" not in after
    assert "no-such-page" not in after


@pytest.mark.django_db
def test_given_unsent_emails_in_two_tenants_when_scraped_then_the_outbox_backlog_sums_them(
    any_host_client, tenant, other_tenant, settings
):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_BACKLOG_CACHE_SECONDS = 0
    baseline = sample(scrape(any_host_client), "agencydesk_backlog", backlog="outbox") or 0
    with in_schema(tenant):
        FailedMessageFactory.create_batch(2, status="pending")
        FailedMessageFactory(status="sent")
    with in_schema(other_tenant):
        FailedMessageFactory(status="sending")
        FailedMessageFactory(status="failed")

    assert sample(scrape(any_host_client), "agencydesk_backlog", backlog="outbox") == baseline + 3


@pytest.mark.django_db
@pytest.mark.parametrize(("per_statement", "count_statements"), [(200, 1), (1, 2)])
def test_given_two_tenant_schemas_when_the_backlog_is_counted_then_one_statement_per_batch(
    tenant, other_tenant, monkeypatch, per_statement, count_statements
):
    monkeypatch.setattr(backlogs, "SCHEMAS_PER_STATEMENT", per_statement)

    with CaptureQueriesContext(connection) as queries:
        outbox_backlog_count()

    counting = [
        q["sql"]
        for q in queries.captured_queries
        if "UNION ALL" in q["sql"] or ("count(*)" in q["sql"])
    ]
    # Not one statement per tenant: 1,000 tenants cost five statements.
    assert len(counting) == count_statements


MULTIPROCESS_CHILD = """
from agencydesk.observability.metrics import CELERY_TASKS
CELERY_TASKS.labels(task="demo.task", outcome="SUCCESS").inc()
"""
MULTIPROCESS_SCRAPE = """
from agencydesk.observability.metrics import metrics_exposition
print(metrics_exposition(include_backlogs=False).decode())
"""


def test_given_a_multiprocess_dir_when_two_processes_count_then_one_scrape_sums_them(tmp_path):
    env = {
        **os.environ,
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "agencydesk.config.test_settings",
    }

    def python(code: str) -> str:
        result = subprocess.run(  # noqa: S603 - our own code
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        return result.stdout

    python(MULTIPROCESS_CHILD)
    python(MULTIPROCESS_CHILD)
    scraped = python(MULTIPROCESS_SCRAPE)

    assert sample(scraped, "agencydesk_celery_tasks_total", task="demo.task") == 2

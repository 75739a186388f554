"""The periodic session cleanup: expired sessions go in every tenant schema and in the public
one (operators), live sessions stay."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from agencydesk.core.tasks import sessions_clear, sessions_clear_all_tenants
from tests.conftest import in_schema

pytestmark = pytest.mark.django_db


def sessions_make(prefix: str) -> None:
    now = timezone.now()
    Session.objects.create(session_key=f"{prefix}-expired", session_data="", expire_date=now)
    Session.objects.create(
        session_key=f"{prefix}-live", session_data="", expire_date=now + timedelta(days=1)
    )


def test_given_expired_sessions_when_cleared_then_only_live_ones_stay(tenant):
    sessions_make("alpha")

    sessions_clear.apply()

    assert list(Session.objects.values_list("session_key", flat=True)) == ["alpha-live"]


def test_given_expired_sessions_everywhere_when_the_periodic_job_runs_then_each_schema_is_cleared(
    tenant, other_tenant
):
    from agencydesk.config.celery import app

    app.conf.task_always_eager = True
    try:
        with in_schema(other_tenant):
            sessions_make("beta")
        sessions_make("alpha")
        connection.set_schema_to_public()
        sessions_make("public")

        sessions_clear_all_tenants.apply(kwargs={"jitter_seconds": 0})

        public = set(Session.objects.values_list("session_key", flat=True))
        with in_schema(other_tenant):
            beta = set(Session.objects.values_list("session_key", flat=True))
        with in_schema(tenant):
            alpha = set(Session.objects.values_list("session_key", flat=True))
    finally:
        app.conf.task_always_eager = False
    assert (public, alpha, beta) == ({"public-live"}, {"alpha-live"}, {"beta-live"})


def test_given_the_beat_schedule_then_the_session_cleanup_is_in_it():
    entries = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert "agencydesk.core.tasks.sessions_clear_all_tenants" in entries

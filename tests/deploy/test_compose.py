"""The compose stack: every application process has a health check that asks the right
thing, and nginx waits for a healthy web."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

COMPOSE = Path(__file__).resolve().parents[2] / "deploy" / "compose.yaml"


def services() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text())["services"]


def test_given_the_compose_file_when_read_then_web_worker_and_beat_check_their_health():
    stack = services()

    checks = {
        name: " ".join(stack[name]["healthcheck"]["test"]) for name in ("web", "worker", "beat")
    }

    assert "/health/ready" in checks["web"]
    assert "inspect ping" in checks["worker"] and "celery@$$HOSTNAME" in checks["worker"]
    assert "agencydesk.observability.probe beat" in checks["beat"]
    assert stack["nginx"]["depends_on"]["web"]["condition"] == "service_healthy"


def test_given_the_worker_overrides_its_environment_when_read_then_it_keeps_the_urls():
    # A YAML merge replaces the whole "environment" mapping: the worker repeats the URLs.
    worker = services()["worker"]["environment"]

    assert {"DATABASE_URL", "REDIS_URL", "METRICS_WORKER_PORT"} <= worker.keys()

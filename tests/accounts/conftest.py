"""Fixtures of the accounts area."""

from __future__ import annotations

import uuid
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def isolated_cache(settings: Any) -> None:
    """A cache of this test's own: throttle counters of earlier tests (rows are rolled back,
    cached counters are not) must not count against it. Never a shared Redis: clearing that
    would also empty the broker's queues."""
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"accounts-test-{uuid.uuid4().hex}",
        }
    }

"""Database connections are reused across requests by default, health-checked first; the
pool or DATABASE_CONN_MAX_AGE=0 (behind PgBouncer) turn that off."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
SHOW = """
import json, django
django.setup()
from django.conf import settings as s
db = s.DATABASES["default"]
print(json.dumps({"max_age": db.get("CONN_MAX_AGE"), "checks": db.get("CONN_HEALTH_CHECKS"),
                  "pool": bool(db.get("OPTIONS", {}).get("pool"))}))
"""


def _loaded(**extra: str) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AGENCYDESK_", "DATABASE_POOL", "DATABASE_CONN"))
        and key not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        SECRET_KEY="a-real-secret",
        DJANGO_SETTINGS_MODULE="agencydesk.config.settings",
        PYTHONPATH=os.pathsep.join([str(PROJECT_DIR / "src"), str(PROJECT_DIR)]),
        **extra,
    )
    result = subprocess.run(  # noqa: S603 - our own settings
        [sys.executable, "-c", SHOW],
        env=env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({}, {"max_age": 60, "checks": True, "pool": False}),
        ({"DATABASE_CONN_MAX_AGE": "0"}, {"max_age": 0, "checks": True, "pool": False}),
        # The pool keeps connections itself; Django refuses persistent ones beside it.
        ({"DATABASE_POOL": "1"}, {"max_age": 0, "checks": False, "pool": True}),
    ],
)
def test_given_connection_settings_when_loaded_then_connections_are_reused_as_asked(
    extra, expected
):
    assert _loaded(**extra) == expected

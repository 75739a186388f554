"""Sentry only with ``SENTRY_DSN``: no personal data by default, the tenant as a tag. Checked
in a fresh interpreter (initialising the SDK is process-wide); events go to a transport that
keeps them, nothing is sent."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
CAPTURE = """
import json, django
django.setup()
import sentry_sdk
from django.db import connection

client = sentry_sdk.get_client()
events = []
client.transport.capture_envelope = lambda envelope: events.extend(
    item.payload.json for item in envelope.items if item.payload.json
)
connection.set_schema("t_alpha")
sentry_sdk.capture_message("mail to ada@example.com failed")
client.flush()
print(json.dumps({
    "active": client.is_active(),
    "pii": client.options["send_default_pii"],
    "events": events,
}))
"""
NO_DSN = """
import django
django.setup()
import sys
print("sentry_sdk" in sys.modules)
"""


def run(code: str, **extra: str) -> str:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SENTRY_DSN", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        AGENCYDESK_DEV="1",
        DJANGO_SETTINGS_MODULE="agencydesk.config.settings",
        PYTHONPATH=os.pathsep.join([str(PROJECT_DIR / "src"), str(PROJECT_DIR)]),
        **extra,
    )
    result = subprocess.run(  # noqa: S603 - our own code
        [sys.executable, "-c", code],
        env=env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def test_given_no_dsn_when_the_app_starts_then_sentry_is_not_even_imported():
    assert run(NO_DSN) == "False"


def test_given_a_dsn_when_an_event_is_captured_then_it_has_the_tenant_and_no_email():
    shown = json.loads(run(CAPTURE, SENTRY_DSN="http://public@127.0.0.1:9/1"))

    assert shown["active"] is True
    assert shown["pii"] is False
    [event] = shown["events"]
    assert event["tags"]["tenant"] == "t_alpha"
    assert event["message"] == "mail to [email] failed"
    assert "ada@example.com" not in json.dumps(event)

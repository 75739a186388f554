"""Operations settings read in a fresh interpreter, as gunicorn and Celery would: the pool
size per process, JSON logs by default in production, text in development."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
SHOW = """
import json, logging, django
django.setup()
from django.conf import settings as s
print(json.dumps({
    "pool": s.DATABASES["default"].get("OPTIONS", {}).get("pool"),
    "connect_timeout": s.DATABASES["default"]["OPTIONS"]["connect_timeout"],
    "log_format": s.LOG_FORMAT,
}))
logging.getLogger("agencydesk.check").warning("settings loaded")
"""


def run_with(**extra: str) -> tuple[dict, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AGENCYDESK_", "DATABASE_POOL", "LOG_"))
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
    return json.loads(result.stdout.strip().splitlines()[-1]), result.stderr


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({}, None),
        ({"DATABASE_POOL": "1"}, {"min_size": 1, "max_size": 4, "timeout": 10.0}),
        (
            {"DATABASE_POOL": "1", "DATABASE_POOL_MAX_SIZE": "2", "DATABASE_POOL_MIN_SIZE": "0"},
            {"min_size": 0, "max_size": 2, "timeout": 10.0},
        ),
    ],
)
def test_given_pool_settings_when_loaded_then_each_process_gets_that_pool(extra, expected):
    loaded, _log = run_with(**extra)

    assert loaded["pool"] == expected
    assert loaded["connect_timeout"] == 5


def test_given_production_when_something_logs_then_the_line_is_json():
    loaded, log = run_with()

    assert loaded["log_format"] == "json"
    [line] = [json.loads(line) for line in log.splitlines() if "agencydesk.check" in line]
    assert line["level"] == "WARNING"
    assert line["message"] == "settings loaded"
    assert line["tenant"] == "public"
    assert {"time", "request_id", "user_id"} <= line.keys()


def test_given_development_when_something_logs_then_the_line_is_readable_text():
    loaded, log = run_with(AGENCYDESK_DEV="1")

    assert loaded["log_format"] == "text"
    assert "WARNING agencydesk.check [public ] settings loaded" in log

"""Beat's health check: a heartbeat file touched on every scheduler tick."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from agencydesk.config.celery import app
from agencydesk.observability.beat import HeartbeatScheduler
from agencydesk.observability.probe import beat_healthy


def test_given_the_beat_scheduler_when_it_ticks_then_the_heartbeat_is_fresh(tmp_path, settings):
    settings.BEAT_HEARTBEAT_FILE = str(tmp_path / "beat-heartbeat")
    scheduler = HeartbeatScheduler(app, schedule_filename=str(tmp_path / "schedule"), lazy=True)
    scheduler.setup_schedule()

    scheduler.tick()

    assert beat_healthy(tmp_path / "beat-heartbeat")


def test_given_a_stale_or_missing_heartbeat_when_probed_then_the_probe_fails(tmp_path):
    heartbeat = tmp_path / "beat-heartbeat"
    assert not beat_healthy(heartbeat)
    heartbeat.touch()
    old = time.time() - 600
    os.utime(heartbeat, (old, old))

    result = subprocess.run(
        [sys.executable, "-m", "agencydesk.observability.probe", "beat"],
        env={**os.environ, "BEAT_HEARTBEAT_FILE": str(heartbeat)},
        check=False,
    )

    assert result.returncode == 1
    heartbeat.touch()
    assert beat_healthy(heartbeat)

"""Celery beat's health: the scheduler touches a heartbeat file on every tick, so a health
check can tell a running beat from a hung one (``python -m agencydesk.observability.probe
beat``). Ticks come at least every ``beat_max_interval`` seconds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from celery.beat import PersistentScheduler
from django.conf import settings


class HeartbeatScheduler(PersistentScheduler):
    def tick(self, *args: Any, **kwargs: Any) -> float:
        interval = float(super().tick(*args, **kwargs))
        heartbeat_touch()
        return interval


def heartbeat_touch() -> None:
    path = Path(settings.BEAT_HEARTBEAT_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()

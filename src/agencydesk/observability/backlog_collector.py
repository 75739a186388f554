"""The ``agencydesk_backlog`` gauge: the registered backlog counters (core/backlogs.py),
called at scrape time and remembered for ``METRICS_BACKLOG_CACHE_SECONDS`` so frequent
scrapes from several Prometheus servers do not each count across every tenant."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator

from django.conf import settings
from prometheus_client import CollectorRegistry
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from agencydesk.core.backlogs import backlog_counters

logger = logging.getLogger(__name__)


class BacklogCollector(Collector):
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counted_at = float("-inf")
        self._counts: dict[str, int] = {}

    def counts(self) -> dict[str, int]:
        with self._lock:
            if time.monotonic() - self._counted_at >= settings.METRICS_BACKLOG_CACHE_SECONDS:
                self._counts = _count_all()
                self._counted_at = time.monotonic()
            return dict(self._counts)

    def collect(self) -> Iterator[Metric]:
        gauge = GaugeMetricFamily(
            "agencydesk_backlog",
            "Work waiting over all tenants: unsent emails (outbox), undelivered webhooks …",
            labels=["backlog"],
        )
        for name, count in sorted(self.counts().items()):
            gauge.add_metric([name], count)
        yield gauge


def _count_all() -> dict[str, int]:
    counts = {}
    for name, counter in backlog_counters().items():
        try:
            counts[name] = counter()
        except Exception:
            # One broken counter must not take the whole scrape down; its series goes
            # missing, which an "absent()" alert notices.
            logger.exception("backlog counter %s failed", name)
    return counts


backlog_collector = BacklogCollector()
backlog_registry = CollectorRegistry(auto_describe=False)
backlog_registry.register(backlog_collector)

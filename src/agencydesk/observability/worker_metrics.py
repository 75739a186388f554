"""The Celery worker's own ``/metrics``: its task series live in the worker's processes, not
in the web's. With ``METRICS_WORKER_PORT`` set, the worker's main process serves them on that
port (same bearer token as the web); prefork children write to ``PROMETHEUS_MULTIPROC_DIR``,
which the main process reads — so the worker needs that directory, as the image sets."""

from __future__ import annotations

import hmac
import logging
import os
import shutil
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from django.conf import settings
from prometheus_client import CONTENT_TYPE_LATEST

from agencydesk.observability.metrics import metrics_exposition

logger = logging.getLogger(__name__)

Environ = dict[str, Any]


def metrics_app(environ: Environ, start_response: Any) -> Iterable[bytes]:
    """A WSGI app answering like the web's ``/metrics`` (404 off, 401 without the token)."""
    token = settings.METRICS_TOKEN
    offered = environ.get("HTTP_AUTHORIZATION", "")
    if not token:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found\n"]
    if not hmac.compare_digest(offered.encode(), f"Bearer {token}".encode()):
        start_response(
            "401 Unauthorized",
            [("Content-Type", "text/plain"), ("WWW-Authenticate", 'Bearer realm="metrics"')],
        )
        return [b"authentication required\n"]
    start_response("200 OK", [("Content-Type", CONTENT_TYPE_LATEST)])
    return [metrics_exposition(include_backlogs=False)]


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        logger.debug(format, *args)


def worker_metrics_serve(port: int, *, host: str = "0.0.0.0") -> WSGIServer:  # noqa: S104
    """Serve in a daemon thread; returns the server (``shutdown()`` stops it)."""
    server = make_server(host, port, metrics_app, handler_class=_QuietHandler)
    threading.Thread(target=server.serve_forever, name="worker-metrics", daemon=True).start()
    logger.info("worker metrics on port %s", server.server_port)
    return server


def multiprocess_dir_reset() -> None:
    """At start, before any child writes: samples of an earlier run would be counted again."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not directory:
        return
    path = Path(directory)
    if path.exists():
        for entry in path.iterdir():
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    path.mkdir(parents=True, exist_ok=True)


def on_worker_init(**kwargs: Any) -> None:
    """Celery's ``worker_init`` (the main process, before the pool starts)."""
    port = os.environ.get("METRICS_WORKER_PORT")
    if not port:
        return
    multiprocess_dir_reset()
    worker_metrics_serve(int(port))

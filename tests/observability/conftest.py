"""Fixtures for the operations endpoints and logs."""

from __future__ import annotations

import io
import json
import logging
import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client

from agencydesk.observability.logs import JsonLogFormatter, RequestContextFilter

REDIS_BROKER_URL = "redis://127.0.0.1:6379/11"


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def any_host_client() -> Client:
    """A client for a host no tenant has: operations endpoints answer there too."""
    return Client(HTTP_HOST="10.1.2.3:8000")


@pytest.fixture
def json_log_lines() -> Iterator[Callable[[], list[dict[str, Any]]]]:
    """Log records of the whole process written by the production filter and formatter;
    call the fixture's value to get them parsed, one dict per line."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonLogFormatter())
    handler.addFilter(RequestContextFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines() if line]
    finally:
        root.removeHandler(handler)

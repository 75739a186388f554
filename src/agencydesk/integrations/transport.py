"""One webhook POST: to the checked address, with separate connect/read timeouts, no
redirects followed (a 3xx is a failure), a bounded excerpt of the answer kept."""

from __future__ import annotations

import time
from dataclasses import dataclass

import urllib3
from django.conf import settings

from agencydesk.integrations.destinations import (
    Destination,
    DestinationRefused,
    destination_resolve,
)

RESPONSE_EXCERPT_BYTES = 1024
ERROR_MAX_CHARS = 500


@dataclass(frozen=True)
class PostResult:
    status: int | None  # the HTTP status, None when no answer came
    excerpt: str
    duration_ms: int
    error: str

    @property
    def succeeded(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def _pool(destination: Destination) -> urllib3.HTTPConnectionPool:
    timeout = urllib3.Timeout(
        connect=settings.WEBHOOK_CONNECT_TIMEOUT_SECONDS,
        read=settings.WEBHOOK_READ_TIMEOUT_SECONDS,
    )
    if destination.scheme == "https":
        # Connect to the checked address, but present and verify the URL's host name (SNI
        # and certificate), as a client that had looked the name up itself would.
        return urllib3.HTTPSConnectionPool(
            destination.address,
            destination.port,
            timeout=timeout,
            retries=False,
            maxsize=1,
            server_hostname=destination.host,
            assert_hostname=destination.host,
            cert_reqs="CERT_REQUIRED",
        )
    return urllib3.HTTPConnectionPool(
        destination.address, destination.port, timeout=timeout, retries=False, maxsize=1
    )


def webhook_post(*, url: str, body: bytes, headers: dict[str, str]) -> PostResult:
    """POST ``body``; never raises for network trouble (it is a failed attempt)."""
    started = time.monotonic()

    def elapsed() -> int:
        return int((time.monotonic() - started) * 1000)

    try:
        destination = destination_resolve(url)
    except DestinationRefused as error:
        return PostResult(None, "", elapsed(), f"Refused: {error}"[:ERROR_MAX_CHARS])
    pool = _pool(destination)
    try:
        response = pool.urlopen(
            "POST",
            destination.path,
            body=body,
            headers={**headers, "Host": destination.host_header},
            redirect=False,
            retries=False,
            preload_content=False,
            assert_same_host=False,
        )
        try:
            excerpt = response.read(RESPONSE_EXCERPT_BYTES)
        finally:
            response.release_conn()
    except (urllib3.exceptions.HTTPError, OSError, ValueError) as error:
        return PostResult(None, "", elapsed(), f"{type(error).__name__}: {error}"[:ERROR_MAX_CHARS])
    finally:
        pool.close()
    status = response.status
    problem = ""
    if 300 <= status < 400:
        problem = f"Redirect to {response.headers.get('Location', '?')} not followed"
    elif not 200 <= status < 300:
        problem = f"HTTP {status}"
    # Shown in the log as text: PostgreSQL text cannot hold NUL characters.
    text = excerpt.decode("utf-8", errors="replace").replace("\x00", "\ufffd")
    return PostResult(status, text, elapsed(), problem[:ERROR_MAX_CHARS])

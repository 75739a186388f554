"""The client's address, the one way every door resolves it (lockout, throttles).

``TRUSTED_PROXIES`` says how many reverse proxies in front of the app append to
``X-Forwarded-For``. The last ``TRUSTED_PROXIES`` entries were written by them, so the
client is the entry that many places from the right; anything further left was written by
the client and proves nothing. With 0 the header is ignored. (DRF's ``NUM_PROXIES`` is set
to the same number and resolves the same way.)
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote_addr = str(request.META.get("REMOTE_ADDR", ""))
    proxies = int(settings.TRUSTED_PROXIES)
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    if proxies <= 0 or not forwarded:
        return remote_addr
    addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
    if not addresses:
        return remote_addr
    return addresses[-min(proxies, len(addresses))]

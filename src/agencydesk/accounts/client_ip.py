"""The client's address, the one way every door resolves it (lockout, throttles, logs).

``TRUSTED_PROXIES`` says how many reverse proxies append to ``X-Forwarded-For``; with 0 the
header is ignored, because a client can write anything into it.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip


def client_ip(request: HttpRequest) -> str:
    proxies = settings.TRUSTED_PROXIES
    remote_addr = str(request.META.get("REMOTE_ADDR", ""))
    if not proxies:
        return remote_addr
    address, _routable = get_client_ip(
        request,
        proxy_count=proxies,
        request_header_order=("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"),
    )
    return address or remote_addr

"""Links that leave the request (emails, printed URLs): built from the public URL settings,
never from the port the application server happens to bind (behind a proxy that port is
not reachable)."""

from __future__ import annotations

from django.conf import settings

DEFAULT_PORTS = {"http": 80, "https": 443}


def public_origin(host: str) -> str:
    """``scheme://host[:port]`` as users reach ``host``; the port only when it is not the
    scheme's default (``PUBLIC_URL_SCHEME``, ``PUBLIC_URL_PORT``)."""
    scheme = settings.PUBLIC_URL_SCHEME
    port = settings.PUBLIC_URL_PORT
    if port is None or port == DEFAULT_PORTS.get(scheme):
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"

"""The webhook signature: HMAC-SHA256 of the raw body with the subscription's secret."""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_PREFIX = "sha256="


def signature_header(*, secret: str, body: bytes) -> str:
    """The value of ``X-Agencydesk-Signature`` for ``body``."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"{SIGNATURE_PREFIX}{digest}"


def signature_valid(*, secret: str, body: bytes, header: str) -> bool:
    """What a receiver does (used by tests and documented for integrators)."""
    return hmac.compare_digest(signature_header(secret=secret, body=body), header)

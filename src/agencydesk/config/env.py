"""Small helpers that read settings from the environment."""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse


def env_bool(name: str, *, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def debug_mode() -> bool:
    return env_bool("DEBUG", default=False)


def development_mode() -> bool:
    """DEBUG or AGENCYDESK_DEV (make run, the tests): plain HTTP, no HSTS."""
    return debug_mode() or bool(os.environ.get("AGENCYDESK_DEV"))


def env_list(name: str, *, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def email_settings_from_url(url: str) -> dict[str, Any]:
    """Django email settings from ``EMAIL_URL`` (``smtp://user:pw@host:port``, ``smtp+tls://``,
    ``smtp+ssl://``, ``console://``); the discrete ``EMAIL_HOST``… variables win where set."""
    if not url and not os.environ.get("EMAIL_HOST"):
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    settings: dict[str, Any] = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend"}
    if url:
        parsed = urlparse(url)
        if parsed.scheme == "console":
            return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
        settings.update(
            EMAIL_HOST=parsed.hostname or "localhost",
            EMAIL_PORT=parsed.port or 25,
            EMAIL_HOST_USER=unquote(parsed.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parsed.password or ""),
            EMAIL_USE_TLS=parsed.scheme in {"smtp+tls", "submission"},
            EMAIL_USE_SSL=parsed.scheme in {"smtps", "smtp+ssl"},
        )
        timeout = parse_qs(parsed.query).get("timeout")
        settings["EMAIL_TIMEOUT"] = int(timeout[0]) if timeout else 10
    for name in ("EMAIL_HOST", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD"):
        if os.environ.get(name):
            settings[name] = os.environ[name]
    if os.environ.get("EMAIL_PORT"):
        settings["EMAIL_PORT"] = int(os.environ["EMAIL_PORT"])
    if os.environ.get("EMAIL_USE_TLS"):
        settings["EMAIL_USE_TLS"] = env_bool("EMAIL_USE_TLS", default=False)
    return settings

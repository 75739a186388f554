"""Security settings: HTTP headers (CSP, permissions policy, HSTS/SSL, cookies), passwords,
login protection (axes) and two-factor authentication (django-otp). Imported by settings.py."""

from __future__ import annotations

import datetime
import os

from csp.constants import NONCE, NONE, SELF

from agencydesk.config.env import debug_mode, development_mode, env_bool, env_list

DEBUG = debug_mode()
_DEVELOPMENT = development_mode()

# --- HTTP security -----------------------------------------------------------------------------
# CSRF trusts the request's own origin only (Django compares Origin with the Host). No
# wildcard for the base domain: every tenant host would be a trusted origin of every other.
# Only for extra origins (another front end), never for "*.BASE_DOMAIN".
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])
SESSION_COOKIE_DOMAIN = None
CSRF_COOKIE_DOMAIN = None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Behind a TLS-terminating proxy: the header it sets for HTTPS requests (e.g.
# X-Forwarded-Proto). Only set it when the proxy always overwrites that header, else clients
# could claim HTTPS. Unset: the connection itself decides.
_proxy_ssl_header = os.environ.get("SECURE_PROXY_SSL_HEADER", "")
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _proxy_ssl_header.upper().replace("-", "_"), "https") if _proxy_ssl_header else None
)
# Development (DEBUG, AGENCYDESK_DEV: make run, the tests) serves plain HTTP.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not _DEVELOPMENT)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # the container health check speaks plain HTTP
SECURE_HSTS_SECONDS = int(
    os.environ.get("SECURE_HSTS_SECONDS", "0" if _DEVELOPMENT else "31536000")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
# Scripts and styles only from our static files; a <style> only with the response's nonce
# (the agency's accent colour, ticket type colours). No inline script, no inline style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# --- Passwords --------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("name", "email")},
    },
    {
        # 12 characters for staff, tenant admins and operators; 8 for customer users.
        "NAME": "agencydesk.accounts.password_validation.RoleMinimumLengthValidator",
        "OPTIONS": {"min_length": 12, "customer_min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Login protection (README "Logins, two-factor authentication and API tokens") --------
# Reverse proxies in front of the app that append to X-Forwarded-For. 0: the client address
# is the TCP peer and X-Forwarded-For is ignored (a client could write anything into it).
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
# Per account, never per address: changing addresses must not buy more attempts.
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_CALLABLE = "agencydesk.accounts.lockout.tenant_qualified_username"
AXES_LOCKOUT_CALLABLE = "agencydesk.accounts.lockout.lockout_response"
# The project's one client-address rule (TRUSTED_PROXIES, like DRF's NUM_PROXIES) instead of
# django-ipware's heuristics, which prefer "public-looking" addresses from the header.
AXES_CLIENT_IP_CALLABLE = "agencydesk.accounts.client_ip.client_ip"
# Database handler: lockouts keep working (and logins keep answering) when the cache is down.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_VERBOSE = False
# Failed attempts are what lockout needs; a row per successful login would grow without end.
AXES_DISABLE_ACCESS_LOG = True
# axes.W006 wants ip_address in the lockout parameters; locking per address would let an
# attacker with many addresses keep guessing. Per-address limits are the DRF throttles' job.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# Two-factor authentication (django-otp, TOTP devices and recovery codes).
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "agencydesk")
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# API tokens expire after this many days unless their creator chose another date.
API_TOKEN_DEFAULT_DAYS = int(os.environ.get("API_TOKEN_DEFAULT_DAYS", "90"))

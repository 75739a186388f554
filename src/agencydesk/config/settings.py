"""Settings, driven by the environment (12-factor). See README "Configuration"."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from agencydesk.config.env import (
    debug_mode,
    development_mode,
    email_settings_from_url,
    env_bool,
    env_list,
)

# The features' background work: outbox, webhooks, trash, contractor links, periodic jobs.
from agencydesk.config.settings_features import *  # noqa: F403

# Health checks, metrics, JSON logs, error tracking.
from agencydesk.config.settings_operations import *  # noqa: F403

# HTTP security headers, passwords, login protection and two-factor authentication.
from agencydesk.config.settings_security import *  # noqa: F403
from agencydesk.config.settings_security import TRUSTED_PROXIES

PROJECT_DIR = Path(__file__).resolve().parents[3]
DATA_DIR = Path(os.environ.get("AGENCYDESK_DATA_DIR", PROJECT_DIR / ".data"))

DEBUG = debug_mode()
SECRET_KEY = os.environ.get("SECRET_KEY") or (
    "insecure-development-key-change-me" if DEBUG or os.environ.get("AGENCYDESK_DEV") else ""
)
if not SECRET_KEY:
    # Refuse to start in production without a real key rather than sign sessions with a
    # known one. (Imported only on this path: settings load before the rest of Django.)
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY must be set (or DEBUG=1 for development).")
# Old keys still decrypt stored secrets (and check sessions) after SECRET_KEY is rotated.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", default=[])
# Salt for the key that encrypts stored secrets such as mailbox passwords
# (django-fernet-encrypted-fields derives it from SECRET_KEY). Not secret itself.
SALT_KEY = env_list("FIELD_ENCRYPTION_SALT", default=["agencydesk-stored-secrets"])

BASE_DOMAIN = os.environ.get("BASE_DOMAIN", "localhost")
_DEVELOPMENT = development_mode()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=[BASE_DOMAIN, f".{BASE_DOMAIN}", "127.0.0.1"])
# Links in emails and printed URLs: the scheme and port users reach (behind a proxy, not the
# port the application server binds). An empty port means the scheme's default.
PUBLIC_URL_SCHEME = os.environ.get("PUBLIC_URL_SCHEME", "http" if _DEVELOPMENT else "https")
_public_port = os.environ.get(
    "PUBLIC_URL_PORT", os.environ.get("PORT", "8000") if _DEVELOPMENT else ""
)
PUBLIC_URL_PORT: int | None = int(_public_port) if _public_port else None

# --- Tenancy -------------------------------------------------------------------------------
# Lockout records and two-factor devices live next to the users they protect: in the public
# schema for operators, in each tenant's schema for its users (so they are both shared and
# tenant apps). A tenant's failed logins are its personal data and go with its schema.
_AUTH_SECURITY_APPS = [
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
SHARED_APPS = [
    "django_tenants",
    "tenants",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.admin",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "agencydesk.core",
    "agencydesk.observability",
    "agencydesk.accounts",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and ReDoc as static files (no CDN)
    "django_filters",
    "django_htmx",
    *_AUTH_SECURITY_APPS,
]
TENANT_APPS = [
    # auth, sessions and admin live in every tenant schema: users are per tenant, and a
    # session table shared by all tenants would let one tenant's session name another's user.
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.admin",
    "django.contrib.messages",
    "agencydesk.accounts",
    "agencydesk.customers",
    "agencydesk.sla",
    "agencydesk.tickets",
    "agencydesk.notifications",
    "agencydesk.reports",
    "agencydesk.integrations",
    "agencydesk.operations",
    "agencydesk.staff",
    "agencydesk.portal",
    "agencydesk.configuration",
    "agencydesk.api",
    *_AUTH_SECURITY_APPS,
]
INSTALLED_APPS = list(SHARED_APPS) + [a for a in TENANT_APPS if a not in SHARED_APPS]
# The development tools' commands (bench, bench_reports) only in development and only when
# they are there: the runtime image leaves agencydesk/devtools/ out.
if _DEVELOPMENT and importlib.util.find_spec("agencydesk.devtools") is not None:
    INSTALLED_APPS.append("agencydesk.devtools")

TENANT_MODEL = "tenants.Tenant"
TENANT_DOMAIN_MODEL = "tenants.Domain"
PUBLIC_SCHEMA_NAME = "public"
PUBLIC_SCHEMA_URLCONF = "agencydesk.config.urls_public"
ROOT_URLCONF = "agencydesk.config.urls_tenant"
# New tenants are cloned from a pre-migrated template schema (structure only) instead of
# running every migration again: see tenants/provisioning.py.
TENANT_BASE_SCHEMA = "tenant_template"
# What a new tenant starts with, in order, each step inside its schema (tenants/seed.py).
TENANT_PROVISIONING_STEPS = [
    "agencydesk.accounts.provisioning.first_admin_create",
    "agencydesk.tickets.provisioning.starter_ticket_types_create",
]
TENANT_CREATION_FAKES_MIGRATIONS = True
SHOW_PUBLIC_IF_NO_TENANT_FOUND = False

DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]
_db = dj_database_url.parse(
    os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/agencydesk"),
    conn_max_age=0,
)
_db["ENGINE"] = "django_tenants.postgresql_backend"
# Django's native psycopg pool keeps one connection per request: django-tenants' separate
# "SET search_path" statement then always reaches the same server session (a PgBouncer in
# transaction mode could not promise that).
# Each process (gunicorn worker, Celery child) has a pool of its own, so the server sees up
# to (processes * DATABASE_POOL_MAX_SIZE) connections: see deploy/README.md for the formula.
# A gunicorn worker uses at most one connection per thread at a time.
if env_bool("DATABASE_POOL", default=False):
    _db.setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(os.environ.get("DATABASE_POOL_MIN_SIZE", "1")),
        "max_size": int(os.environ.get("DATABASE_POOL_MAX_SIZE", "4")),
        # Seconds a request waits for a free connection before it fails (503 beats a hang).
        "timeout": float(os.environ.get("DATABASE_POOL_TIMEOUT", "10")),
    }
else:
    # Without the pool, a connection lives on between requests (a new one costs 15-20 ms),
    # checked before reuse; behind PgBouncer set DATABASE_CONN_MAX_AGE=0 (deploy/pgbouncer.md).
    _db["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
    _db["CONN_HEALTH_CHECKS"] = True
# Readiness and requests fail fast when the server cannot be reached.
_db.setdefault("OPTIONS", {}).setdefault(
    "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))
)
_db.setdefault("TEST", {})["NAME"] = os.environ.get("TEST_DATABASE_NAME") or None
if _db["TEST"]["NAME"] is None:
    del _db["TEST"]["NAME"]
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

MIDDLEWARE = [
    # First: request id, request metrics, and /health/*, /metrics on any host.
    "agencydesk.observability.middleware.OperationsMiddleware",
    "django_tenants.middleware.main.TenantMainMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "agencydesk.accounts.two_factor.middleware.TwoFactorRequiredMiddleware",
    "agencydesk.core.middleware.LanguageAndTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so it sees the lockout flag the authentication backend set on the request.
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tenants.context_processors.tenant",
                "csp.context_processors.nonce",
            ],
        },
    }
]
WSGI_APPLICATION = "agencydesk.config.wsgi.application"

# --- Users -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# AxesBackend first: it refuses a locked-out account before the password is even checked;
# then the model backend, refusing contacts (customer users without portal access).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "agencydesk.customers.authentication.PortalAccessBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
# Lifetime of a password reset link, and of an invitation link (seconds).
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT", 24 * 3600))
INVITATION_TIMEOUT = int(os.environ.get("INVITATION_TIMEOUT", 3 * 24 * 3600))


# --- Localisation ----------------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [Path(os.environ.get("AGENCYDESK_LOCALE_DIR", PROJECT_DIR / "locale"))]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"  # stored in UTC; shown in the user's or the tenant's timezone
# Dates, times and numbers per region (de-AT, en-GB …): agencydesk/config/formats/<xx_YY>/.
FORMAT_MODULE_PATH = ["agencydesk.config.formats"]
# Commands, the operator host and worker logs speak this, whatever a tenant's language.
OPERATOR_LANGUAGE = os.environ.get("OPERATOR_LANGUAGE", "en").strip().lower() or "en"
if OPERATOR_LANGUAGE.split("-")[0] not in {code for code, _name in LANGUAGES}:
    raise ImproperlyConfigured(f"OPERATOR_LANGUAGE={OPERATOR_LANGUAGE!r} is not one of LANGUAGES.")

# --- Static and media (per tenant) -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", PROJECT_DIR / "staticfiles"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
MEDIA_URL = "/media/"  # never served directly: attachments go through a permission check
MULTITENANT_RELATIVE_MEDIA_ROOT = "%s"
STORAGES = {
    "default": {"BACKEND": "django_tenants.files.storage.TenantFileSystemStorage"},
    "staticfiles": {
        # Content-hashed names: nginx caches /static/ for a year, an upgrade changes the URLs.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024))
# Production: a URL prefix of an nginx "internal" location aliased to MEDIA_ROOT; downloads
# are then answered with X-Accel-Redirect after the permission check. Empty: Django streams.
ATTACHMENT_X_ACCEL_PREFIX = os.environ.get("ATTACHMENT_X_ACCEL_PREFIX", "")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Cache (tenant-scoped keys) --------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache"
        if REDIS_URL
        else "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": REDIS_URL or "agencydesk",
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
    }
}

# --- Celery ----------------------------------------------------------------------------------
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
else:
    # Without Redis a real worker still runs, on kombu's filesystem transport under .data/.
    _queue_dir = DATA_DIR / "broker"
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(DATA_DIR / "broker-processed"),
        "store_processed": False,
        # Exchange tables; the default is "control" in the working directory.
        "control_folder": str(DATA_DIR / "broker-control"),
    }
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "agencydesk")
# Beat touches this file on every tick (at least every beat_max_interval seconds): its
# container health check (python -m agencydesk.observability.probe beat) reads the age.
CELERY_BEAT_SCHEDULER = "agencydesk.observability.beat.HeartbeatScheduler"
CELERY_BEAT_MAX_INTERVAL = 60
BEAT_HEARTBEAT_FILE = os.environ.get("BEAT_HEARTBEAT_FILE", str(DATA_DIR / "beat-heartbeat"))

# --- Email -----------------------------------------------------------------------------------
globals().update(email_settings_from_url(os.environ.get("EMAIL_URL", "")))
if _DEVELOPMENT and not os.environ.get("EMAIL_URL") and not os.environ.get("EMAIL_HOST"):
    # Development without a mail server: one .eml file per message under .data/mail/
    # (make run prints where), not the demo's MIME text all over the console.
    EMAIL_BACKEND = "agencydesk.core.mail.EmlFileEmailBackend"
    EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", DATA_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", f"helpdesk@{BASE_DOMAIN}")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- API -------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "agencydesk.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON nested deeper than 32 levels and NUL bytes are refused before any view runs.
    "DEFAULT_PARSER_CLASSES": [
        "agencydesk.api.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "agencydesk.api.pagination.StandardPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "agencydesk.api.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "agencydesk.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # Throttles keyed by the real client address (see TRUSTED_PROXIES) within the tenant;
    # they let requests through when the cache cannot be reached.
    "DEFAULT_THROTTLE_CLASSES": [
        "agencydesk.accounts.throttling.AnonThrottle",
        "agencydesk.accounts.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "120/min"),
        "user": os.environ.get("API_THROTTLE_USER", "1200/min"),
        "auth-token": os.environ.get("API_THROTTLE_AUTH_TOKEN", "30/min"),
    },
    "NUM_PROXIES": TRUSTED_PROXIES,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "agencydesk API",
    "DESCRIPTION": "Tickets, customers, portal and reports of one agency (tenant).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Operation ids and tags start after the version: "tickets_list", not "v1_tickets_list".
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Over a hundred operations: the page opens with the areas listed, each opened on click.
    "SWAGGER_UI_SETTINGS": {"docExpansion": "none", "deepLinking": True},
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "agencydesk.api.schema.postprocess_tags",
        "agencydesk.api.schema_errors.postprocess_error_responses",
    ],
    "COMPONENT_SPLIT_REQUEST": True,
    # One name per choice set shared by several serializers.
    "ENUM_NAME_OVERRIDES": {
        "RoleEnum": "agencydesk.accounts.models.Role.choices",
        "CustomerRoleEnum": "agencydesk.customers.models.CustomerRole.choices",
        "PriorityEnum": "agencydesk.tickets.models.Priority.choices",
        # Tickets keep the name they had before issues and work orders had a status too.
        "StatusEnum": "agencydesk.tickets.models.Status.choices",
        "WebhookEventEnum": "agencydesk.integrations.models.WebhookEvent.choices",
        "WebhookDeliveryStatusEnum": "agencydesk.integrations.models.DeliveryStatus.choices",
        "IssueStatusEnum": "agencydesk.operations.choices.IssueStatus.choices",
        "WorkOrderStatusEnum": "agencydesk.operations.choices.WorkOrderStatus.choices",
        "CannedReplyStatusEnum": "agencydesk.tickets.canned_models.CANNED_REPLY_STATUSES",
        # Tickets' visibility and the tenant's staff_ticket_visibility share the values.
        "VisibilityEnum": "agencydesk.tickets.models.Visibility.choices",
    },
}

# --- Notifications and inbound email ---------------------------------------------------------
# Replies thread back through <local>+<ticket token>@INBOUND_EMAIL_DOMAIN (local part per tenant).
INBOUND_EMAIL_DOMAIN = os.environ.get("INBOUND_EMAIL_DOMAIN", f"inbound.{BASE_DOMAIN}")

"""How the OpenAPI document describes every operation, whichever package owns the view.

- Tags per area, from the URL: the first part after ``/api/v1/`` (``tickets``, ``customers``,
  ``webhooks`` …); a ticket's ``comments`` and ``attachments`` have their own; everything
  under ``portal/`` is ``portal``, under ``auth/`` ``auth``. A new package's routes get
  their tag without any code.
- Operation ids without the version (``tickets_list``): ``SCHEMA_PATH_PREFIX`` in settings.
- Descriptions only from ``extend_schema``: docstrings are written for developers and never
  reach API users.
- Error answers (400/401/403/404/429) with the shared shapes of ``api/errors.py``:
  ``schema_errors.postprocess_error_responses``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_bearer_security_scheme_object

from agencydesk.accounts.authentication import ApiTokenAuthentication

# Path parts below a ticket that are areas of their own.
_TICKET_SUBAREAS = frozenset({"comments", "attachments"})

# The areas in the order the docs show them, with what API users find there. Areas of new
# packages not listed here still get their tag (without a description), after these.
AREAS: dict[str, Any] = {
    "auth": _("API tokens, password reset and password change."),
    "tickets": _(
        "Staff and tenant admins: find, open and change tickets, move them to the trash and "
        "back, merge duplicates, read a ticket's activity."
    ),
    "comments": _("Public replies and internal notes on a ticket."),
    "attachments": _("Files on a ticket."),
    "portal": _(
        "Customer users: their sites, the ticket types they may report, their tickets with "
        "comments and attachments, and the resolution-time report if their portal shows it."
    ),
    "reports": _("Resolution times, grouped by type, priority, customer, site, assignee or month."),
    "ticket-types": _("Tenant admins: ticket types with their custom fields."),
    "customers": _("Tenant admins: customers and their portal settings."),
    "sites": _("Tenant admins: sites (buildings, blocks, units) of the customers."),
    "contacts": _("Tenant admins: a customer's people without a portal login."),
    "users": _(
        "Tenant admins: staff, tenant admins and customer users; invitations, export and erasure."
    ),
    "teams": _("Tenant admins: teams and how their tickets are assigned."),
    "sla-policies": _(
        "Tenant admins: business hours, holidays and response and resolution targets."
    ),
    "settings": _("Tenant admins: the agency's settings."),
    "webhooks": _("Tenant admins: webhook subscriptions and their deliveries."),
    "issues": _("Findings on a site, with photos."),
    "work-orders": _("Work dispatched to contractors."),
    "contractors": _("The contractors work orders go to."),
}


def area_of(tokenized_path: list[str]) -> str:
    """The tag of an operation from its path parts without the version and parameters."""
    if not tokenized_path:
        return "api"
    first = tokenized_path[0]
    if first == "tickets" and len(tokenized_path) > 1 and tokenized_path[1] in _TICKET_SUBAREAS:
        return tokenized_path[1]
    return first


class ApiAutoSchema(AutoSchema):
    """The project's schema class (``REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]``)."""

    def get_tags(self) -> list[str]:
        return [area_of(self._tokenize_path())]

    def get_description(self) -> str:  # type: ignore[override]
        # Only what extend_schema(description=…) says; it overrides this method.
        return ""


def postprocess_tags(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """List the tags in use, known areas first and described, in the user's language."""
    used = {tag for item in result["paths"].values() for op in item.values() for tag in op["tags"]}
    known = [
        {"name": name, "description": str(text)} for name, text in AREAS.items() if name in used
    ]
    others = [{"name": name} for name in sorted(used - set(AREAS))]
    result["tags"] = known + others
    return result


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "agencydesk.accounts.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix=ApiTokenAuthentication.keyword
        )

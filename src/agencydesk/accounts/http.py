"""Requests whose user is known to be signed in, for type-checked views.

Django types ``request.user`` as ``User | AnonymousUser``; a view behind a permission gate
that refuses anonymous users annotates its request with these instead, so the user is a
``User`` without a ``# type: ignore``. Only annotations: the objects are Django's and DRF's
own requests.
"""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails
from rest_framework.request import Request

from agencydesk.accounts.models import User
from tenants.models import Tenant


class AuthenticatedHttpRequest(HttpRequest):
    """A Django request behind a login gate (staff, portal, configuration pages)."""

    user: User
    tenant: Tenant  # set by django-tenants' middleware
    htmx: HtmxDetails  # set by django-htmx's middleware, on every request


class AuthenticatedRequest(Request):
    """A DRF request behind an authentication class and ``IsAuthenticated``."""

    user: User
    tenant: Tenant  # DRF hands unknown attributes on to the Django request, which has it

"""Signed, expiring links to the contractor's page: one link opens one work order only.

The token signs the tenant's schema and the work order's id with a salt of its own (a token made for
another purpose never verifies here) and expires after ``CONTRACTOR_LINK_MAX_AGE_DAYS``.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.db import connection
from django.http import Http404
from django.urls import reverse

from agencydesk.notifications.addresses import absolute_url
from agencydesk.operations.models import WorkOrder

SALT = "agencydesk.operations.contractor-link"


class LinkExpired(Exception):
    """The signature is right but older than the allowed age."""


def _schema_name() -> str:
    return str(getattr(connection, "schema_name", ""))


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def contractor_token(work_order: WorkOrder) -> str:
    return _signer().sign_object({"schema": _schema_name(), "work_order": work_order.pk})


def contractor_link(work_order: WorkOrder) -> str:
    """The absolute URL mailed to the contractor."""
    path = reverse("operations-contractor:work-order", args=[contractor_token(work_order)])
    return absolute_url(path)


def max_age_seconds() -> int:
    return int(settings.CONTRACTOR_LINK_MAX_AGE_DAYS) * 24 * 3600


def work_order_for_token(token: str) -> WorkOrder:
    """The one work order ``token`` was made for, in this tenant. A tampered token, one of
    another tenant or for a work order that is gone: Http404; an old one: LinkExpired."""
    try:
        value = _signer().unsign_object(token, max_age=max_age_seconds())
    except signing.SignatureExpired:
        raise LinkExpired from None
    except (signing.BadSignature, ValueError):
        raise Http404 from None
    if not isinstance(value, dict):
        raise Http404
    pk = value.get("work_order")
    if value.get("schema") != _schema_name() or not isinstance(pk, int):
        raise Http404
    work_order = (
        WorkOrder.objects.select_related("site", "contractor", "issue").filter(pk=pk).first()
    )
    if work_order is None or work_order.contractor_id is None:
        raise Http404
    return work_order

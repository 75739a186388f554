"""``Idempotency-Key`` for API creations (docs/integrations.md): the first answer again, not a twin.

A client that sends ``Idempotency-Key: <key>`` with a POST gets, for 24 hours, the answer to
its first successful request with that key (status and body, marked with
``Idempotent-Replayed: true``) instead of a second creation. Only successful (2xx) answers
are kept: a refused request (400) rolls back with everything else, so the key stays free for
the corrected request. The same key with a different body or endpoint is refused (422).
Keys are per caller: another user's request with the same key is a request of its own.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable
from typing import Any, cast

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response

from agencydesk.accounts.models import User
from agencydesk.api.models import IDEMPOTENCY_KEY_MAX_LENGTH, IdempotencyKey

IDEMPOTENCY_HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
IDEMPOTENCY_KEY_LIFETIME = datetime.timedelta(hours=24)
# Visible ASCII only: keys are generated ids (UUIDs, CRM record ids), never prose.
_KEY_CHARACTERS = frozenset(chr(code) for code in range(0x21, 0x7F))

IDEMPOTENCY_KEY_PARAMETER = OpenApiParameter(
    IDEMPOTENCY_HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "Optional, 1–255 visible ASCII characters (e.g. a UUID). For 24 hours the first "
        "successful answer to a request with this key (per caller) is returned again, with "
        "the header `Idempotent-Replayed: true`, instead of creating a second ticket. "
        "The same key with another request body answers 422. A refused request (400) does "
        "not use the key up."
    ),
)


class IdempotencyKeyReused(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = _(
        "This Idempotency-Key was already used for a different request; "
        "use a new key for a new request."
    )
    default_code = "idempotency_key_reused"


def idempotency_key_of(request: Request) -> str | None:
    """The request's key, ``None`` without the header; a malformed key is a 400."""
    key = request.headers.get(IDEMPOTENCY_HEADER)
    if key is None:
        return None
    if not 0 < len(key) <= IDEMPOTENCY_KEY_MAX_LENGTH or not set(key) <= _KEY_CHARACTERS:
        raise exceptions.ValidationError(
            {
                IDEMPOTENCY_HEADER: [
                    _("Use 1 to %(limit)d visible ASCII characters (e.g. a UUID).")
                    % {"limit": IDEMPOTENCY_KEY_MAX_LENGTH}
                ]
            }
        )
    return key


def request_fingerprint(data: Any) -> str:
    """A SHA-256 of the parsed body, independent of key order and whitespace."""
    if hasattr(data, "lists"):  # a QueryDict (form posts) keeps repeated keys
        data = dict(data.lists())
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _claim(*, user: User, key: str, endpoint: str, request_hash: str) -> IdempotencyKey | None:
    """Insert the key row; ``None`` when the key is already taken.

    ``ON CONFLICT DO NOTHING`` waits while another transaction holds an uncommitted row for
    the same key: it then does nothing if that one commits, or inserts if it rolls back.
    """
    table = connection.ops.quote_name(IdempotencyKey._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (user_id, key, endpoint, request_hash, created_at) "  # noqa: S608 - the table name is ours
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (user_id, key) DO NOTHING RETURNING id",
            [user.pk, key, endpoint, request_hash, timezone.now()],
        )
        row = cursor.fetchone()
    return IdempotencyKey(pk=row[0]) if row else None


def _expired(record: IdempotencyKey) -> bool:
    return record.created_at <= timezone.now() - IDEMPOTENCY_KEY_LIFETIME


def idempotent_create(
    *, request: Request, endpoint: str, create: Callable[[], Response]
) -> Response:
    """Answer with ``create()`` once per (caller, key); replay that answer afterwards."""
    key = idempotency_key_of(request)
    if key is None:
        return create()
    user = cast(User, request.user)
    request_hash = request_fingerprint(request.data)
    with transaction.atomic():
        record = _claim(user=user, key=key, endpoint=endpoint, request_hash=request_hash)
        if record is None:
            stored = IdempotencyKey.objects.select_for_update().get(user=user, key=key)
            if not _expired(stored):
                if stored.endpoint != endpoint or stored.request_hash != request_hash:
                    raise IdempotencyKeyReused
                return Response(
                    stored.response_body,
                    status=stored.status_code or status.HTTP_200_OK,
                    headers={REPLAYED_HEADER: "true"},
                )
            record = stored  # past its lifetime (not purged yet): the key starts again
        response = create()
        if not status.is_success(response.status_code):
            transaction.set_rollback(True)  # nothing of a refused request is kept
            return response
        IdempotencyKey.objects.filter(pk=record.pk).update(
            endpoint=endpoint,
            request_hash=request_hash,
            created_at=timezone.now(),  # the 24 hours count from the stored answer
            status_code=response.status_code,
            response_body=response.data,
        )
    return response


@transaction.atomic
def idempotency_keys_purge_expired() -> int:
    """Delete the current tenant's keys past their lifetime; returns how many."""
    cutoff = timezone.now() - IDEMPOTENCY_KEY_LIFETIME
    deleted, _rows = IdempotencyKey.objects.filter(created_at__lte=cutoff).delete()
    return deleted

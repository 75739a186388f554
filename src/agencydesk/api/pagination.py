"""API pagination: ``{"count", "next", "previous", "results"}`` (docs/api-pagination.md).

Big lists (tickets) page by number for the first ``PAGE_NUMBER_ROWS`` rows and by keyset
(``?cursor=``) beyond: an OFFSET walks and discards every row before the page, a keyset
starts at the last row seen through the sort's index. See ``docs/api-pagination.md``.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from agencydesk.core.paginator import BoundedPaginator
from agencydesk.tickets.search import SEARCH_COUNT_CAP, is_ranked_search, ranked_search_ids

# Rows reachable by ``?page=``; the ``next`` link of a page beyond it is a cursor.
PAGE_NUMBER_ROWS = 10_000
# Lists count exactly up to here; above, ``count`` is this bound plus one ("more than").
API_COUNT_CAP = 10_000
# Orderings a cursor can follow: one column plus the id as a tie-breaker, each indexed.
KEYSET_FIELDS = frozenset({"created_at", "updated_at", "number"})
INVALID_CURSOR = _("Invalid cursor: follow the next link of a previous page.")


class StandardPagination(PageNumberPagination):
    """``{"count", "next", "previous", "results"}`` with ``?page=`` and ``?page_size=``."""

    page_size_query_param = "page_size"
    max_page_size = 200


class ApiBoundedPaginator(BoundedPaginator):
    """A text search ranked by relevance counts up to its ranking window and reads its
    pages through it (``tickets/search.py``); any other list counts up to API_COUNT_CAP."""

    def __init__(self, object_list: QuerySet[Any], per_page: int) -> None:
        ranked = is_ranked_search(object_list)
        super().__init__(
            object_list,
            per_page,
            cap=SEARCH_COUNT_CAP if ranked else API_COUNT_CAP,
            page_ids=ranked_search_ids if ranked else None,
        )


def keyset_order(queryset: QuerySet[Any]) -> tuple[str, bool] | None:
    """The column and direction (descending?) a cursor follows, or None when the list is
    ordered some other way (a search by relevance)."""
    order_by = [part for part in queryset.query.order_by if isinstance(part, str)]
    if not order_by or len(order_by) != len(queryset.query.order_by):
        return None  # empty, or ordered by an expression (a search's relevance)
    first = order_by[0]
    field, descending = first.lstrip("-"), first.startswith("-")
    tie_breakers = {f"{'-' if descending else ''}{name}" for name in ("pk", "id")}
    # One column (plus, at most, the id in the same direction): a second sort column chosen
    # by the client would be lost to the keyset's tie-breaker.
    if field not in KEYSET_FIELDS or any(part not in tie_breakers for part in order_by[1:]):
        return None
    return field, descending


def encode_cursor(value: Any, pk: int) -> str:
    raw = json.dumps([value.isoformat() if hasattr(value, "isoformat") else value, pk])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, field: str) -> tuple[Any, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value, pk = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
        if field == "number":
            value = int(value)
        else:
            value = parse_datetime(str(value))
            if value is None:
                raise ValueError(cursor)
        return value, int(pk)
    except (ValueError, TypeError, binascii.Error, UnicodeError) as error:
        raise ValidationError({"cursor": [INVALID_CURSOR]}) from error


def after_position(field: str, descending: bool, value: Any, pk: int) -> Q:
    """Rows after (value, pk) in the list's order. The range condition on the column lets
    the index scan start at the position; the OR only settles ties on that value."""
    if descending:
        return Q(**{f"{field}__lte": value}) & (Q(**{f"{field}__lt": value}) | Q(pk__lt=pk))
    return Q(**{f"{field}__gte": value}) & (Q(**{f"{field}__gt": value}) | Q(pk__gt=pk))


class KeysetPagination(StandardPagination):
    """Page numbers for small offsets, a keyset cursor beyond (or whenever ``?cursor=`` is
    given; an empty cursor starts at the top). Cursor pages go forward: their ``previous``
    is null. ``count`` is exact up to ``API_COUNT_CAP``, a lower bound above it."""

    django_paginator_class = ApiBoundedPaginator
    cursor_query_param = "cursor"

    def paginate_queryset(  # type: ignore[override]
        self, queryset: QuerySet[Any], request: Request, view: Any = None
    ) -> list[Any] | None:
        self.request = request
        self.cursor_mode = self.cursor_query_param in request.query_params
        self.keyset = keyset_order(queryset)
        self.page_size_value = self.get_page_size(request) or 0
        if self.keyset is not None:
            field, descending = self.keyset
            tie = "-pk" if descending else "pk"
            queryset = queryset.order_by(f"-{field}" if descending else field, tie)
        if not self.cursor_mode:
            rows = super().paginate_queryset(queryset, request, view)
            self.next_cursor = self._cursor_after(rows) if self._next_needs_cursor() else None
            return rows
        return self._cursor_page(queryset, request)

    def _cursor_page(self, queryset: QuerySet[Any], request: Request) -> list[Any]:
        if self.keyset is None:
            raise ValidationError(
                {self.cursor_query_param: [_("This ordering cannot be paged by cursor.")]}
            )
        field, descending = self.keyset
        self.total = queryset.order_by()[: API_COUNT_CAP + 1].count()
        cursor = request.query_params.get(self.cursor_query_param, "")
        if cursor:
            value, pk = decode_cursor(cursor, field)
            queryset = queryset.filter(after_position(field, descending, value, pk))
        rows = list(queryset[: self.page_size_value + 1])
        self.has_more = len(rows) > self.page_size_value
        rows = rows[: self.page_size_value]
        self.next_cursor = self._cursor_after(rows) if self.has_more else None
        return rows

    def _next_needs_cursor(self) -> bool:
        page = self.page
        return (
            self.keyset is not None
            and page is not None
            and page.has_next()
            and page.end_index() >= PAGE_NUMBER_ROWS
        )

    def _cursor_after(self, rows: Sequence[Any] | None) -> str | None:
        if not rows or self.keyset is None:
            return None
        last = rows[-1]
        return encode_cursor(getattr(last, self.keyset[0]), last.pk)

    def get_next_link(self) -> str | None:
        if self.next_cursor is None:
            return None if self.cursor_mode else super().get_next_link()
        if self.request is None:
            return None
        url = remove_query_param(self.request.build_absolute_uri(), self.page_query_param)
        return replace_query_param(url, self.cursor_query_param, self.next_cursor)

    def get_previous_link(self) -> str | None:
        return None if self.cursor_mode else super().get_previous_link()

    def get_paginated_response(self, data: Any) -> Response:
        if not self.cursor_mode:
            return super().get_paginated_response(data)
        return Response(
            {
                "count": self.total,
                "next": self.get_next_link(),
                "previous": None,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count"]["description"] = (
            f"Exact up to {API_COUNT_CAP}; above, {API_COUNT_CAP + 1} (more than that). A "
            f"text search ranked by relevance: exact up to {SEARCH_COUNT_CAP}, above "
            f"{SEARCH_COUNT_CAP + 1}."
        )
        return response

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        parameters.append(
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": str(
                    _(
                        "Keyset position from a next link; empty to start. Works with the "
                        "orderings created_at, updated_at and number."
                    )
                ),
                "schema": {"type": "string"},
            }
        )
        return parameters

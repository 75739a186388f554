"""A paginator for big lists: a bounded count and deep pages that fetch ids first.

``Paginator.count`` runs a full ``COUNT(*)``, which at a million rows costs more than the
page itself. Here the count stops a little past the page asked for (and never below
``COUNT_CAP``): a list shows "more than N" instead of an exact number nobody needs, and
every page up to the requested one plus the next stays reachable. A page is read in two
steps: the ids of its rows (an index-only walk of the ordered list), then those rows with
their joins, so joined columns are fetched for 50 rows, not for the whole offset.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

COUNT_CAP = 1000

# The ids at positions bottom..top of a list, or None to read them by OFFSET as usual: a
# list whose order no index serves (a ranked search) passes its own way.
PageIds = Callable[[QuerySet[Any], int, int], list[Any] | None]
# The rows of a page's ids, for a list whose conditions cost more to plan and check again
# than the rows cost to read (the portal's visibility rules); by default the list itself
# filtered by those ids.
RowsOf = Callable[[list[Any]], QuerySet[Any]]


class BoundedPaginator(Paginator):
    def __init__(
        self,
        object_list: QuerySet[Any],
        per_page: int,
        *,
        cap: int = COUNT_CAP,
        page_ids: PageIds | None = None,
        rows_of: RowsOf | None = None,
    ) -> None:
        super().__init__(object_list, per_page)
        self.rows: QuerySet[Any] = object_list
        self.cap = cap
        self.page_ids = page_ids
        self.rows_of = rows_of
        self.requested_page = 1

    @cached_property
    def _count_limit(self) -> int:
        return max(self.cap, self.requested_page * self.per_page) + 1

    @cached_property
    def count(self) -> int:
        """Exact up to the limit; at the limit the list goes on (``count_is_capped``)."""
        # No ORDER BY: any index may serve a count. Only the ids: the list's annotations (a
        # search's rank) would otherwise be computed for every row counted.
        return self.rows.order_by().values("pk")[: self._count_limit].count()

    @property
    def count_is_capped(self) -> bool:
        return self.count >= self._count_limit

    @property
    def shown_count(self) -> int:
        """The number a list shows: exact, or the "more than" bound when capped."""
        return self._count_limit - 1 if self.count_is_capped else self.count

    @cached_property
    def num_pages(self) -> int:
        if self.count == 0:
            return 1
        return math.ceil(self.count / self.per_page)

    def validate_number(self, number: Any) -> int:
        # The first page asked for decides how far the count goes.
        if "_count_limit" not in self.__dict__:
            try:
                self.requested_page = max(1, int(number))
            except (TypeError, ValueError):
                self.requested_page = 1
        return super().validate_number(number)

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = _rows_by_ids_first(
            self.rows, bottom, bottom + self.per_page, self.page_ids, self.rows_of
        )
        return Page(rows, number, self)


def _rows_by_ids_first(
    queryset: QuerySet[Any],
    bottom: int,
    top: int,
    page_ids: PageIds | None,
    rows_of: RowsOf | None,
) -> Sequence[Any]:
    ids = page_ids(queryset, bottom, top) if page_ids is not None else None
    if ids is None:
        ids = list(queryset.values_list("pk", flat=True)[bottom:top])
    if not ids:
        return []
    position = {pk: index for index, pk in enumerate(ids)}
    rows = list(rows_of(ids) if rows_of is not None else queryset.order_by().filter(pk__in=ids))
    return sorted(rows, key=lambda row: position[row.pk])

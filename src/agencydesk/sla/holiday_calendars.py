"""Public holidays by country and subdivision (the ``holidays`` package), plus a policy's own
dates. Calendars never run out: the package computes any year when it is first asked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache

import holidays


@cache
def supported_regions() -> dict[str, tuple[str, ...]]:
    """Country code → its subdivision codes (the package's own data, the same for every
    tenant: nothing tenant-specific is cached here)."""
    return {
        country: tuple(subdivisions)
        for country, subdivisions in holidays.list_supported_countries().items()
    }


class HolidaySet:
    """``date in holiday_set``: a custom date, or a public holiday of the region."""

    def __init__(
        self, *, custom: Iterable[dt.date] = (), country: str = "", subdivision: str = ""
    ) -> None:
        self.custom = frozenset(custom)
        self.public: holidays.HolidayBase | None = (
            holidays.country_holidays(country, subdiv=subdivision or None) if country else None
        )

    def __contains__(self, day: object) -> bool:
        if day in self.custom:
            return True
        return self.public is not None and isinstance(day, dt.date) and day in self.public

    def public_holidays(self, year: int) -> list[tuple[dt.date, str]]:
        """(date, name) of the region's public holidays in ``year``, for pages and checks."""
        if self.public is None:
            return []
        self.public._populate(year)  # the package fills years lazily
        return sorted((day, name) for day, name in self.public.items() if day.year == year)

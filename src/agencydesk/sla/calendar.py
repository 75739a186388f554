"""Business-time arithmetic on a weekly calendar with holidays, in a given timezone.

Pure functions without Django or the database. Business hours are wall-clock times of the
calendar's timezone; a business minute is a real (elapsed) minute inside those hours, so on
the night clocks change an interval that spans the change is an hour shorter or longer.
A wall-clock time that does not exist on that day (spring forward) is read with the offset
before the change (``fold=0``), one that happens twice (fall back) as its first occurrence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

MINUTES_PER_DAY = 24 * 60
# A calendar whose holidays cover every business day for this long has no business time
# left: adding to it fails instead of searching forever.
MAX_DAYS_SEARCHED = 366 * 10
UTC = dt.UTC


@dataclass(frozen=True)
class BusinessCalendar:
    """``hours[weekday]`` (Monday = 0) lists (start, end) in minutes after local midnight,
    sorted and not overlapping; ``end`` may be 1440 (the day's end). ``holidays`` is any
    container of dates (a frozenset, or ``sla.holiday_calendars.HolidaySet``)."""

    timezone: ZoneInfo
    hours: Mapping[int, tuple[tuple[int, int], ...]]
    holidays: Container[dt.date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if not any(self.hours.get(day) for day in range(7)):
            raise ValueError("a business calendar needs business hours on at least one weekday")
        for day, intervals in self.hours.items():
            previous_end = 0
            for start, end in intervals:
                if not 0 <= start < end <= MINUTES_PER_DAY or start < previous_end:
                    raise ValueError(f"invalid business hours on weekday {day}: {intervals}")
                previous_end = end

    @classmethod
    def build(
        cls,
        *,
        timezone: str | ZoneInfo,
        hours: Iterable[tuple[int, int, int]],
        holidays: Iterable[dt.date] | Container[dt.date] = (),
    ) -> BusinessCalendar:
        """From (weekday, start minute, end minute) triples in any order."""
        by_day: dict[int, list[tuple[int, int]]] = {}
        for weekday, start, end in hours:
            by_day.setdefault(weekday, []).append((start, end))
        zone = timezone if isinstance(timezone, ZoneInfo) else ZoneInfo(timezone)
        return cls(
            timezone=zone,
            hours={day: tuple(sorted(spans)) for day, spans in by_day.items()},
            holidays=(
                frozenset(holidays)
                if isinstance(holidays, list | tuple | set) or not isinstance(holidays, Container)
                else holidays
            ),
        )

    def _local_instant(self, day: dt.date, minute: int) -> dt.datetime:
        if minute >= MINUTES_PER_DAY:  # the end of the day is the next day's midnight
            day, minute = day + dt.timedelta(days=1), minute - MINUTES_PER_DAY
        local = dt.datetime.combine(day, dt.time(minute // 60, minute % 60), self.timezone)
        return local.astimezone(UTC)

    def intervals_from(
        self, day: dt.date, *, days: int = MAX_DAYS_SEARCHED
    ) -> Iterator[tuple[dt.datetime, dt.datetime]]:
        """The business intervals (UTC) of ``day`` and the ``days - 1`` days after it."""
        for offset in range(days):
            current = day + dt.timedelta(days=offset)
            if current in self.holidays:
                continue
            for start, end in self.hours.get(current.weekday(), ()):
                begin, finish = (
                    self._local_instant(current, start),
                    self._local_instant(current, end),
                )
                if finish > begin:  # an interval inside a skipped hour has no length
                    yield begin, finish

    def local_date(self, moment: dt.datetime) -> dt.date:
        return moment.astimezone(self.timezone).date()


def _aware(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("business-time arithmetic needs timezone-aware datetimes")
    return moment.astimezone(UTC)


def add_business_time(
    start: dt.datetime, duration: dt.timedelta, calendar: BusinessCalendar
) -> dt.datetime:
    """The earliest moment at which ``duration`` of business time has passed since ``start``.

    A result that lands exactly on the end of business hours stays there (due at 17:00 on
    Friday, not at 08:00 on Monday). A zero duration returns ``start`` itself.
    """
    moment = _aware(start)
    if duration < dt.timedelta(0):
        raise ValueError("the duration must not be negative")
    if not duration:
        return moment
    remaining = duration
    for begin, finish in calendar.intervals_from(calendar.local_date(moment)):
        if finish <= moment:
            continue
        begin = max(begin, moment)
        available = finish - begin
        if remaining <= available:
            return begin + remaining
        remaining -= available
    raise ValueError("the calendar's holidays leave no business hours to count")


def add_business_minutes(
    start: dt.datetime, minutes: int, calendar: BusinessCalendar
) -> dt.datetime:
    return add_business_time(start, dt.timedelta(minutes=minutes), calendar)


def business_time_between(
    start: dt.datetime, end: dt.datetime, calendar: BusinessCalendar
) -> dt.timedelta:
    """Business time from ``start`` to ``end``; zero when ``end`` is not after ``start``."""
    start, end = _aware(start), _aware(end)
    total = dt.timedelta(0)
    if end <= start:
        return total
    first, last = calendar.local_date(start), calendar.local_date(end)
    for begin, finish in calendar.intervals_from(first, days=(last - first).days + 1):
        overlap = min(finish, end) - max(begin, start)
        if overlap > dt.timedelta(0):
            total += overlap
    return total


def business_minutes_between(
    start: dt.datetime, end: dt.datetime, calendar: BusinessCalendar
) -> int:
    """Whole business minutes from ``start`` to ``end`` (rounded down)."""
    return int(business_time_between(start, end, calendar).total_seconds() // 60)


def is_business_time(moment: dt.datetime, calendar: BusinessCalendar) -> bool:
    """Whether ``moment`` lies inside business hours (an interval's end excluded)."""
    moment = _aware(moment)
    return any(
        begin <= moment < finish
        for begin, finish in calendar.intervals_from(calendar.local_date(moment), days=1)
    )

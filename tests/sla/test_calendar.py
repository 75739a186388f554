"""The business-time calculator: explicit examples and properties (no database)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agencydesk.sla.calendar import (
    BusinessCalendar,
    add_business_minutes,
    add_business_time,
    business_minutes_between,
    business_time_between,
    is_business_time,
)

BERLIN = ZoneInfo("Europe/Berlin")
H = 60  # minutes per hour
OFFICE = BusinessCalendar.build(
    timezone=BERLIN,
    hours=[(day, 8 * H, 17 * H) for day in range(5)],
    holidays=[dt.date(2026, 12, 24), dt.date(2026, 12, 25), dt.date(2026, 4, 6)],
)
ROUND_THE_CLOCK = BusinessCalendar.build(
    timezone=BERLIN, hours=[(day, 0, 24 * H) for day in range(7)]
)


def berlin(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN)


# --- examples ---------------------------------------------------------------------------


def test_given_a_time_inside_hours_when_adding_then_the_result_is_the_same_day():
    assert add_business_minutes(berlin(2026, 3, 2, 9, 0), 90, OFFICE) == berlin(2026, 3, 2, 10, 30)


def test_given_friday_afternoon_when_adding_past_closing_then_monday_continues():
    # Friday 16:00 + 2 h: one hour on Friday, one on Monday from 08:00.
    assert add_business_minutes(berlin(2026, 3, 6, 16, 0), 120, OFFICE) == berlin(2026, 3, 9, 9, 0)


def test_given_a_result_exactly_at_closing_then_it_stays_at_closing():
    assert add_business_minutes(berlin(2026, 3, 6, 16, 0), 60, OFFICE) == berlin(2026, 3, 6, 17, 0)


def test_given_a_start_before_opening_when_adding_then_counting_starts_at_opening():
    assert add_business_minutes(berlin(2026, 3, 2, 6, 0), 30, OFFICE) == berlin(2026, 3, 2, 8, 30)


def test_given_a_start_on_a_weekend_when_adding_then_monday_counts():
    assert add_business_minutes(berlin(2026, 3, 7, 12, 0), 60, OFFICE) == berlin(2026, 3, 9, 9, 0)


def test_given_holidays_when_adding_then_they_are_skipped():
    # Wed 23 Dec 16:00 + 2 h: the 24th and 25th are holidays, the 26th/27th a weekend.
    assert add_business_minutes(berlin(2026, 12, 23, 16, 0), 120, OFFICE) == berlin(
        2026, 12, 28, 9, 0
    )
    # Easter Monday 2026 (6 April) is a holiday too.
    assert add_business_minutes(berlin(2026, 4, 3, 12, 0), 9 * H, OFFICE) == berlin(
        2026, 4, 7, 12, 0
    )


def test_given_several_intervals_a_day_when_adding_then_the_break_does_not_count():
    lunch = BusinessCalendar.build(timezone=BERLIN, hours=[(0, 8 * H, 12 * H), (0, 13 * H, 17 * H)])
    assert add_business_minutes(berlin(2026, 3, 2, 11, 0), 120, lunch) == berlin(2026, 3, 2, 14, 0)
    assert business_minutes_between(berlin(2026, 3, 2, 7, 0), berlin(2026, 3, 2, 18, 0), lunch) == (
        8 * H
    )


def test_given_office_hours_over_the_spring_change_then_the_day_still_has_nine_hours():
    # Clocks go forward on Sunday 29 March 2026; Monday's hours are unaffected.
    assert add_business_minutes(berlin(2026, 3, 27, 17, 0), 9 * H, OFFICE) == berlin(
        2026, 3, 30, 17, 0
    )
    assert business_minutes_between(berlin(2026, 3, 27, 8), berlin(2026, 3, 30, 17), OFFICE) == (
        18 * H
    )


def test_given_round_the_clock_hours_when_clocks_go_forward_then_that_day_has_23_hours():
    start = berlin(2026, 3, 29, 0, 0)
    end = berlin(2026, 3, 30, 0, 0)
    assert business_minutes_between(start, end, ROUND_THE_CLOCK) == 23 * H
    # 01:30 CET + 60 real minutes is 03:30 CEST.
    assert add_business_minutes(berlin(2026, 3, 29, 1, 30), 60, ROUND_THE_CLOCK) == berlin(
        2026, 3, 29, 3, 30
    )


def test_given_round_the_clock_hours_when_clocks_go_back_then_that_day_has_25_hours():
    start = berlin(2026, 10, 25, 0, 0)
    end = berlin(2026, 10, 26, 0, 0)
    assert business_minutes_between(start, end, ROUND_THE_CLOCK) == 25 * H
    # 01:30 CEST (23:30 UTC) + 120 real minutes is 01:30 UTC: the second 02:30, in CET.
    result = add_business_minutes(berlin(2026, 10, 25, 1, 30), 120, ROUND_THE_CLOCK)
    assert result == dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC)


def test_given_hours_inside_the_skipped_hour_then_they_have_no_length():
    night = BusinessCalendar.build(timezone=BERLIN, hours=[(6, 2 * H, 4 * H)])  # Sundays
    # On 29 March 2026 02:00-03:00 does not exist: 02:00-04:00 is one real hour.
    assert business_minutes_between(berlin(2026, 3, 29), berlin(2026, 3, 30), night) == H
    assert business_minutes_between(berlin(2026, 3, 22), berlin(2026, 3, 23), night) == 2 * H


def test_given_a_timezone_when_counting_then_hours_are_local_wall_clock():
    london = BusinessCalendar.build(timezone="Europe/London", hours=[(0, 9 * H, 17 * H)])
    # 09:00 in London is 10:00 in Berlin.
    assert add_business_minutes(berlin(2026, 3, 2, 9, 30), 30, london) == berlin(2026, 3, 2, 10, 30)


def test_given_end_before_start_then_nothing_is_counted():
    assert business_time_between(berlin(2026, 3, 3, 12), berlin(2026, 3, 2, 12), OFFICE) == (
        dt.timedelta(0)
    )


def test_given_zero_minutes_then_the_start_is_returned():
    start = berlin(2026, 3, 7, 12, 0)
    assert add_business_minutes(start, 0, OFFICE) == start


def test_given_naive_datetimes_then_they_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        add_business_minutes(dt.datetime(2026, 3, 2, 9, 0), 10, OFFICE)  # noqa: DTZ001


def test_given_no_hours_then_the_calendar_is_refused():
    with pytest.raises(ValueError, match="at least one weekday"):
        BusinessCalendar.build(timezone=BERLIN, hours=[])


def test_given_overlapping_hours_then_the_calendar_is_refused():
    with pytest.raises(ValueError, match="invalid business hours"):
        BusinessCalendar.build(timezone=BERLIN, hours=[(0, 8 * H, 12 * H), (0, 11 * H, 14 * H)])


def test_given_holidays_on_every_business_day_then_adding_fails_instead_of_looping():
    only_one_day = BusinessCalendar.build(
        timezone=BERLIN, hours=[(0, 8 * H, 9 * H)], holidays=[dt.date(2026, 3, 2)]
    )
    # Feasible: the next Monday.
    assert add_business_minutes(berlin(2026, 3, 2, 8), 30, only_one_day) == berlin(
        2026, 3, 9, 8, 30
    )
    all_mondays = BusinessCalendar.build(
        timezone=BERLIN,
        hours=[(0, 8 * H, 9 * H)],
        holidays=[dt.date(2026, 3, 2) + dt.timedelta(weeks=n) for n in range(600)],
    )
    with pytest.raises(ValueError, match="no business hours"):
        add_business_minutes(berlin(2026, 3, 2, 8), 30, all_mondays)


def test_given_a_moment_then_it_is_known_whether_it_is_business_time():
    assert is_business_time(berlin(2026, 3, 2, 8, 0), OFFICE)
    assert not is_business_time(berlin(2026, 3, 2, 17, 0), OFFICE)
    assert not is_business_time(berlin(2026, 12, 24, 10, 0), OFFICE)


# --- properties ---------------------------------------------------------------------------

# Starts over two years, so both DST changes of each year are crossed (local times that do
# not exist or happen twice included). Compared in UTC: Python compares and subtracts two
# datetimes with the same tzinfo by their wall-clock values.
moments = st.datetimes(
    min_value=dt.datetime(2026, 1, 1),  # noqa: DTZ001 (hypothesis attaches the zone)
    max_value=dt.datetime(2027, 12, 31),  # noqa: DTZ001
    timezones=st.just(BERLIN),
).map(lambda moment: moment.astimezone(dt.UTC))
# Up to 50 business hours: even a calendar of 15 minutes a week stays within its search range.
durations = st.integers(min_value=1, max_value=3_000).map(lambda m: dt.timedelta(minutes=m))


@st.composite
def calendars(draw: st.DrawFn) -> BusinessCalendar:
    hours = []
    for day in draw(st.sets(st.integers(0, 6), min_size=1)):
        # One or two intervals on quarter hours, the second after the first.
        start = draw(st.integers(0, 94)) * 15
        end = draw(st.integers(start // 15 + 1, 96)) * 15
        hours.append((day, start, end))
        if end <= 23 * 60 and draw(st.booleans()):
            later = draw(st.integers(end // 15, 95)) * 15
            hours.append((day, later, draw(st.integers(later // 15 + 1, 96)) * 15))
    holidays = draw(st.sets(st.dates(dt.date(2026, 1, 1), dt.date(2028, 6, 30)), max_size=40))
    return BusinessCalendar.build(timezone=BERLIN, hours=hours, holidays=holidays)


the_calendars = st.one_of(st.just(OFFICE), st.just(ROUND_THE_CLOCK), calendars())


@settings(max_examples=300, deadline=None)
@given(calendar=the_calendars, start=moments, duration=durations)
def test_property_adding_then_counting_gives_the_duration_back(calendar, start, duration):
    due = add_business_time(start, duration, calendar)

    assert due > start
    assert business_time_between(start, due, calendar) == duration


@settings(max_examples=300, deadline=None)
@given(calendar=the_calendars, start=moments, duration=durations)
def test_property_the_due_time_is_the_earliest_one(calendar, start, duration):
    due = add_business_time(start, duration, calendar)

    # A minute earlier, less than the duration has passed.
    assert business_time_between(start, due - dt.timedelta(minutes=1), calendar) < duration
    # The due time lies in business hours or at the end of an interval.
    assert is_business_time(due - dt.timedelta(microseconds=1), calendar)


@settings(max_examples=200, deadline=None)
@given(calendar=the_calendars, start=moments, first=durations, second=durations)
def test_property_adding_in_two_steps_equals_adding_once(calendar, start, first, second):
    in_steps = add_business_time(add_business_time(start, first, calendar), second, calendar)

    assert in_steps == add_business_time(start, first + second, calendar)


@settings(max_examples=200, deadline=None)
@given(calendar=the_calendars, a=moments, b=moments, c=moments)
def test_property_counting_is_additive_and_bounded_by_real_time(calendar, a, b, c):
    a, b, c = sorted((a, b, c))

    ab = business_time_between(a, b, calendar)
    bc = business_time_between(b, c, calendar)

    assert ab + bc == business_time_between(a, c, calendar)
    assert dt.timedelta(0) <= ab <= b - a


@settings(max_examples=200, deadline=None)
@given(calendar=the_calendars, start=moments, shorter=durations, extra=durations)
def test_property_a_longer_target_is_never_due_earlier(calendar, start, shorter, extra):
    assert add_business_time(start, shorter, calendar) < add_business_time(
        start, shorter + extra, calendar
    )

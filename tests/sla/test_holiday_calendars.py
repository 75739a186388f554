"""Public holidays by country and region from the ``holidays`` package, with custom dates."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from agencydesk.sla.calendar import add_business_time
from agencydesk.sla.holiday_calendars import HolidaySet
from tests.sla.factories import SlaPolicyFactory

BERLIN = ZoneInfo("Europe/Berlin")


def days(year: int, *dates: tuple[int, int]) -> set[dt.date]:
    return {dt.date(year, month, day) for month, day in dates}


@pytest.mark.parametrize(
    ("country", "region", "expected"),
    [
        # Bavaria: Epiphany, Corpus Christi, All Saints' Day besides the national ones
        # (Assumption Day is a holiday only in its Catholic municipalities).
        (
            "DE",
            "BY",
            days(
                2031,
                (1, 1),
                (1, 6),
                (4, 11),
                (4, 14),
                (5, 1),
                (5, 22),
                (6, 2),
                (6, 12),
                (10, 3),
                (11, 1),
                (12, 25),
                (12, 26),
            ),
        ),
        # Hamburg: Reformation Day.
        (
            "DE",
            "HH",
            days(
                2031,
                (1, 1),
                (4, 11),
                (4, 14),
                (5, 1),
                (5, 22),
                (6, 2),
                (10, 3),
                (10, 31),
                (12, 25),
                (12, 26),
            ),
        ),
        # England: bank holidays (Boxing Day 2031 is a Friday).
        (
            "GB",
            "ENG",
            days(2031, (1, 1), (4, 11), (4, 14), (5, 5), (5, 26), (8, 25), (12, 25), (12, 26)),
        ),
    ],
)
def test_given_a_region_when_asking_2031_then_its_public_holidays(country, region, expected):
    holiday_set = HolidaySet(country=country, subdivision=region)

    found = {day for day, _name in holiday_set.public_holidays(2031)}

    assert expected <= found
    assert all(day in holiday_set for day in expected)
    assert dt.date(2031, 6, 3) not in holiday_set  # an ordinary Tuesday


def test_given_region_and_custom_dates_when_checked_then_both_count():
    holiday_set = HolidaySet(custom=[dt.date(2031, 7, 7)], country="DE", subdivision="HH")

    assert dt.date(2031, 7, 7) in holiday_set
    assert dt.date(2031, 10, 31) in holiday_set
    assert dt.date(2031, 1, 6) not in holiday_set  # Epiphany is Bavarian, not Hamburg's


@pytest.mark.django_db
def test_given_a_bavarian_policy_when_adding_time_over_corpus_christi_then_the_day_is_skipped(
    tenant,
):
    policy = SlaPolicyFactory(holiday_country="DE", holiday_subdivision="BY")
    calendar = policy.calendar(BERLIN)
    # Wednesday 11 June 2031, 16:00; Thursday 12 June is Corpus Christi in Bavaria.
    start = dt.datetime(2031, 6, 11, 16, 0, tzinfo=BERLIN)

    due = add_business_time(start, dt.timedelta(hours=2), calendar)

    assert due == dt.datetime(2031, 6, 13, 9, 0, tzinfo=BERLIN)


@pytest.mark.django_db
def test_given_a_hamburg_policy_when_adding_time_then_corpus_christi_is_a_working_day(tenant):
    policy = SlaPolicyFactory(holiday_country="DE", holiday_subdivision="HH")
    start = dt.datetime(2031, 6, 11, 16, 0, tzinfo=BERLIN)

    due = add_business_time(start, dt.timedelta(hours=2), policy.calendar(BERLIN))

    assert due == dt.datetime(2031, 6, 12, 9, 0, tzinfo=BERLIN)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("country", "region", "field"),
    [
        ("XX", "", "holiday_country"),
        ("DE", "ZZ", "holiday_subdivision"),
        ("", "BY", "holiday_country"),
    ],
)
def test_given_an_unknown_region_when_cleaning_a_policy_then_a_field_error(
    tenant, country, region, field
):
    policy = SlaPolicyFactory.build(holiday_country=country, holiday_subdivision=region)

    with pytest.raises(ValidationError) as error:
        policy.clean()

    assert field in error.value.message_dict

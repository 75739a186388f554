"""The input limits themselves (the doors that use them are tested in tests/tickets/)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from agencydesk.core.limits import (
    BODY_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    body_clean,
    bounded_decimal,
    has_nul,
    title_clean,
)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("42", Decimal("42")),
        (" -3.5 ", Decimal("-3.5")),
        (12.25, Decimal("12.25")),
        (7, Decimal("7")),
        ("1e3", Decimal("1e3")),
        ("12345678901234567890", Decimal("12345678901234567890")),
        ("0.1000000000000000000000", Decimal("0.1")),
        ("0e-999999", Decimal("0")),
    ],
)
def test_given_a_number_within_twenty_digits_when_bounded_then_it_is_kept(value, expected):
    assert bounded_decimal(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "1e999999",
        "-1e999999",
        "1e400",
        float("inf"),
        float("nan"),
        "NaN",
        "Infinity",
        "123456789012345678901",
        "0.000000000000000000001",
        "1" * 100_000,
        "abc",
        True,
        "",
    ],
)
def test_given_a_huge_infinite_or_no_number_when_bounded_then_refused(value):
    with pytest.raises(ValidationError):
        bounded_decimal(value)


@pytest.mark.parametrize("title", ["Line one\nline two", "A\rB", "A\u2028B", "x" * 201, "a\x00b"])
def test_given_a_multi_line_long_or_nul_title_when_cleaned_then_refused(title):
    with pytest.raises(ValidationError) as error:
        title_clean(title)

    assert list(error.value.message_dict) == ["title"]


def test_given_a_title_of_exactly_the_limit_when_cleaned_then_kept():
    assert title_clean("  " + "x" * TITLE_MAX_LENGTH + " ") == "x" * TITLE_MAX_LENGTH


def test_given_a_body_over_the_limit_when_cleaned_then_the_field_is_named():
    assert body_clean("body", "y" * BODY_MAX_LENGTH) == "y" * BODY_MAX_LENGTH
    with pytest.raises(ValidationError) as error:
        body_clean("body", "y" * (BODY_MAX_LENGTH + 1))

    assert list(error.value.message_dict) == ["body"]


def test_given_nested_data_when_checked_for_nul_then_keys_and_values_count():
    assert not has_nul({"a": ["b", {"c": 1}]})
    assert has_nul({"a": ["b", {"c": "x\x00"}]})
    assert has_nul({"k\x00": 1})

"""Durations and shares as people read them, in English and German."""

from __future__ import annotations

import pytest
from django.utils import translation

from agencydesk.reports.durations import DAY, HOUR, MINUTE, duration_human, share_human


@pytest.mark.parametrize(
    ("seconds", "english", "german"),
    [
        (None, "–", "–"),
        (20, "< 1 min", "< 1 Min."),
        (5 * MINUTE, "5 min", "5 Min."),
        (HOUR, "1 h", "1 Std."),
        (3 * HOUR + 20 * MINUTE, "3 h 20 min", "3 Std. 20 Min."),
        (DAY, "1 day", "1 Tag"),
        (2 * DAY + 4 * HOUR + 10 * MINUTE, "2 days 4 h", "2 Tage 4 Std."),
        (DAY - 20, "1 day", "1 Tag"),  # rounded to the minute first
    ],
)
def test_given_seconds_when_shown_then_two_largest_units_in_the_language(seconds, english, german):
    with translation.override("en"):
        assert duration_human(seconds) == english
    with translation.override("de"):
        assert duration_human(seconds) == german


def test_given_a_share_when_shown_then_percent_in_the_language():
    with translation.override("en"):
        assert share_human(0.256) == "26%"
    with translation.override("de"):
        assert share_human(0.256) == "26 %"
    assert share_human(None) == "–"

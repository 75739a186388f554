"""FastSelect writes exactly the markup of Django's template-rendered Select."""

from __future__ import annotations

import pytest
from django import forms
from django.utils.safestring import mark_safe

from agencydesk.core.widgets import FastSelect

CHOICES = [
    ("", "---------"),
    ("a", "Plain"),
    ("b&c", "Fish & <chips>"),
    (3, 1234),
    ("safe", mark_safe("<b>bold</b>")),
    ("Group <1>", [("g1", "One"), ("g2", "Two")]),
]


class _Both(forms.Form):
    django = forms.ChoiceField(choices=CHOICES, required=False)
    fast = forms.ChoiceField(choices=CHOICES, required=False, widget=FastSelect)


@pytest.mark.parametrize("value", [None, "", "a", "b&c", "3", "g2", "missing"])
@pytest.mark.parametrize(
    "attrs",
    [{}, {"class": 'x"y', "data-on": True, "hidden": False, "data-n": 7}],
)
def test_given_choices_values_and_attributes_when_rendered_then_as_django_renders_them(
    value, attrs
):
    form = _Both(data={"django": value, "fast": value} if value is not None else None)

    expected = form["django"].as_widget(attrs=attrs)

    assert form["fast"].as_widget(attrs=attrs) == expected.replace("django", "fast")


def test_given_several_values_when_rendered_then_each_is_selected_as_django_selects():
    choices = [("1", "One"), ("2", "Two"), ("3", "Three")]
    django = forms.SelectMultiple(choices=choices).render("x", ["1", "3"])

    class _FastMultiple(FastSelect):
        allow_multiple_selected = True

    assert _FastMultiple(choices=choices).render("x", ["1", "3"]) == django

"""A ``<select>`` written in Python: the HTML of Django's ``Select`` without its templates.

Django renders every ``<option>`` through two template includes; the staff inbox's filter
form lists every customer, site, member and team, several hundred options, and rendering
them cost more than the page's queries. ``FastSelect`` builds the same markup (the same
``optgroups``, attributes and escaping as ``django/forms/widgets/select.html``, checked
against it in ``tests/core/test_widgets.py``) with string joins. ``ListedModelChoiceField``
reads its choices with one plain query: Django's iterator opens a server-side cursor per
select (declare, fetch, close, and the tenant's search path set again), four round trips
for a list of a few hundred rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.forms.renderers import BaseRenderer
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]


def _text(value: Any) -> str:
    """``{{ value }}`` in a template: localised, then escaped unless already safe."""
    value = localize(template_localtime(value))
    return str(conditional_escape(value if isinstance(value, str) else str(value)))


def _formatted(value: Any) -> str:
    """``{{ value|stringformat:'s' }}``: the text of the value, escaped unless safe."""
    return str(conditional_escape(value if isinstance(value, str) else f"{value}"))


def _attrs(attrs: Mapping[str, Any]) -> str:
    """``django/forms/widgets/attrs.html``: ``False`` leaves an attribute out, ``True``
    writes its bare name."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(
            f" {_text(name)}" if value is True else f' {_text(name)}="{_formatted(value)}"'
        )
    return "".join(parts)


class FastSelect(forms.Select):
    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_text(group_name)}">')
            for option in group_choices:
                parts.append(
                    f'\n  <option value="{_formatted(option["value"])}"'
                    f"{_attrs(option['attrs'])}>{_text(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        # The renderer strips the template's output; the same here.
        return mark_safe("".join(parts).strip())  # noqa: S308 (every part escaped above)


class OneQueryChoices(forms.models.ModelChoiceIterator):
    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class ListedModelChoiceField(forms.ModelChoiceField):
    iterator = OneQueryChoices
    widget = FastSelect

"""The inbox's query string: one canonical form, and the links that change one part of it.

Every link and every search submit lands on the canonical URL: one value per parameter
(the last one given), known parameters only, in a fixed order, nothing empty or implied. So
the URL stays short however often a search is repeated, and it can be bookmarked or shared.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.http import QueryDict
from django.utils.functional import Promise

from agencydesk.staff import selectors
from agencydesk.staff.filters import (
    FILTER_PARAMETERS,
    INBOX_PARAMETERS,
    InboxFilter,
    implied_sort,
)


def canonical_query(params: QueryDict) -> QueryDict:
    values = {key: params.get(key, "").strip() for key in INBOX_PARAMETERS}
    if values["q"] or values["view"] not in selectors.SAVED_VIEW_KEYS:
        values["view"] = ""  # a search looks through every ticket, whatever the view
    if values["sort"] == implied_sort(values["view"] or selectors.DEFAULT_VIEW, values["q"]):
        values["sort"] = ""
    if not values["page"].isdigit() or int(values["page"]) <= 1:
        values["page"] = ""
    query = QueryDict(mutable=True)
    for key in INBOX_PARAMETERS:
        if values[key]:
            query[key] = values[key]
    return query


def inbox_url(path: str, query: QueryDict, **changes: str | None) -> str:
    """``path`` with ``query`` changed: a value sets a parameter, None removes it."""
    changed = query.copy()
    for key, value in changes.items():
        changed.pop(key, None)
        if value:
            changed[key] = value
    encoded = canonical_query(changed).urlencode()
    return f"{path}?{encoded}" if encoded else path


@dataclass(frozen=True)
class FilterChip:
    """An active filter as the inbox shows it: its label and value, and a link without it."""

    key: str
    label: str | Promise
    value: str
    remove_url: str


def _display(field: forms.Field, value: object) -> str:
    if isinstance(field, forms.ModelChoiceField):
        return str(field.label_from_instance(value))
    choices = dict(getattr(field, "choices", ()))
    return str(choices.get(value, value))


def filter_chips(filterset: InboxFilter, path: str, query: QueryDict) -> list[FilterChip]:
    chosen = filterset.chosen()
    return [
        FilterChip(
            key=key,
            label=filterset.form.fields[key].label or key,
            value=_display(filterset.form.fields[key], chosen[key]),
            remove_url=inbox_url(path, query, **{key: None, "page": None}),
        )
        for key in FILTER_PARAMETERS
        if key in chosen
    ]


def view_url(path: str, query: QueryDict, key: str) -> str:
    """A saved view with the chosen filters kept (a search and the page start over)."""
    return inbox_url(path, query, view=key, q=None, sort=None, page=None)

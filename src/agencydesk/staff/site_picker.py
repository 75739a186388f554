"""The staff site picker: sites as a tree (each under its parent, indented) with a search box.

The options come from one query, ordered by the sites' paths (``sites_in_tree_order``);
``staff/site_picker.js`` adds the search box, which filters the options by their full path
(e.g. "Block A / Unit 12"), so a unit is found by its block's name too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from agencydesk.customers.models import Site
from agencydesk.customers.sites import sites_in_tree_order

PATH_SEPARATOR = " › "


class _TreeIterator(ModelChoiceIterator):
    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        # Read like Django's own iterator does (a server-side cursor), then ordered as a tree.
        sites = sites_in_tree_order(self.queryset.iterator())
        names = {site.pk: site.name for site in sites}
        for site in sites:
            path = [names[pk] for pk in site.ancestors or [] if pk in names]
            site.tree_path = PATH_SEPARATOR.join([*path, site.name])  # type: ignore[attr-defined]
            yield self.choice(site)


class SiteTreeSelect(forms.Select):
    """A select whose options carry their full path for the search box."""

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        site = getattr(value, "instance", None)
        if site is not None:
            option["attrs"]["data-path"] = getattr(site, "tree_path", site.name)
        return option


class SiteTreeChoiceField(forms.ModelChoiceField):
    iterator = _TreeIterator
    widget = SiteTreeSelect

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.widget.attrs.update(
            {"data-site-tree": "", "data-search-label": str(_("Search sites"))}
        )

    def label_from_instance(self, obj: Site) -> str:
        return "\u2003" * obj.depth + obj.name

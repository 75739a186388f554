"""The demo's sites: each customer's own (blocks with their units) and the agency's shared
locations, placed in the site tree where the model has one.

Model support is asked, not assumed (``_has_field``): with the site tree a site gets its
``parent``, its materialized path and its ``level_name``; with shared locations a location
is the agency's own (no customer) and serves the customers named in ``served``. Without
them a shared location becomes one site per served customer, so every member company can
still report there.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist

from agencydesk.accounts.models import User
from agencydesk.customers.models import Customer, Site
from agencydesk.devtools.demo.specs import DemoSite, DemoTenant


def _has_field(name: str) -> bool:
    try:
        Site._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def demo_site_tree_supported() -> bool:
    return _has_field("parent")


def _site_ensure(
    spec: DemoSite, *, customer: Customer | None, manager: User, placed: dict[str, Site]
) -> Site:
    defaults: dict[str, object] = {"address": spec.address, "manager": manager}
    if spec.code and not Site.objects.filter(code=spec.code).exists():
        defaults["code"] = spec.code
    if _has_field("level_name"):
        defaults["level_name"] = spec.level_name
    parent = placed.get(spec.parent) if spec.parent else None
    if parent is not None and _has_field("parent"):
        defaults["parent"] = parent
        # The path from the root down to the parent (what the tree's reads filter on).
        defaults["ancestors"] = [*(getattr(parent, "ancestors", None) or []), parent.pk]
    site, _created = Site.objects.get_or_create(
        customer=customer, name=spec.name, defaults=defaults
    )
    return site


def demo_sites_ensure(
    demo: DemoTenant, *, customers: dict[str, Customer], staff: list[User]
) -> dict[str, Site]:
    """Every demo site by name (a shared location without model support: by the name of
    its copy at the first served customer)."""
    sites: dict[str, Site] = {}
    for index, spec in enumerate(demo.customers):
        for site_spec in spec.sites:
            sites[site_spec.name] = _site_ensure(
                site_spec,
                customer=customers[spec.number],
                manager=staff[index % len(staff)],
                placed=sites,
            )
    shared = _has_field("served_customers")
    for index, site_spec in enumerate(demo.shared_sites):
        manager = staff[index % len(staff)]
        parent = demo_shared_root(demo, site_spec)
        served = [customers[number] for number in parent.served]
        if shared:
            site = _site_ensure(site_spec, customer=None, manager=manager, placed=sites)
            if site_spec.served:
                site.served_customers.add(*served)
            sites[site_spec.name] = site
            continue
        for customer in served:
            copy = _site_ensure(
                site_spec, customer=customer, manager=manager, placed=_own(sites, customer)
            )
            sites.setdefault(site_spec.name, copy)
            sites[f"{site_spec.name}@{customer.number}"] = copy
    return sites


def _own(sites: dict[str, Site], customer: Customer) -> dict[str, Site]:
    suffix = f"@{customer.number}"
    return {name[: -len(suffix)]: site for name, site in sites.items() if name.endswith(suffix)}


def demo_shared_root(demo: DemoTenant, spec: DemoSite) -> DemoSite:
    """The top of a shared location's tree (the one that names the served customers)."""
    by_name = {item.name: item for item in demo.shared_sites}
    while spec.parent and spec.parent in by_name:
        spec = by_name[spec.parent]
    return spec

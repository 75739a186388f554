"""The site tree: placing a site under a parent, and the tree's reads as SQL sub-queries.

The tree is stored as a materialized path (``Site.ancestors``: root … parent). Only
``site_place`` writes it, in the transaction that saves the site, and it re-writes the path
of the whole subtree in one UPDATE when a site moves. Every read is a sub-query on that
array (GIN-indexed), so callers such as ``tickets.portal_access`` compose them into one
SQL statement: no recursion, no rows in Python.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import F, Func, IntegerField, Max, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from agencydesk.customers.models import SITE_TREE_MAX_DEPTH, Customer, Site


class _Unnest(Func):
    function = "unnest"
    output_field = IntegerField()


def sites_below(roots: QuerySet[Site]) -> QuerySet[Site]:
    """``roots`` and every site below them (one sub-query on the path array)."""
    ids = roots.order_by().values("pk")
    return Site.objects.filter(Q(pk__in=ids) | Q(ancestors__overlap=ArraySubquery(ids)))


def sites_above(sites: QuerySet[Site]) -> QuerySet[Site]:
    """Every site above one of ``sites`` (their parents, grandparents …; not themselves)."""
    ancestor_ids = sites.order_by().annotate(ancestor=_Unnest(F("ancestors"))).values("ancestor")
    return Site.objects.filter(pk__in=ancestor_ids)


def sites_of_customer(customer_id: int) -> QuerySet[Site]:
    """The customer's own sites and the shared ones serving it, with everything below."""
    roots = Site.objects.filter(Q(customer_id=customer_id) | Q(served_customers=customer_id))
    return sites_below(roots)


def site_serves(site: Site, customer: Customer | int) -> bool:
    """Whether a ticket of ``customer`` may be on ``site``: its own, or a shared site that
    serves the customer (itself or a site above it)."""
    customer_id = customer.pk if isinstance(customer, Customer) else customer
    if site.customer_id is not None:
        return bool(site.customer_id == customer_id)
    return Site.objects.filter(
        pk__in=[site.pk, *(site.ancestors or [])], served_customers=customer_id
    ).exists()


def sites_in_tree_order(sites: Iterable[Site]) -> list[Site]:
    """``sites`` ordered as a tree (each parent before its children, siblings by name).

    The caller fetches ``sites``; the ordering key is built from the path arrays, so a site
    whose parent is not among them still lands under its nearest listed ancestor."""
    items = list(sites)
    names = {item.pk: item.name.casefold() for item in items}

    def key(item: Site) -> list[tuple[str, int]]:
        # (name, id) per level: a parent sorts right before its children, and two parents
        # of the same name keep their children apart.
        path = [*(item.ancestors or []), item.pk]
        return [(names.get(pk, ""), pk) for pk in path]

    return sorted(items, key=key)


def _refuse(message: str) -> None:
    raise ValidationError({"parent": [message]})


def site_parent_check(*, site: Site, parent: Site | None) -> list[int]:
    """The path ``site`` gets under ``parent``; refuses cycles, another owner and depth.

    Call before saving; ``site.customer`` is the owner it will have."""
    if parent is None:
        return []
    if site.pk is not None and (parent.pk == site.pk or site.pk in (parent.ancestors or [])):
        _refuse(_("A site cannot be placed below itself."))
    if parent.customer_id != site.customer_id:
        _refuse(_("The site above must belong to the same customer."))
    path = [*(parent.ancestors or []), parent.pk]
    subtree_height = 0
    if site.pk is not None:
        deepest = Site.objects.filter(ancestors__contains=[site.pk]).aggregate(
            deepest=Coalesce(
                Max(Func(F("ancestors"), 1, function="array_length", output_field=IntegerField())),
                0,
            )
        )["deepest"]
        subtree_height = max(0, int(deepest) - len(site.ancestors or []))
    if len(path) + subtree_height >= SITE_TREE_MAX_DEPTH:
        _refuse(_("Sites nest at most %(depth)s levels deep.") % {"depth": SITE_TREE_MAX_DEPTH})
    return path


def site_subtree_move(*, site: Site, old_path: list[int]) -> None:
    """After ``site`` got a new path: re-write the paths below it in one statement."""
    if site.pk is None or list(site.ancestors) == list(old_path):
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE customers_site SET ancestors = %s::integer[] || ancestors[%s:] "
            "WHERE ancestors @> ARRAY[%s]::integer[]",
            [list(site.ancestors), len(old_path) + 1, site.pk],
        )


def site_number_next(site: Site) -> int:
    """The site's next own ticket number. The row lock the UPDATE takes is held until the
    creating transaction ends, so parallel creations on one site queue here and never get
    the same number (and a rolled-back creation gives its number back)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE customers_site SET ticket_counter = ticket_counter + 1 "
            "WHERE id = %s RETURNING ticket_counter",
            [site.pk],
        )
        return int(cursor.fetchone()[0])

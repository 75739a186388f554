"""Who a customer user is in the portal and which sites they use: the part of the portal
rules that needs no ticket (so login and configuration, below the tickets app, can ask it).

The ticket rules built on these live in ``tickets.portal_access``, which re-exports them: the
portal's pages, API and email intake ask that one module.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, Q, QuerySet, Subquery

from agencydesk.accounts.models import User
from agencydesk.customers.models import Customer, CustomerRole, CustomerUser, Site
from agencydesk.customers.sites import sites_above, sites_below, sites_of_customer

# Cached on the request's user object (never in a module-level structure: tenant data).
_PROFILE_ATTRIBUTE = "_portal_profile_cache"


def _portal_profiles() -> QuerySet[CustomerUser]:
    return CustomerUser.objects.select_related("customer").filter(
        customer__is_active=True, portal_access=True
    )


def portal_profile(user: User) -> CustomerUser | None:
    """The active customer profile of ``user`` (with its customer), or None (contacts too)."""
    if not (user.is_authenticated and user.is_active and user.is_customer_user):
        return None
    if not hasattr(user, _PROFILE_ATTRIBUTE):
        setattr(user, _PROFILE_ATTRIBUTE, _portal_profiles().filter(user=user).first())
    return getattr(user, _PROFILE_ATTRIBUTE)


def portal_profiles_load(users: Sequence[User]) -> None:
    """Fill the profile cache of many users with one query (e.g. a ticket's followers)."""
    pending = [user for user in users if not hasattr(user, _PROFILE_ATTRIBUTE)]
    customer_users = [user.pk for user in pending if user.is_active and user.is_customer_user]
    profiles = (
        {profile.user_id: profile for profile in _portal_profiles().filter(user__in=customer_users)}
        if customer_users
        else {}
    )
    for user in pending:
        setattr(user, _PROFILE_ATTRIBUTE, profiles.get(user.pk))


def is_contact(user: User) -> bool:
    """A customer's person without portal access (a caller): no login, no portal."""
    if not user.is_customer_user:
        return False
    return CustomerUser.objects.filter(user=user, portal_access=False).exists()


@dataclass(frozen=True)
class ProfileFacts:
    """What the portal rules need of a profile. Values of a loaded profile (lists keep their
    plans), or sub-queries on the user's profile row: then a single check is one statement,
    the profile lookup included, and a user without a profile matches nothing (NULL)."""

    customer_id: Any
    profile_id: Any
    manager: bool | Exists
    all_sites: bool | Exists
    narrow_ticket_types: bool | Exists


def profile_facts(profile: CustomerUser) -> ProfileFacts:
    return ProfileFacts(
        customer_id=profile.customer_id,
        profile_id=profile.pk,
        manager=profile.role == CustomerRole.MANAGER,
        all_sites=profile.all_sites,
        narrow_ticket_types=profile.narrow_ticket_types,
    )


def profile_facts_in_sql(user: User) -> ProfileFacts:
    rows = _portal_profiles().filter(user_id=user.pk)
    return ProfileFacts(
        customer_id=Subquery(rows.values("customer_id")[:1]),
        profile_id=Subquery(rows.values("pk")[:1]),
        manager=Exists(rows.filter(role=CustomerRole.MANAGER)),
        all_sites=Exists(rows.filter(all_sites=True)),
        narrow_ticket_types=Exists(rows.filter(narrow_ticket_types=True)),
    )


def when(flag: bool | Exists, rule: Q) -> Q | None:
    """``rule`` where ``flag`` holds: decided in Python for a loaded profile, in SQL else."""
    if isinstance(flag, bool):
        return rule if flag else None
    return Q(flag) & rule


def portal_access_roots(profile: CustomerUser | ProfileFacts) -> QuerySet[Site]:
    """The sites the profile was given (all of the customer's, or the chosen ones)."""
    facts = profile if isinstance(profile, ProfileFacts) else profile_facts(profile)
    every_site = Q(customer_id=facts.customer_id) | Q(served_customers=facts.customer_id)
    # A chosen site that no longer serves the customer gives nothing.
    chosen = Q(customer_users=facts.profile_id) & Q(
        pk__in=sites_of_customer(facts.customer_id).values("pk")
    )
    if isinstance(facts.manager, bool) and isinstance(facts.all_sites, bool):
        return Site.objects.filter(every_site if facts.manager or facts.all_sites else chosen)
    wide = Q(facts.manager) | Q(facts.all_sites)
    return Site.objects.filter((wide & every_site) | (~wide & chosen))


def portal_sites_for(user: User) -> QuerySet[Site]:
    """The active sites ``user`` has access to in the portal (browse, report): the given
    sites and everything below them."""
    profile = portal_profile(user)
    if profile is None:
        return Site.objects.none()
    return sites_below(portal_access_roots(profile)).filter(is_active=True)


def portal_report_sites_for(user: User) -> QuerySet[Site]:
    """Where ``user`` may report: their sites and the sites above them (a block)."""
    profile = portal_profile(user)
    if profile is None:
        return Site.objects.none()
    roots = portal_access_roots(profile)
    return Site.objects.filter(
        Q(pk__in=sites_below(roots).values("pk")) | Q(pk__in=sites_above(roots).values("pk")),
        is_active=True,
    )


def portal_site_audiences(user: User, site: Site) -> list[Site]:
    """Who a report on ``site`` may be shown to, nearest first: the site itself and each
    site above it that ``user`` may report on (a unit, then its block)."""
    reachable = portal_report_sites_for(user)
    path = [site.pk, *reversed(site.ancestors or [])]
    by_id = {item.pk: item for item in reachable.filter(pk__in=path)}
    return [by_id[pk] for pk in path if pk in by_id]


def portal_requesters_for(
    customer: Customer | int | None, site: Site | int | None
) -> QuerySet[User]:
    """The customer's active people who may report on ``site`` (all of them without a site):
    staff open tickets on their behalf. The same reach as ``portal_report_sites_for``, seen
    from the site: a manager or an all-sites user reaches every site; access to a site above
    covers it; holders of a site below may report on it. Contacts are included (a caller)."""
    if customer is None:
        return User.objects.none()
    profiles = CustomerUser.objects.filter(customer=customer, user__is_active=True)
    chosen = Site.objects.filter(pk=getattr(site, "pk", site)).first() if site else None
    if chosen is not None:
        profiles = profiles.filter(
            Q(role=CustomerRole.MANAGER)
            | Q(all_sites=True)
            | Q(sites__in=[chosen.pk, *chosen.ancestors])
            | Q(sites__ancestors__contains=[chosen.pk])
        )
    return User.objects.filter(customer_profile__in=profiles).distinct().order_by("name", "email")

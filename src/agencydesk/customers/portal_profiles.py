"""Who a customer user is in the portal and which sites they use: the part of the portal
rules that needs no ticket (so login and configuration, below the tickets app, can ask it).

The ticket rules built on these live in ``tickets.portal_access``, which re-exports them: the
portal's pages, API and email intake ask that one module.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q, QuerySet

from agencydesk.accounts.models import User
from agencydesk.customers.models import CustomerRole, CustomerUser, Site
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


def portal_access_roots(profile: CustomerUser) -> QuerySet[Site]:
    """The sites the profile was given (all of the customer's, or the chosen ones)."""
    if profile.role == CustomerRole.MANAGER or profile.all_sites:
        return Site.objects.filter(
            Q(customer_id=profile.customer_id) | Q(served_customers=profile.customer_id)
        )
    # A chosen site that no longer serves the customer gives nothing.
    return Site.objects.filter(customer_users=profile).filter(
        pk__in=sites_of_customer(profile.customer_id).values("pk")
    )


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

"""Which tickets, comments and files a customer user sees: every rule a sub-query, so a
list or a check stays one SQL statement (the rules: this package's docstring)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import (
    BooleanField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.http import Http404

from agencydesk.accounts.models import User
from agencydesk.customers.models import (
    CustomerUserTicketTypeRule,
    PortalTicketTypeRule,
    Site,
)
from agencydesk.customers.portal_profiles import (
    ProfileFacts,
    is_contact,
    portal_access_roots,
    portal_profile,
    portal_profiles_load,
    portal_report_sites_for,
    portal_sites_for,
    profile_facts,
    profile_facts_in_sql,
    when,
)
from agencydesk.customers.sites import sites_above, sites_below
from agencydesk.tickets.models import Attachment, Comment, Status, Ticket, TicketType, Visibility

Purpose = Literal["see", "create"]


def _types(facts: ProfileFacts, flag: str) -> QuerySet[TicketType]:
    """The types the customer's settings (narrowed for the user, never widened) allow."""
    types = TicketType.objects.filter(
        Exists(
            PortalTicketTypeRule.objects.filter(
                customer_id=facts.customer_id, ticket_type=OuterRef("pk"), **{flag: True}
            )
        )
    )
    narrowed = Exists(
        CustomerUserTicketTypeRule.objects.filter(
            customer_user_id=facts.profile_id, ticket_type=OuterRef("pk"), **{flag: True}
        )
    )
    if isinstance(facts.narrow_ticket_types, bool):
        return types.filter(narrowed) if facts.narrow_ticket_types else types
    return types.filter(~Q(facts.narrow_ticket_types) | Q(narrowed))


def portal_ticket_types_for(
    user: User, site: Site | int | None = None, purpose: Purpose = "see"
) -> QuerySet[TicketType]:
    """Ticket types ``user`` may see or create; with ``site``, only if that site is theirs.

    The intake type is not listed for "create" unless enabled: picking no type is a separate
    choice (see ``portal_intake_type_for``).
    """
    profile = portal_profile(user)
    if profile is None:
        return TicketType.objects.none()
    if site is not None:
        site_id = site.pk if isinstance(site, Site) else site
        if not portal_report_sites_for(user).filter(pk=site_id).exists():
            return TicketType.objects.none()
    types = _types(profile_facts(profile), "can_create" if purpose == "create" else "can_see")
    if purpose == "create":
        types = types.filter(is_active=True)
    return types.order_by("order", "id")


def portal_ticket_area_enabled(user: User) -> bool:
    """With no type the user may see, the portal's ticket area is hidden."""
    return portal_ticket_types_for(user, purpose="see").exists()


def portal_can_create_tickets(user: User) -> bool:
    return (
        portal_ticket_types_for(user, purpose="create").exists() and portal_sites_for(user).exists()
    )


def portal_intake_type_for(user: User) -> TicketType | None:
    """The type an unclassified report gets, when the user may report at all."""
    if not portal_can_create_tickets(user):
        return None
    return TicketType.objects.filter(is_intake=True, is_active=True).first()


def _site_among(sites: QuerySet[Site]) -> Q:
    """``site_id = ANY(ARRAY(sites))``: unlike ``site_id IN (sites)`` inside an OR, which is
    a filter run on every ticket walked, the planner can read it from the site index."""
    ids = ArraySubquery(sites.order_by().values("pk"))
    return Q(
        Func(
            F("site_id"),
            ids,
            template="(%(expressions)s))",
            arg_joiner=" = ANY(",
            output_field=BooleanField(),
        )
    )


def _tickets_in_scope(user: User, facts: ProfileFacts) -> QuerySet[Ticket]:
    """The rules of the package docstring, one sub-query each."""
    visible_types = _types(facts, "can_see").order_by("order", "id").values("pk")
    roots = portal_access_roots(facts)
    # Their sites (with the ones below) and the sites above them: where notices reach them.
    notice_sites = Q(site__in=sites_below(roots).values("pk")) | Q(
        site__in=sites_above(roots).values("pk")
    )
    of_customer = Q(customer_id=facts.customer_id)
    own = of_customer & Q(requester=user) & (notice_sites | Q(site__isnull=True))
    scope = own | (Q(visibility=Visibility.SITE) & notice_sites)
    managed = when(facts.manager, of_customer & notice_sites)
    if managed is not None:
        scope |= managed
    # Implied by ``scope`` (every rule is of the customer or on one of those sites), said
    # so the planner can combine the customer and site indexes instead of walking every
    # ticket of the tenant through the rules: at a million tickets, counting a customer's
    # open tickets 13-19 ms to 0.7 ms, all of them (up to 1,001) 45-150 ms to 6-9 ms.
    among = of_customer | _site_among(sites_below(roots)) | _site_among(sites_above(roots))
    return (
        Ticket.objects.exclude(visibility=Visibility.UNPUBLISHED)
        .filter(Q(ticket_type__in=visible_types) | Q(ticket_type__is_intake=True))
        .filter(among)
        .filter(scope)
    )


def portal_tickets_for(user: User) -> QuerySet[Ticket]:
    """Every ticket ``user`` may see in the portal, as one SQL query (no rows in Python)."""
    profile = portal_profile(user)
    if profile is None:
        return Ticket.objects.none()
    return _tickets_in_scope(user, profile_facts(profile))


def portal_can_see_ticket(user: User, ticket: Ticket) -> bool:
    """May ``user`` see, follow and be told about ``ticket``: one query, the profile lookup
    included (the same rules as ``portal_tickets_for``, the profile read in SQL)."""
    if not (user.is_authenticated and user.is_active and user.is_customer_user):
        return False
    return _tickets_in_scope(user, profile_facts_in_sql(user)).filter(pk=ticket.pk).exists()


def contact_may_reply_by_email(user: User, ticket: Ticket) -> bool:
    """A contact has no portal, but may answer by email on a ticket they requested."""
    return ticket.requester_id == user.pk and is_contact(user)


def portal_users_seeing(ticket: Ticket, users: Sequence[User]) -> set[int]:
    """The ids of those ``users`` who see ``ticket`` in the portal, in two queries whatever
    their number: their profiles, then one UNION of each user's own visibility rule (the
    same ``portal_tickets_for``, so the rules stay in one place)."""
    portal_profiles_load(users)
    branches = [
        portal_tickets_for(user)
        .filter(pk=ticket.pk)
        .order_by()
        .annotate(viewer=Value(user.pk, output_field=IntegerField()))
        .values_list("viewer", flat=True)
        for user in users
        if portal_profile(user) is not None
    ]
    if not branches:
        return set()
    return set(branches[0].union(*branches[1:], all=True))


def portal_ticket_for(user: User, number: int | str) -> Ticket:
    """Fetch and authorise in one call; 404 for anything outside the user's scope."""
    try:
        number = int(number)
    except (TypeError, ValueError) as error:
        raise Http404 from error
    ticket = (
        portal_tickets_for(user)
        .select_related("ticket_type", "site", "requester")
        .filter(number=number)
        .first()
    )
    if ticket is None:
        raise Http404
    return ticket


def portal_comments_for(user: User, ticket: Ticket) -> QuerySet[Comment]:
    """The public conversation of a ticket the user may see (never internal notes)."""
    if not portal_can_see_ticket(user, ticket):
        return Comment.objects.none()
    return Comment.objects.filter(ticket=ticket, internal=False)


def portal_attachments_for(user: User, ticket: Ticket) -> QuerySet[Attachment]:
    """Attachments of the ticket and of its public replies (never of internal notes)."""
    if not portal_can_see_ticket(user, ticket):
        return Attachment.objects.none()
    return Attachment.objects.filter(ticket=ticket).filter(
        Q(comment__isnull=True) | Q(comment__internal=False)
    )


def portal_can_comment(user: User, ticket: Ticket) -> bool:
    """Comment and attach on every ticket the user may see."""
    return portal_can_see_ticket(user, ticket)


def portal_comment_for_edit(user: User, ticket: Ticket, comment_id: int | str) -> Comment:
    """The user's own public comment on a visible ticket, else 404."""
    try:
        comment_id = int(comment_id)
    except (TypeError, ValueError) as error:
        raise Http404 from error
    comment = (
        portal_comments_for(user, ticket).filter(pk=comment_id, author=user).first()
        if portal_profile(user) is not None
        else None
    )
    if comment is None:
        raise Http404
    return comment


def portal_attachment_for_removal(
    user: User, ticket: Ticket, attachment_id: int | str
) -> Attachment:
    """A file the user uploaded themselves to a visible, not closed ticket, else 404:
    customers remove their own files, never anyone else's."""
    try:
        attachment_id = int(attachment_id)
    except (TypeError, ValueError) as error:
        raise Http404 from error
    attachment = (
        portal_attachments_for(user, ticket)
        .filter(pk=attachment_id, uploaded_by=user)
        .exclude(ticket__status=Status.CLOSED)
        .select_related("ticket", "comment")
        .first()
        if portal_profile(user) is not None
        else None
    )
    if attachment is None:
        raise Http404
    return attachment

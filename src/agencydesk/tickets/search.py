"""Full-text search over tickets: the vector is kept by the workflow, queried by selectors.

The vector holds title (weight A), description (B) and every comment, internal notes
included (C). It therefore serves staff searches only; a portal search must not use it.

Both sides use the text-search configuration of the tenant's language (``german`` for
``de``: "Störung" finds "Störungen"): a vector built with one configuration and queried with
another misses every stemmed word. ``ticket_search_vectors_recompute`` is the only place that
rebuilds the vector, whichever path changed the ticket (workflow, email intake, demo loader,
imports, the re-index migration); a new ticket's comes with its INSERT, from the same parts
(``new_ticket_search_vector``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django_tenants.utils import get_public_schema_name

from agencydesk.tickets.models import Ticket

SEARCH_CONFIGS = {"de": "german", "en": "english", "fr": "french"}
DEFAULT_SEARCH_CONFIG = "simple"

# PostgreSQL refuses a tsvector over 1 MB ("string is too long for tsvector"). A lexeme
# costs at most ~6 bytes per character of text (short multi-byte words, each with its own
# entry and position), so ~100,000 characters in all stay well below that limit whatever
# the text; everything after them is simply not indexed.
TITLE_INDEXED_CHARS = 1_000
DESCRIPTION_INDEXED_CHARS = 50_000
COMMENTS_INDEXED_CHARS = 50_000

_VECTOR_SQL = """
    UPDATE tickets_ticket AS t SET search_vector =
        setweight(to_tsvector(%(config)s::regconfig,
            left(coalesce(t.title, ''), %(title_chars)s)), 'A')
        || setweight(to_tsvector(%(config)s::regconfig,
            left(coalesce(t.description, ''), %(description_chars)s)), 'B')
        || setweight(to_tsvector(%(config)s::regconfig, left(coalesce(
            (SELECT string_agg(left(c.body, %(comments_chars)s), ' ' ORDER BY c.id)
             FROM tickets_comment AS c WHERE c.ticket_id = t.id), ''),
            %(comments_chars)s)), 'C')
"""


# A new ticket has no comments yet: its vector is the first two parts of _VECTOR_SQL, built
# by the INSERT itself. A second statement would write the fresh row again, with an entry
# in each of its indexes.
_NEW_VECTOR_SQL = """
    setweight(to_tsvector(%s::regconfig, left(%s, %s)), 'A')
    || setweight(to_tsvector(%s::regconfig, left(%s, %s)), 'B')
"""


def _tenant_field(name: str, connection: BaseDatabaseWrapper) -> str:
    """A field of the tenant the connection is in, also under ``schema_context`` (tasks,
    commands, the demo loader, migrations), which sets a stand-in without the tenant's fields."""
    tenant = getattr(connection, "tenant", None)
    value = getattr(tenant, name, None)
    if value is not None:
        return str(value)
    schema = getattr(connection, "schema_name", "")
    with connection.cursor() as cursor:
        # Qualified: a migration's search path holds the tenant's schema only.
        cursor.execute(
            f'SELECT "{name}" FROM "{get_public_schema_name()}".tenants_tenant '  # noqa: S608
            "WHERE schema_name = %s",
            [schema],
        )
        row = cursor.fetchone()
    return str(row[0]) if row and row[0] is not None else ""


def search_config(connection: BaseDatabaseWrapper = default_connection) -> str:
    """The text-search configuration for the current tenant's default language."""
    return SEARCH_CONFIGS.get(_tenant_field("language", connection), DEFAULT_SEARCH_CONFIG)


def ticket_search_vectors_recompute(
    *, ticket_ids: Iterable[int] | None = None, connection: BaseDatabaseWrapper = default_connection
) -> None:
    """Recompute the vectors of ``ticket_ids`` (all tickets when None) in one SQL statement;
    no text travels to Python, and text past the indexed length is left out (never an error)."""
    params: dict[str, Any] = {
        "config": search_config(connection),
        "title_chars": TITLE_INDEXED_CHARS,
        "description_chars": DESCRIPTION_INDEXED_CHARS,
        "comments_chars": COMMENTS_INDEXED_CHARS,
    }
    sql = _VECTOR_SQL
    if ticket_ids is not None:
        params["ids"] = list(ticket_ids)
        sql += " WHERE t.id = ANY(%(ids)s)"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def new_ticket_search_vector(*, title: str, description: str) -> RawSQL:
    """The vector of a ticket being inserted (no comments yet), as the value of its
    ``search_vector``: the same weights, limits and configuration as the recomputation."""
    config = search_config()
    return RawSQL(  # noqa: S611 (constant SQL, the values are parameters)
        _NEW_VECTOR_SQL,
        [config, title, TITLE_INDEXED_CHARS, config, description, DESCRIPTION_INDEXED_CHARS],
        output_field=Ticket._meta.get_field("search_vector"),
    )


def ticket_search_vector_recompute(*, ticket_id: int) -> None:
    """Recompute one ticket's vector (the workflow calls this after every searched change)."""
    ticket_search_vectors_recompute(ticket_ids=[ticket_id])


def tenant_numbering(tenant: Any = None) -> str:
    """ "tenant" (one sequence, ``SAU-42``) or "site" (``<site code>-<n>``; README
    "Sites as a tree")."""
    numbering = getattr(tenant, "numbering", None) if tenant is not None else None
    return numbering or _tenant_field("numbering", default_connection) or "tenant"


def ticket_reference(ticket: Ticket | int, *, tenant: Any = None) -> str:
    """The number as users see it — the ONE formatter of references, for pages, messages,
    audit entries, mail subjects and the API: the tenant's prefix and the number
    (``SAU-42``), or with numbering per site the site's own reference (``B12-7``) for the
    tickets that got one. The tenant is the connection's, also under ``schema_context``; a
    caller already holding the tenant passes it (no look-up). A bare number (e.g. from an
    activity row) always gets the prefix."""
    if isinstance(ticket, Ticket):
        if ticket.site_reference and tenant_numbering(tenant) == "site":
            return ticket.site_reference
        number = ticket.number
    else:
        number = ticket
    prefix = getattr(tenant, "ticket_prefix", None) if tenant is not None else None
    if prefix is None:
        prefix = _tenant_field("ticket_prefix", default_connection)
    return f"{prefix}{number}"


def number_from_reference(text: str) -> int | None:
    """The ticket number ``text`` names: a reference (``SAU-42``, any case), ``#42`` or ``42``."""
    text = text.strip()
    prefix = _tenant_field("ticket_prefix", default_connection)
    if prefix and text.upper().startswith(prefix.upper()):
        text = text[len(prefix) :]
    text = text.removeprefix("#")
    if not re.fullmatch(r"[0-9]{1,9}", text):  # beyond 9 digits no number exists
        return None
    return int(text)


# The ranked order of a search: relevance among the RANK_WINDOW newest matches, then the
# remaining matches newest first. ``ts_rank`` reads every hit's vector and no index can
# order by it (the ``rum`` extension that could is not available), so ranking all hits of a
# common word costs more than everything else on the page. The newest matches come from an
# index (the GIN bitmap, or the created_at index walked with the match as a filter,
# whichever the planner finds cheaper), so the work per page is bounded by the window, not
# by the hits. Below RANK_WINDOW hits (every rare word) that is exactly the full ranking;
# above, a helpdesk user searching a common word wants the best of the recent tickets,
# and the older matches stay reachable on the later pages, newest first.
RANK_WINDOW = 1000
# A ranked search counts up to its window: above it, "more than 1000" is all a list shows,
# and counting further would read the hits the window spares.
SEARCH_COUNT_CAP = RANK_WINDOW
SEARCH_RANK = "search_rank"
_RANKED = f"-{SEARCH_RANK}"

# A per-site reference: the site's code, a hyphen, its count (``B12-7``).
_SITE_REFERENCE = re.compile(r"[^\s]{1,40}-[0-9]{1,9}")


def tickets_matching(queryset: QuerySet[Ticket], text: str) -> QuerySet[Ticket]:
    """Tickets matching ``text``: a reference names one ticket; a bare number finds that
    ticket first, then the texts mentioning it; anything else is full text (web-search
    syntax), best match first. Every door's ``q`` comes here."""
    text = text.strip()
    if not text:
        return queryset
    query = SearchQuery(text, config=search_config(), search_type="websearch")
    rank = SearchRank(F("search_vector"), query)
    number = number_from_reference(text)
    by_site_reference = Q(site_reference__iexact=text) if _SITE_REFERENCE.fullmatch(text) else None
    if number is None:
        if by_site_reference is not None:
            return queryset.filter(by_site_reference)  # "B12-7": that ticket
        return (
            queryset.filter(search_vector=query)
            .annotate(search_rank=rank)
            .order_by(_RANKED, "-created_at", "-id")
        )
    named = Q(number=number)
    if not text.isdigit():
        # "SAU-42", "#42": that ticket, not every "42" in a text (or the site's B-42).
        return queryset.filter(named | by_site_reference if by_site_reference else named)
    return (
        queryset.filter(Q(search_vector=query) | named)
        .annotate(
            named_first=Case(
                When(named, then=Value(0)), default=Value(1), output_field=IntegerField()
            ),
            search_rank=rank,
        )
        .order_by("named_first", _RANKED, "-created_at", "-id")
    )


def is_ranked_search(queryset: QuerySet[Any]) -> bool:
    """Whether ``queryset`` is a search ordered by relevance (no other sort chosen)."""
    return _RANKED in queryset.query.order_by


def ranked_search_ids(queryset: QuerySet[Any], bottom: int, top: int) -> list[int] | None:
    """The ids at positions ``bottom``..``top`` of a ranked search (RANK_WINDOW above), or
    None when ``queryset`` is not ordered by relevance (another sort was chosen).

    The window is the list's own order without the rank (the named ticket first, then
    newest first), so the named ticket is always in it and, past the window, position n of
    the list is position n of that order: a page there is a plain walk of an index."""
    if not is_ranked_search(queryset):
        return None
    by_recency = [part for part in queryset.query.order_by if part != _RANKED]
    recent = queryset.order_by(*by_recency)
    ids: list[int] = []
    if bottom < RANK_WINDOW:
        window = recent.values("pk")[:RANK_WINDOW]
        ranked = queryset.filter(pk__in=window).values_list("pk", flat=True)
        ids += ranked[bottom : min(top, RANK_WINDOW)]
    if top > RANK_WINDOW:
        ids += recent.values_list("pk", flat=True)[max(bottom, RANK_WINDOW) : top]
    return ids

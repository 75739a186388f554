"""Full-text search over tickets: the vector is kept by the workflow, queried by selectors.

The vector holds title (weight A), description (B) and every comment, internal notes
included (C). It therefore serves staff searches only; a portal search must not use it.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, QuerySet

from agencydesk.tickets.models import Ticket

SEARCH_CONFIGS = {"de": "german", "en": "english"}
DEFAULT_SEARCH_CONFIG = "simple"


def search_config() -> str:
    """The text-search configuration for the current tenant's default language."""
    language = getattr(getattr(connection, "tenant", None), "language", "")
    return SEARCH_CONFIGS.get(language, DEFAULT_SEARCH_CONFIG)


def ticket_search_vector_update(*, ticket_id: int) -> None:
    """Recompute one ticket's vector in SQL (no rows travel to Python)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE tickets_ticket AS t SET search_vector =
                setweight(to_tsvector(%(config)s::regconfig, coalesce(t.title, '')), 'A')
                || setweight(to_tsvector(%(config)s::regconfig, coalesce(t.description, '')), 'B')
                || setweight(to_tsvector(%(config)s::regconfig, coalesce(
                    (SELECT string_agg(c.body, ' ' ORDER BY c.id)
                     FROM tickets_comment AS c WHERE c.ticket_id = t.id), '')), 'C')
            WHERE t.id = %(ticket_id)s
            """,
            {"config": search_config(), "ticket_id": ticket_id},
        )


def tickets_matching(queryset: QuerySet[Ticket], text: str) -> QuerySet[Ticket]:
    """Tickets whose vector matches ``text`` (web-search syntax), best match first."""
    query = SearchQuery(text, config=search_config(), search_type="websearch")
    return (
        queryset.filter(search_vector=query)
        .annotate(search_rank=SearchRank(F("search_vector"), query))
        .order_by("-search_rank", "-created_at")
    )

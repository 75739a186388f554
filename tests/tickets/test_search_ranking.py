"""The ranked order of a search (tickets/search.py, RANK_WINDOW): relevance among the newest
matches, then the older matches newest first; the named ticket first whatever its age; every
match reachable, page after page, exactly once."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from agencydesk.core.paginator import BoundedPaginator
from agencydesk.tickets import search
from agencydesk.tickets.models import Ticket
from agencydesk.tickets.search import ranked_search_ids, tickets_matching

pytestmark = pytest.mark.django_db


def _aged(ticket: Ticket, days: int) -> Ticket:
    created = timezone.now() - datetime.timedelta(days=days)
    Ticket.objects.filter(pk=ticket.pk).update(created_at=created)
    return ticket


@pytest.fixture
def four(make_ticket) -> dict[str, Ticket]:
    """Oldest to newest; "Heizkessel" in the title ranks above the word in the description."""
    return {
        "old_title": _aged(make_ticket(title="Heizkessel defekt", description="kalt"), 40),
        "old_text": _aged(make_ticket(title="Keller", description="der Heizkessel tropft"), 30),
        "new_title": _aged(make_ticket(title="Heizkessel laut", description="Geräusch"), 20),
        "new_text": _aged(make_ticket(title="Dach", description="neben dem Heizkessel"), 10),
    }


def _pages(text: str, per_page: int) -> list[list[int]]:
    matching = tickets_matching(Ticket.objects.all(), text)
    paginator = BoundedPaginator(matching, per_page, page_ids=ranked_search_ids)
    return [
        [ticket.pk for ticket in paginator.page(number)]
        for number in range(1, paginator.num_pages + 1)
    ]


def test_given_fewer_matches_than_the_window_when_searched_then_best_match_first(four):
    order = [ticket.pk for ticket in tickets_matching(Ticket.objects.all(), "Heizkessel")]

    titles_first = [four[key].pk for key in ("new_title", "old_title", "new_text", "old_text")]
    assert order == titles_first
    assert _pages("Heizkessel", 50) == [titles_first]


def test_given_more_matches_than_the_window_when_paged_then_newest_ranked_then_rest_by_age(
    four, monkeypatch
):
    monkeypatch.setattr(search, "RANK_WINDOW", 2)

    expected = [four[key].pk for key in ("new_title", "new_text", "old_text", "old_title")]
    # A page inside the window, one across its edge and one past it: the same order.
    assert _pages("Heizkessel", 1) == [[pk] for pk in expected]
    assert _pages("Heizkessel", 3) == [expected[:3], expected[3:]]
    assert _pages("Heizkessel", 2) == [expected[:2], expected[2:]]


def test_given_an_old_ticket_named_by_number_when_window_is_full_then_it_still_comes_first(
    make_ticket, monkeypatch
):
    monkeypatch.setattr(search, "RANK_WINDOW", 1)
    named = _aged(make_ticket(title="Fenster klemmt"), 400)
    mentions = [
        _aged(make_ticket(title="Nachfrage", description=f"wie Ticket {named.number}"), days)
        for days in (3, 2, 1)
    ]

    pages = _pages(str(named.number), 2)

    newest_first = [ticket.pk for ticket in reversed(mentions)]
    assert pages == [[named.pk, newest_first[0]], newest_first[1:]]


def test_given_another_sort_when_searched_then_no_ranking_window(four):
    matching = tickets_matching(Ticket.objects.all(), "Heizkessel").order_by("created_at")

    assert ranked_search_ids(matching, 0, 50) is None

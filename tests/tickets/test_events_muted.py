"""``events_muted``: replayed history reaches no subscriber; nothing else is silenced."""

from __future__ import annotations

import threading

import pytest

from agencydesk.tickets import events
from agencydesk.tickets.events import TicketEvent, events_muted, publish, subscribe, unsubscribe


@pytest.fixture(autouse=True)
def only_this_tests_subscribers(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's own subscribers read tickets from the database; these events have none."""
    monkeypatch.setattr(events, "_subscribers", [])


def test_given_muted_block_when_publishing_then_no_subscriber_called_and_after_it_again():
    seen: list[int] = []

    def subscriber(event: TicketEvent) -> None:
        seen.append(event.ticket_id)

    subscribe(subscriber)
    try:
        with events_muted():
            publish("ticket_created", ticket_id=1, actor_id=None)
        publish("ticket_created", ticket_id=2, actor_id=None)
    finally:
        unsubscribe(subscriber)

    assert seen == [2]


def test_given_one_thread_muted_when_another_publishes_then_it_is_heard():
    seen: list[int] = []
    muted, heard = threading.Event(), threading.Event()

    def subscriber(event: TicketEvent) -> None:
        seen.append(event.ticket_id)

    def other_thread() -> None:
        muted.wait(5)
        publish("ticket_created", ticket_id=7, actor_id=None)
        heard.set()

    subscribe(subscriber)
    worker = threading.Thread(target=other_thread)
    worker.start()
    try:
        with events_muted():
            muted.set()
            heard.wait(5)
            publish("ticket_created", ticket_id=8, actor_id=None)
    finally:
        worker.join()
        unsubscribe(subscriber)

    assert seen == [7]

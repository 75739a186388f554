"""The POST itself against a real receiver on loopback: redirects are not followed, the
answer is kept only in part, timeouts end an attempt, retries back off."""

from __future__ import annotations

import socket
import threading

import pytest

from agencydesk.integrations.delivery import retry_delay
from agencydesk.integrations.transport import RESPONSE_EXCERPT_BYTES, webhook_post
from tests.integrations.conftest import Reply


def test_given_a_redirect_when_posting_then_it_is_not_followed_and_counts_as_failure(
    receiver, allow_loopback
):
    receiver.reply_with(Reply(302, b"", {"Location": f"http://127.0.0.1:{receiver.port}/x"}))

    result = webhook_post(url=receiver.url, body=b"{}", headers={})

    assert len(receiver.wait_for(1, settle=0.3)) == 1
    assert result.status == 302 and not result.succeeded
    assert "not followed" in result.error


def test_given_a_long_answer_when_posting_then_only_an_excerpt_is_kept(receiver, allow_loopback):
    receiver.reply_with(Reply(200, b"x" * 100_000))

    result = webhook_post(url=receiver.url, body=b"{}", headers={"X-Test": "1"})

    assert result.succeeded
    assert len(result.excerpt) == RESPONSE_EXCERPT_BYTES
    assert receiver.requests[0].headers["X-Test"] == "1"


def test_given_a_receiver_that_never_answers_when_posting_then_the_read_timeout_ends_it(
    allow_loopback, settings
):
    settings.WEBHOOK_READ_TIMEOUT_SECONDS = 0.5
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        accepted: list[socket.socket] = []
        threading.Thread(target=lambda: accepted.append(silent.accept()[0]), daemon=True).start()

        result = webhook_post(
            url=f"http://127.0.0.1:{silent.getsockname()[1]}/", body=b"{}", headers={}
        )
        for connection in accepted:
            connection.close()

    assert result.status is None and not result.succeeded
    assert "timed out" in result.error.lower()
    assert result.duration_ms < 5000


def test_given_a_closed_port_when_posting_then_the_attempt_fails_cleanly(allow_loopback):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    result = webhook_post(url=f"http://127.0.0.1:{port}/", body=b"{}", headers={})

    assert result.status is None and result.error


@pytest.mark.parametrize("attempts", range(1, 8))
def test_given_failed_attempts_then_the_delay_doubles_with_up_to_a_fifth_of_jitter(
    settings, attempts
):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 30
    expected = 30 * 2 ** (attempts - 1)

    delays = {retry_delay(attempts) for _ in range(20)}

    assert all(expected <= delay <= expected * 1.2 for delay in delays)
    assert len(delays) > 1


def test_given_the_defaults_then_eight_attempts_span_about_an_hour(settings):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 30
    total = sum(retry_delay(n) for n in range(1, settings.WEBHOOK_MAX_ATTEMPTS))

    assert settings.WEBHOOK_MAX_ATTEMPTS >= 5
    assert 3600 <= total <= 3600 * 1.35


def test_given_an_answer_with_nul_bytes_when_posting_then_the_excerpt_can_be_stored(
    receiver, allow_loopback
):
    receiver.reply_with(Reply(500, b"bad\x00answer"))

    result = webhook_post(url=receiver.url, body=b"{}", headers={})

    assert "\x00" not in result.excerpt and result.excerpt.startswith("bad")

"""Error reports carry no personal data."""

from __future__ import annotations

from agencydesk.observability.scrubbing import event_scrub


def test_given_an_event_with_personal_data_when_scrubbed_then_emails_user_and_cookies_go():
    event = {
        "message": "could not notify jana.becker@sauber.example",
        "user": {"id": 3, "email": "jana.becker@sauber.example", "ip_address": "10.0.0.1"},
        "request": {
            "url": "https://sauber.example.com/tickets/1/",
            "cookies": {"sessionid": "abc"},
            "headers": {"Authorization": "Token secret"},
            "data": {"email": "x@y.example"},
        },
        "exception": {"values": [{"value": "SMTP refused <a.b@c.example>"}]},
        "breadcrumbs": {"values": [{"message": "to admin@harbour.example"}]},
        "tags": {"tenant": "t_sauber"},
    }

    scrubbed = event_scrub(event)

    assert "user" not in scrubbed
    assert scrubbed["request"] == {"url": "https://sauber.example.com/tickets/1/"}
    assert scrubbed["message"] == "could not notify [email]"
    assert scrubbed["exception"]["values"][0]["value"] == "SMTP refused <[email]>"
    assert scrubbed["breadcrumbs"]["values"][0]["message"] == "to [email]"
    assert scrubbed["tags"] == {"tenant": "t_sauber"}
    assert "@" not in str(scrubbed)

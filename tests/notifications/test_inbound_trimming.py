"""The trimming rules on their own: what goes (quoted history, the RFC 3676 signature, a closing
mobile footer) and what stays (everything else the sender wrote)."""

from __future__ import annotations

import time

from agencydesk.notifications.inbound.trimming import trim_reply

QUOTE = "\n\nOn Mon, 23 Nov 2026 at 09:00, Helpdesk <helpdesk@localhost> wrote:\n> old text\n"


def test_given_an_rfc_signature_delimiter_when_trimmed_then_the_signature_goes():
    assert trim_reply("Ok, thanks.\n-- \nJohn Doe\nACME Ltd" + QUOTE) == "Ok, thanks."


def test_given_a_bare_double_dash_when_trimmed_then_the_text_under_it_stays():
    text = "Ok.\n--\nJohn Doe\nCall back until 4 pm: 030 123"

    assert trim_reply(text + QUOTE) == text


def test_given_a_mail_that_is_only_a_quote_when_trimmed_then_nothing_is_left():
    assert trim_reply(QUOTE.strip()) == ""


def test_given_a_mobile_footer_when_trimmed_then_only_a_closing_one_goes():
    text = "Sent from my iPhone is what my old mail said.\nThe tap still drips."

    assert trim_reply(text + "\n\nSent from my iPhone" + QUOTE) == text


def test_given_inline_quotes_without_a_header_when_trimmed_then_only_the_senders_lines_stay():
    text = "> Is the door locked?\nYes, since Monday.\n> And the gate?\nStill open."

    assert trim_reply(text) == "Yes, since Monday.\nStill open."


def test_given_a_hostile_long_line_when_trimmed_then_it_is_kept_and_fast():
    long_line = "On " * 7000  # backtracks for seconds in the header patterns if parsed whole
    started = time.monotonic()

    kept = trim_reply(f"Hello\n{long_line}\nBye" + QUOTE)

    assert time.monotonic() - started < 1
    assert kept == f"Hello\n{long_line.strip()}\nBye"


def test_given_windows_line_ends_and_no_break_spaces_when_trimmed_then_the_header_is_found():
    text = "Merci.\r\n\r\nDe\xa0: Alpha <a@b.example>\r\nEnvoyé\xa0: lundi\r\nObjet\xa0: x\r\n"

    assert trim_reply(text) == "Merci."


def test_given_new_outlooks_french_header_with_date_when_trimmed_then_no_field_leaks():
    text = (
        "Merci, c'est noté.\n\nDe : Alpha <helpdesk@localhost>\nDate : lundi 23 novembre 2026 "
        "09:00\nÀ : Marie Dupont <marie@tilleuls.example>\nObjet : RE: [ALP-7] Réponse\n\nold"
    )

    assert trim_reply(text) == "Merci, c'est noté."


def test_given_a_one_line_reply_starting_with_from_when_trimmed_then_it_is_kept():
    text = "From: Monday on the car park gate stays open."

    assert trim_reply(text + QUOTE) == text

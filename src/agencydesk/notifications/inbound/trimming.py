"""The new text of an email reply: everything the sender wrote above the quoted history.

Quote headers ("Am … schrieb …:", "On … wrote:", "Le … a écrit :", Outlook's
"Von:/Gesendet:", "From:/Sent:", "De :/Envoyé :" blocks) are found by mail-parser-reply in
German, English and French. What the sender wrote is kept whole: greetings, names, lists and
a bare ``--`` line are customer text (a phone number under it is what staff need). Only what
is certainly not the sender's words goes: the RFC 3676 signature block (a line that is
exactly ``-- ``), whole-line quotes (``>``), a mobile "Sent from my iPhone" line at the end
and the separator line Outlook writes above its header block.
"""

from __future__ import annotations

import re

from mailparser_reply import EmailReplyParser

# The languages whose mail clients' quote headers are recognised (English is always added).
REPLY_LANGUAGES = ("de", "en", "fr")

_parser = EmailReplyParser(languages=list(REPLY_LANGUAGES))

# RFC 3676 §4.3: "-- " alone on a line starts the signature. A bare "--" does not.
_SIGNATURE_DELIMITER = "-- "

# Non-breaking spaces: French clients put one before the colon ("De\xa0:", "a écrit\xa0:").
_NO_BREAK_SPACES = str.maketrans({"\xa0": " ", "\u202f": " ", "\u2007": " "})

# Gmail wraps its quote header at about 78 characters, often inside the address. A line
# ending such a header ("…> wrote:", "… schrieb …:", "… a écrit :") is joined with the line
# above it when that one opens a header ("On …", "Am …", "Le …").
_HEADER_OPENING = re.compile(r"^(?:> ?)*(?:On|Am|Le)\s.*[^:]$")
_HEADER_CLOSING = re.compile(r"^\S.*(?:\swrote|\sschrieb\s.+|\sa écrit)\s?:$")

# Lines Outlook writes above its header block, and mobile clients below the text.
_SEPARATOR = re.compile(
    r"^(?:_{10,}|-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine)"
    r"\s*-{2,})$",
    re.IGNORECASE,
)
_MOBILE_FOOTER = re.compile(
    r"^(?:Sent from my \w[\w ]{0,30}|Von meinem \w[\w ]{0,30} gesendet|"
    r"Gesendet von meinem \w[\w ]{0,30}|Envoyé de mon \w[\w ]{0,30}|Get Outlook for \w+)$",
    re.IGNORECASE,
)


# mail-parser-reply starts a French header block at the first two fields it knows; new
# Outlook's "Date :" is not one of them, so "De :" and "Date :" would stay above the block
# it found. Such lines (French typography: a space before the colon) are dropped only right
# above a found header; an English or German "From:" line of the sender's own is never.
_FRENCH_HEADER_FIELD = re.compile(r"^(?:De|Date|Envoyé|À|Objet|Cc) : .*$")

# The header patterns backtrack over a whole line; a line longer than any quote header is
# handed to the parser as a short placeholder, so a hostile 20,000-character line costs
# nothing (it would otherwise take seconds), and put back afterwards.
_LONGEST_HEADER_LINE = 300
_PLACEHOLDER = re.compile(r"\x1a(\d+)\x1a")


def _shortened(lines: list[str]) -> tuple[list[str], list[str]]:
    long_lines: list[str] = []
    short: list[str] = []
    for line in lines:
        if len(line) > _LONGEST_HEADER_LINE:
            short.append(f"\x1a{len(long_lines)}\x1a")
            long_lines.append(line.strip())
        else:
            short.append(line.replace("\x1a", ""))
    return short, long_lines


def _without_signature(lines: list[str]) -> list[str]:
    if _SIGNATURE_DELIMITER in lines:
        return lines[: lines.index(_SIGNATURE_DELIMITER)]
    return lines


def _unwrapped_headers(lines: list[str]) -> list[str]:
    joined: list[str] = []
    for line in lines:
        if joined and _HEADER_CLOSING.match(line.strip()) and _HEADER_OPENING.match(joined[-1]):
            glue = "" if joined[-1].endswith("<") else " "
            joined[-1] = joined[-1].rstrip() + glue + line.strip()
        else:
            joined.append(line)
    return joined


def _is_noise(line: str, *, above_header: bool) -> bool:
    return (
        not line
        or bool(_SEPARATOR.match(line))
        or bool(_MOBILE_FOOTER.match(line))
        or (above_header and bool(_FRENCH_HEADER_FIELD.match(line)))
    )


def _without_trailing_noise(lines: list[str], *, above_header: bool) -> list[str]:
    kept = list(lines)
    while kept and _is_noise(kept[-1].strip(), above_header=above_header):
        kept.pop()
    return kept


def trim_reply(text: str) -> str:
    """The new part of a reply, without the quoted history below it."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").translate(_NO_BREAK_SPACES)
    prepared, long_lines = _shortened(_unwrapped_headers(_without_signature(lines.split("\n"))))
    message = _parser.read("\n".join(prepared))
    newest = message.replies[0] if message.replies else None
    if newest is None or newest.headers:
        return ""  # the message starts with a quote header: nothing new was written
    content = _PLACEHOLDER.sub(lambda found: long_lines[int(found.group(1))], newest.content)
    kept = [line.rstrip() for line in content.split("\n") if not line.startswith(">")]
    above_header = len(message.replies) > 1
    return "\n".join(_without_trailing_noise(kept, above_header=above_header)).strip()

"""Reading a raw RFC 822 message: sender, reply token, the new text without quotes or
signature, attachments, and whether it is an automatic message that must not be answered."""

from __future__ import annotations

import email
import email.policy
import html
import re
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr

from django.utils.html import strip_tags

# Where quoted history starts in common mail clients (English and German).
_QUOTE_HEADERS = (
    re.compile(r"^On .{4,200} wrote:\s*$"),
    re.compile(r"^Am .{4,200} schrieb .{1,200}:\s*$"),
    re.compile(r"^-{2,}\s*(Original Message|Ursprüngliche Nachricht)\s*-{2,}\s*$", re.I),
    re.compile(r"^(From|Von): .+$"),
    re.compile(r"^_{10,}\s*$"),  # Outlook's separator
)
_SIGNATURE_MARKERS = ("-- ", "--", "Sent from my ", "Von meinem iPhone gesendet")
_TOKEN_HEADERS = ("To", "Cc", "Delivered-To", "X-Original-To", "In-Reply-To", "References")


@dataclass
class InboundAttachment:
    name: str
    content_type: str
    content: bytes


@dataclass
class InboundMail:
    sender_email: str
    sender_name: str
    subject: str
    body: str
    message_id: str
    token_text: str
    automatic: bool
    attachments: list[InboundAttachment] = field(default_factory=list)


def is_automatic(message: EmailMessage) -> bool:
    """Auto-replies, bulk and list mail (RFC 3834 and the usual vendor headers)."""
    auto_submitted = str(message.get("Auto-Submitted", "no")).strip().lower()
    precedence = str(message.get("Precedence", "")).strip().lower()
    return (
        auto_submitted != "no"
        or precedence in {"bulk", "list", "junk", "auto_reply"}
        or any(message.get(name) for name in ("X-Autoreply", "X-Autorespond", "List-Id"))
        or str(message.get("X-Auto-Response-Suppress", "")).lower() in {"all", "oof"}
    )


def trim_reply(text: str) -> str:
    """The new part of a reply: stops at quoted history or the signature."""
    kept: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        stripped = line.rstrip()
        if any(pattern.match(stripped) for pattern in _QUOTE_HEADERS):
            break
        if stripped in _SIGNATURE_MARKERS[:2] or stripped.startswith(_SIGNATURE_MARKERS[2:]):
            break
        if stripped.startswith(">"):
            continue
        kept.append(stripped)
    return "\n".join(kept).strip()


def _body_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    content = str(part.get_content())
    if part.get_content_type() == "text/html":
        content = html.unescape(strip_tags(re.sub(r"(?i)<br\s*/?>|</p>", "\n", content)))
    return content


def _attachments(message: EmailMessage) -> list[InboundAttachment]:
    found = []
    for part in message.iter_attachments():
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes) and payload:
            found.append(
                InboundAttachment(
                    name=part.get_filename() or "attachment",
                    content_type=part.get_content_type(),
                    content=payload,
                )
            )
    return found


def mail_parse(raw: bytes) -> InboundMail:
    # The default policy yields EmailMessage objects (get_body, iter_attachments).
    message: EmailMessage = email.message_from_bytes(raw, policy=email.policy.default)
    sender_name, sender_email = parseaddr(str(message.get("From", "")))
    addresses = [
        address
        for name in _TOKEN_HEADERS[:4]
        for _name, address in getaddresses([str(v) for v in message.get_all(name, [])])
    ]
    references = [str(message.get(name, "")) for name in _TOKEN_HEADERS[4:]]
    subject = str(message.get("Subject", "")).strip()
    return InboundMail(
        sender_email=sender_email.strip().lower(),
        sender_name=sender_name,
        subject=subject,
        body=trim_reply(_body_text(message)),
        message_id=str(message.get("Message-ID", "")).strip(),
        token_text=" ".join([*addresses, *references, subject]),
        automatic=is_automatic(message),
        attachments=_attachments(message),
    )

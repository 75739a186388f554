"""Reading a raw RFC 822 message: sender, recipients and references (for threading), the new
text without the quoted history (``trimming``), attachments, and whether it is an automatic
message that must not be answered."""

from __future__ import annotations

import email
import email.policy
import html
import re
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr

from django.utils.html import strip_tags

from agencydesk.notifications.inbound.trimming import trim_reply

# Headers naming the address the mail was sent to (a reply token rides in its plus part).
_RECIPIENT_HEADERS = ("To", "Cc", "Delivered-To", "X-Original-To")
_MESSAGE_ID = re.compile(r"<[^<>\s]{1,250}>")
# A References header of a long thread is cut to its newest entries.
MAX_REFERENCES = 20


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
    # Every address in To, Cc, Delivered-To and X-Original-To.
    recipients: list[str]
    # Message-IDs this mail answers: In-Reply-To first, then References newest first.
    references: list[str]
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


def _body_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    content = str(part.get_content())
    if part.get_content_type() == "text/html":
        content = html.unescape(strip_tags(re.sub(r"(?i)<br\s*/?>|</p>|</div>", "\n", content)))
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


def _references(message: EmailMessage) -> list[str]:
    """The Message-IDs a reply refers to, the one it answers directly first."""
    in_reply_to = _MESSAGE_ID.findall(str(message.get("In-Reply-To", "")))
    references = _MESSAGE_ID.findall(str(message.get("References", "")))
    ordered = [*in_reply_to, *reversed(references)]
    return list(dict.fromkeys(ordered))[:MAX_REFERENCES]


def mail_parse(raw: bytes) -> InboundMail:
    # The default policy yields EmailMessage objects (get_body, iter_attachments).
    message: EmailMessage = email.message_from_bytes(raw, policy=email.policy.default)
    sender_name, sender_email = parseaddr(str(message.get("From", "")))
    recipients = [
        address
        for name in _RECIPIENT_HEADERS
        for _name, address in getaddresses([str(v) for v in message.get_all(name, [])])
    ]
    return InboundMail(
        sender_email=sender_email.strip().lower(),
        sender_name=sender_name,
        subject=str(message.get("Subject", "")).strip(),
        body=trim_reply(_body_text(message)),
        message_id=str(message.get("Message-ID", "")).strip(),
        recipients=recipients,
        references=_references(message),
        automatic=is_automatic(message),
        attachments=_attachments(message),
    )

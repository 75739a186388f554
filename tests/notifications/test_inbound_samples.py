"""Real-world replies (``samples/*.eml``: Outlook de/fr/en, Gmail de/fr, Apple Mail, Thunderbird)
lose their quoted history and keep every word the sender wrote.

The samples are raw messages as the clients send them (encodings, multipart, no-break spaces);
``{{…}}`` marks the values of one test run: the ticket's reply address, its reference, the
Message-ID of our notification and the sender.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from agencydesk.notifications.addresses import inbound_address
from agencydesk.notifications.inbound.parsing import mail_parse
from agencydesk.notifications.models import OutboundMessage
from agencydesk.tickets.models import Comment
from tests.notifications.factories import build_scene
from tests.notifications.test_inbound import ingest

SAMPLES = Path(__file__).parent / "samples"


def sample(name: str, **values: str) -> bytes:
    raw = (SAMPLES / name).read_bytes()
    defaults = {
        "sender": "kunde@lindenhof.example",
        "reply_to": "alpha@inbound.localhost",
        "reference": "ALP-7",
        "notification_id": "unknown@inbound.localhost",
    }
    for key, value in {**defaults, **values}.items():
        raw = raw.replace(b"{{" + key.encode() + b"}}", value.encode())
    return raw


EXPECTED = {
    "outlook_de.eml": (
        "Guten Tag Frau Becker,\n\n"
        "die Heizung im 2. OG läuft wieder, vielen Dank für den schnellen Einsatz.\n"
        "Bitte prüfen Sie beim nächsten Termin auch das Ventil im Treppenhaus.\n\n"
        "Mit freundlichen Grüßen\nErika Muster\nHausverwaltung Lindenhof"
    ),
    "outlook_fr.eml": (
        "Bonjour,\n\nLa porte du local poubelles ferme de nouveau, merci.\n"
        "Il reste une trace de peinture au 3e étage, côté ascenseur.\n\n"
        "Cordialement,\nMarie Dupont\nSyndic Les Tilleuls"
    ),
    "outlook_en.eml": (
        "Hi Sam,\n\nThe heater in flat 12 works again, thanks.\n"
        "Could someone also look at the radiator valve in the hallway?\n\n"
        "Kind regards,\nJohn Doe\nQuayside Residents Ltd"
    ),
    "gmail_de.eml": (
        "Hallo,\n\ndas Licht im Keller geht wieder. Die Lampe im Fahrradraum flackert aber\n"
        "noch, bitte beim nächsten Mal mitmachen.\n\nDanke!\nJana"
    ),
    "gmail_fr.eml": (
        "Bonjour,\n\nC'est réparé, merci. Le digicode du hall B ne fonctionne toujours pas.\n\nLuc"
    ),
    "apple_mail_de.eml": "Schlüssel liegt ab morgen beim Nachbarn in Nr. 14.",
    "from_first_line.eml": (
        "From: Monday 30 November the car park gate stays open for the resurfacing.\n"
        "Please tell the cleaners to use the side entrance until Friday."
    ),
    "signature_dashes.eml": (
        "Die Reinigung am Freitag passt.\n--\nErika Muster\nHausverwaltung Lindenhof\n"
        "Rückruf bitte nur bis 16 Uhr: 030 1234567"
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_given_a_real_world_reply_when_parsed_then_the_new_text_is_kept_whole(name):
    mail = mail_parse(sample(name))

    assert mail.body == EXPECTED[name]


def test_given_every_sample_file_when_listed_then_each_has_an_expected_text():
    assert sorted(path.name for path in SAMPLES.glob("*.eml")) == sorted(EXPECTED)


@pytest.mark.parametrize(
    ("name", "leaked"),
    [
        ("gmail_de.eml", "schrieb"),  # the two-line Gmail header
        ("gmail_fr.eml", "a écrit"),
        ("outlook_fr.eml", "Envoyé"),
        ("outlook_de.eml", "Ursprüngliche Nachricht"),
        ("apple_mail_de.eml", "iPhone"),
    ],
)
def test_given_a_reply_with_quoted_history_when_parsed_then_no_header_line_leaks(name, leaked):
    assert leaked not in mail_parse(sample(name)).body


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["outlook_de.eml", "gmail_de.eml", "signature_dashes.eml"])
def test_given_a_real_world_reply_to_a_notification_when_ingested_then_the_comment_keeps_it(
    tenant, name
):
    scene = build_scene()
    ticket = scene.portal_ticket()
    raw = sample(
        name,
        sender=scene.requester.email,
        reply_to=inbound_address(ticket_number=ticket.number),
        reference=f"ALP-{ticket.number}",
    )

    assert ingest(raw) == f"commented #{ticket.number}"

    assert Comment.objects.get(ticket=ticket).body == EXPECTED[name]


@pytest.mark.django_db
def test_given_a_reply_found_only_by_its_in_reply_to_when_ingested_then_it_is_commented(tenant):
    """Outlook answering our notification to another address of the agency: no token in the
    address, but In-Reply-To names the notification we sent."""
    scene = build_scene()
    ticket = scene.portal_ticket()
    notification = OutboundMessage.objects.filter(ticket=ticket).first()
    assert notification is not None
    message_id = notification.headers["Message-ID"].strip("<>")
    raw = sample(
        "outlook_en.eml",
        sender=scene.requester.email,
        reply_to="office@agency.example",
        reference="nothing-here",
        notification_id=message_id,
    )

    assert ingest(raw) == f"commented #{ticket.number}"

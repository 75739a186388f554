"""A new tenant's localized starter ticket types (a step of ``TENANT_PROVISIONING_STEPS``)."""

from __future__ import annotations

from agencydesk.tickets.models import Priority, TicketType
from tenants.seed import StarterContent

STARTER_TICKET_TYPES: list[dict[str, object]] = [
    {
        "name": {"de": "Störung melden", "en": "Report a fault", "fr": "Signaler une panne"},
        "description": {
            "de": "Etwas ist defekt oder funktioniert nicht.",
            "en": "Something is broken or does not work.",
            "fr": "Quelque chose est cassé ou ne fonctionne pas.",
        },
        "color": "#c62828",
        "icon": "wrench",
        "default_priority": Priority.HIGH,
    },
    {
        "name": {"de": "Reklamation", "en": "Complaint", "fr": "Réclamation"},
        "description": {
            "de": "Eine Leistung wurde nicht wie vereinbart erbracht.",
            "en": "A service was not delivered as agreed.",
            "fr": "Une prestation n’a pas été fournie comme convenu.",
        },
        "color": "#ef6c00",
        "icon": "alert",
        "default_priority": Priority.MEDIUM,
    },
    {
        "name": {"de": "Sonderauftrag", "en": "Special request", "fr": "Demande spéciale"},
        "description": {
            "de": "Eine zusätzliche Leistung anfragen.",
            "en": "Ask for an additional service.",
            "fr": "Demander une prestation supplémentaire.",
        },
        "color": "#2e7d32",
        "icon": "star",
        "default_priority": Priority.LOW,
    },
    {
        "name": {"de": "Allgemeine Anfrage", "en": "General enquiry", "fr": "Demande générale"},
        "description": {
            "de": "Alles andere; wir ordnen Ihr Anliegen zu.",
            "en": "Anything else; we will classify it for you.",
            "fr": "Tout le reste ; nous classerons votre demande.",
        },
        "color": "#546e7a",
        "icon": "inbox",
        "default_priority": "",
        "is_intake": True,
    },
]


def starter_ticket_types_create(content: StarterContent) -> None:
    """Runs inside the new tenant's schema."""
    TicketType.objects.bulk_create(
        TicketType(order=index * 10, **spec)
        for index, spec in enumerate(STARTER_TICKET_TYPES, start=1)
    )

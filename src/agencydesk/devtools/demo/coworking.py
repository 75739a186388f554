"""The coworking demo tenant: an operator whose locations are shared by member companies,
tickets numbered per location, and the ticket types coworking members ask about, in the
order of how often they come up (most frequent first, "Other" last)."""

from __future__ import annotations

from agencydesk.accounts.models import Role
from agencydesk.customers.models import CustomerRole
from agencydesk.devtools.demo.specs import (
    DemoCustomer,
    DemoLogin,
    DemoSite,
    DemoSla,
    DemoTenant,
    DemoType,
)
from agencydesk.tickets.models import Priority


def _type(
    name: str, description: str, priority: str, color: str, icon: str, titles: tuple[str, ...]
) -> DemoType:
    return DemoType({"en": name}, {"en": description}, priority, color, icon, titles)


COWORKING_TYPES: tuple[DemoType, ...] = (
    _type(
        "Access",
        "Door fobs, key cards, guest access, locked doors.",
        Priority.HIGH,
        "#1565c0",
        "key",
        ("Key card does not open the main door", "Guest pass for a client visit", "Locked out"),
    ),
    _type(
        "Account and Billing",
        "Invoices, plan changes, member accounts.",
        Priority.MEDIUM,
        "#2e7d32",
        "receipt",
        ("Invoice charged twice", "Add a new team member to our plan", "Change of billing address"),
    ),
    _type(
        "Bookings",
        "Meeting rooms, phone booths, event space.",
        Priority.MEDIUM,
        "#6a1b9a",
        "calendar",
        ("Meeting room double-booked", "Cannot cancel a room booking", "Event space for Friday"),
    ),
    _type(
        "Cleaning",
        "Desks, kitchens, washrooms, spills.",
        Priority.MEDIUM,
        "#00838f",
        "broom",
        ("Kitchen sink full of dishes", "Coffee spilled on the carpet", "Washroom out of soap"),
    ),
    _type(
        "Discrimination / Harassment",
        "Confidential: only you and the community team see it.",
        Priority.URGENT,
        "#b71c1c",
        "shield",
        ("Inappropriate comments in the lounge", "Concern about a member's behaviour"),
    ),
    _type(
        "Internet",
        "Wi-Fi, wired network, printers on the network.",
        Priority.HIGH,
        "#283593",
        "wifi",
        ("Wi-Fi drops every few minutes", "No network on the hot desks", "Slow internet today"),
    ),
    _type(
        "Mail and Packages",
        "Post, deliveries, parcels for members.",
        Priority.LOW,
        "#795548",
        "package",
        ("Parcel not handed over", "Forward post to our new address", "Courier left a note"),
    ),
    _type(
        "Noise and Acoustics",
        "Loud calls, music, echoing rooms.",
        Priority.LOW,
        "#8d6e63",
        "volume",
        ("Loud phone calls in the quiet zone", "Music from the event space", "Booth echoes"),
    ),
    _type(
        "Printing",
        "Printers, scanners, print credits.",
        Priority.LOW,
        "#455a64",
        "printer",
        ("Printer on level 2 jammed", "Print credits not topped up", "Scanner does not email"),
    ),
    _type(
        "Repair and Maintenance",
        "Furniture, doors, lights, anything broken.",
        Priority.MEDIUM,
        "#ef6c00",
        "wrench",
        ("Desk chair broken", "Light flickering above desk 14", "Window blind stuck"),
    ),
    _type(
        "Temperature and Ventilation",
        "Too hot, too cold, stuffy air.",
        Priority.MEDIUM,
        "#0277bd",
        "thermometer",
        ("Far too warm in the afternoons", "Air conditioning blowing cold air", "Stuffy room"),
    ),
    _type(
        "Website and App",
        "The member app, the booking website, logins.",
        Priority.MEDIUM,
        "#5e35b1",
        "phone",
        ("App does not show my bookings", "Cannot log in to the member portal"),
    ),
)

_MEMBERS = ("M-3001", "M-3002", "M-3003")

COWORK = DemoTenant(
    slug="cowork",
    name="Common Ground Coworking",
    language="en",
    team="Community Team",
    customers=(
        DemoCustomer("M-3001", "Brightside Design Studio"),
        DemoCustomer("M-3002", "Northwind Analytics Ltd"),
        DemoCustomer("M-3003", "Kettle & Co. Consulting"),
    ),
    shared_sites=(
        DemoSite("Shoreditch", "12 Curtain Road, London EC2A 3NQ", "SHO", served=_MEMBERS),
        DemoSite(
            "Shoreditch, Level 2",
            "12 Curtain Road, London EC2A 3NQ",
            "SHO2",
            parent="Shoreditch",
            level_name="Floor",
        ),
        DemoSite("King's Cross", "5 Pancras Square, London N1C 4AG", "KGX", served=_MEMBERS[:2]),
        DemoSite("Canary Wharf", "1 Canada Square, London E14 5AB", "CWF", served=_MEMBERS[1:]),
    ),
    logins=(
        DemoLogin("admin@cowork.example", Role.TENANT_ADMIN),
        DemoLogin("priya.shah@cowork.example", Role.STAFF),
        DemoLogin("leo.martin@cowork.example", Role.STAFF),
        DemoLogin("office@brightside.example", Role.CUSTOMER, CustomerRole.MANAGER, "M-3001"),
        DemoLogin("ana@brightside.example", Role.CUSTOMER, CustomerRole.MEMBER, "M-3001"),
        DemoLogin("it@northwind.example", Role.CUSTOMER, CustomerRole.MANAGER, "M-3002"),
        DemoLogin("hello@kettle.example", Role.CUSTOMER, CustomerRole.MEMBER, "M-3003"),
    ),
    types=COWORKING_TYPES,
    intake_name={"en": "Other", "de": "Sonstiges", "fr": "Autre"},
    starter_types=False,
    starter_titles={"Other": ("Lost and found: a black umbrella", "Suggestion for the kitchen")},
    numbering="site",
    history_tickets=70,
    sla=DemoSla(
        name="Community hours",
        opens="08:00",
        closes="19:00",
        # Bank holidays in England, 2026 and 2027.
        holidays=(
            *("2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25"),
            *("2026-08-31", "2026-12-25", "2026-12-28"),
            *("2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31"),
            *("2027-08-30", "2027-12-27", "2027-12-28"),
        ),
        targets=(
            (Priority.URGENT, 30, 240),
            (Priority.HIGH, 60, 480),
            (Priority.MEDIUM, 240, 1320),
            (Priority.LOW, 480, 2640),
        ),
    ),
)

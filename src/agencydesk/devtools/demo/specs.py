"""What the demo tenants consist of, as data: tenants, customers, sites (with their place in
the site tree), logins, ticket types with typical titles, SLA policy. ``demo.loader`` applies
it; ``demo.history`` builds the ticket history from it.

Site tree, shared locations and per-site numbering (``parent``, ``served``, ``numbering``)
are applied where the models have them, so the data stays valid either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings

from agencydesk.accounts.models import Role
from agencydesk.core.public_urls import public_origin
from agencydesk.customers.models import CustomerRole
from agencydesk.tickets.models import Priority


@dataclass(frozen=True)
class DemoSite:
    """A site; ``parent`` names the site above it (same customer), ``level_name`` is what
    the portal calls this level ("Block", "Unit"); ``served``: for a shared location (the
    agency's own site), the numbers of the customers it serves."""

    name: str
    address: str = ""
    code: str = ""
    parent: str = ""
    level_name: str = ""
    served: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    customer_role: str = ""
    customer: str = ""
    sites: tuple[str, ...] = ()  # empty: all sites of the customer


@dataclass(frozen=True)
class DemoCustomer:
    number: str
    name: str
    sites: tuple[DemoSite, ...] = ()


@dataclass(frozen=True)
class DemoType:
    name: dict[str, str]
    description: dict[str, str]
    priority: str
    color: str
    icon: str
    # Typical titles of such tickets, in the tenant's language (the ticket history uses them).
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoSla:
    """The tenant's default SLA policy: weekday hours, public holidays, targets in minutes."""

    name: str
    opens: str
    closes: str
    holidays: tuple[str, ...]
    targets: tuple[tuple[str, int, int], ...]  # (priority, first response, resolution)

    def values(self) -> dict[str, object]:
        return {
            "name": self.name,
            "business_hours": [
                {"weekday": day, "start": self.opens, "end": self.closes} for day in range(5)
            ],
            "holidays": list(self.holidays),
            "targets": [
                {"priority": p, "first_response_minutes": first, "resolution_minutes": resolution}
                for p, first, resolution in self.targets
            ],
            "is_default": True,
        }


@dataclass(frozen=True)
class DemoTenant:
    slug: str
    name: str
    language: str
    team: str
    customers: tuple[DemoCustomer, ...]
    logins: tuple[DemoLogin, ...]
    types: tuple[DemoType, ...] = ()
    intake_name: dict[str, str] = field(default_factory=dict)
    sla: DemoSla | None = None
    # The agency's own sites (shared locations serving several customers).
    shared_sites: tuple[DemoSite, ...] = ()
    numbering: str = "tenant"  # "site": every site with a code counts its own tickets
    # False: the provisioned starter types are switched off (the tenant brings its own).
    starter_types: bool = True
    # Titles of the starter and intake types' tickets, by the type's name in the language.
    starter_titles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    history_tickets: int = 60  # tickets of the six months before today

    @property
    def host(self) -> str:
        return f"{self.slug}.{settings.BASE_DOMAIN}"

    @property
    def url(self) -> str:
        return f"{public_origin(self.host)}/"


SAUBER = DemoTenant(
    slug="sauber",
    name="Sauber & Glanz Gebäudereinigung GmbH",
    language="de",
    team="Objektbetreuung Nord",
    customers=(
        DemoCustomer(
            "K-1001",
            "Hausverwaltung Lindenhof GmbH",
            (
                DemoSite("Lindenstraße 12", "Lindenstraße 12, 20095 Hamburg", "LI12"),
                DemoSite("Lindenstraße 14", "Lindenstraße 14, 20095 Hamburg", "LI14"),
                DemoSite("Parkallee 3", "Parkallee 3, 20144 Hamburg", "PA3"),
            ),
        ),
        DemoCustomer(
            "K-1002",
            "Praxis Dr. Schulz",
            (DemoSite("Praxisräume Eppendorf", "Eppendorfer Weg 40, 20259 Hamburg", "PE40"),),
        ),
        DemoCustomer(
            "K-1003",
            "Kanzlei Meyer & Partner",
            (DemoSite("Büro Hafencity", "Am Sandtorkai 5, 20457 Hamburg", "HC5"),),
        ),
    ),
    logins=(
        DemoLogin("admin@sauber.example", Role.TENANT_ADMIN),
        DemoLogin("jana.becker@sauber.example", Role.STAFF),
        DemoLogin("tom.wagner@sauber.example", Role.STAFF),
        DemoLogin(
            "verwaltung@lindenhof.example",
            Role.CUSTOMER,
            CustomerRole.MANAGER,
            "K-1001",
        ),
        DemoLogin(
            "hausmeister@lindenhof.example",
            Role.CUSTOMER,
            CustomerRole.MEMBER,
            "K-1001",
            ("Lindenstraße 12",),
        ),
        DemoLogin("empfang@praxis-schulz.example", Role.CUSTOMER, CustomerRole.MEMBER, "K-1002"),
    ),
    types=(
        DemoType(
            {
                "de": "Nachreinigung anfordern",
                "en": "Request re-cleaning",
                "fr": "Demander un nouveau nettoyage",
            },
            {
                "de": "Ein Bereich muss noch einmal gereinigt werden.",
                "en": "An area needs to be cleaned again.",
                "fr": "Une zone doit être nettoyée à nouveau.",
            },
            Priority.MEDIUM,
            "#0277bd",
            "broom",
            (
                "Treppenhaus im 3. OG nicht gewischt",
                "Glastür im Eingang mit Schlieren",
                "Teeküche nach der Reinigung noch verschmutzt",
                "Mülleimer in den Büros nicht geleert",
            ),
        ),
    ),
    starter_titles={
        "Störung melden": (
            "Aufzug bleibt zwischen den Etagen stehen",
            "Licht in der Tiefgarage defekt",
            "Haustür schließt nicht mehr richtig",
        ),
        "Reklamation": (
            "Fenster im Erdgeschoss nicht geputzt",
            "Reinigung am Freitag ausgefallen",
            "Sanitärräume nicht aufgefüllt",
        ),
        "Sonderauftrag": (
            "Grundreinigung nach dem Umzug",
            "Teppichreinigung im Besprechungsraum",
            "Fensterreinigung außen vor dem Tag der offenen Tür",
        ),
        "Allgemeine Anfrage": (
            "Frage zur Rechnung vom letzten Monat",
            "Neue Ansprechpartnerin für das Objekt",
        ),
    },
    history_tickets=40,
    sla=DemoSla(
        name="Standard Hamburg",
        opens="07:00",
        closes="18:00",
        # Public holidays in Hamburg, 2026 and 2027.
        holidays=(
            *("2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-14"),
            *("2026-05-25", "2026-10-03", "2026-10-31", "2026-12-25", "2026-12-26"),
            *("2027-01-01", "2027-03-26", "2027-03-29", "2027-05-01", "2027-05-06"),
            *("2027-05-17", "2027-10-03", "2027-10-31", "2027-12-25", "2027-12-26"),
        ),
        targets=(
            (Priority.URGENT, 30, 240),
            (Priority.HIGH, 60, 660),
            (Priority.MEDIUM, 240, 1320),
            (Priority.LOW, 480, 3300),
        ),
    ),
)

HARBOUR = DemoTenant(
    slug="harbour",
    name="Harbour Property Management",
    language="en",
    team="Block Management",
    customers=(
        DemoCustomer(
            "C-2001",
            "Quayside Residents Ltd",
            (
                DemoSite("Block A", "1–40 Quayside, Bristol BS1 4RN", "QA", level_name="Block"),
                *(
                    DemoSite(
                        f"Block A, Unit {unit}",
                        f"{unit} Quayside, Bristol BS1 4RN",
                        f"QA{unit}",
                        parent="Block A",
                        level_name="Unit",
                    )
                    for unit in (3, 12, 27, 34)
                ),
                DemoSite("Block B", "41–80 Quayside, Bristol BS1 4RN", "QB", level_name="Block"),
                *(
                    DemoSite(
                        f"Block B, Unit {unit}",
                        f"{unit} Quayside, Bristol BS1 4RN",
                        f"QB{unit}",
                        parent="Block B",
                        level_name="Unit",
                    )
                    for unit in (44, 55, 61)
                ),
            ),
        ),
    ),
    logins=(
        DemoLogin("admin@harbour.example", Role.TENANT_ADMIN),
        DemoLogin("sam.okafor@harbour.example", Role.STAFF),
        DemoLogin("board@quayside.example", Role.CUSTOMER, CustomerRole.MANAGER, "C-2001"),
        DemoLogin(
            "unit12@quayside.example",
            Role.CUSTOMER,
            CustomerRole.MEMBER,
            "C-2001",
            ("Block A", "Block A, Unit 12"),
        ),
    ),
    types=(
        DemoType(
            {"en": "Repair request", "de": "Reparaturauftrag", "fr": "Demande de réparation"},
            {
                "en": "Something in a unit or block needs repair.",
                "de": "Etwas ist zu reparieren.",
                "fr": "Quelque chose doit être réparé dans un lot ou un immeuble.",
            },
            Priority.MEDIUM,
            "#6a1b9a",
            "wrench",
            (
                "Front door closer broken",
                "Leaking tap in the communal kitchen",
                "Stairwell light on the second floor out",
                "Bin store gate does not lock",
                "Damp patch on the hallway ceiling",
            ),
        ),
        DemoType(
            {
                "en": "Noise complaint",
                "de": "Lärmbeschwerde",
                "fr": "Plainte pour nuisances sonores",
            },
            {
                "en": "Report a noise nuisance.",
                "de": "Eine Lärmbelästigung melden.",
                "fr": "Signaler une nuisance sonore.",
            },
            Priority.LOW,
            "#8d6e63",
            "volume",
            (
                "Loud music after midnight",
                "Dog barking all day",
                "Building work noise on Sunday morning",
            ),
        ),
    ),
    starter_titles={
        "Report a fault": (
            "Lift out of service",
            "No hot water in Unit 12",
            "Entry phone not working",
        ),
        "Complaint": ("Communal areas not cleaned this week", "Garden not maintained"),
        "Special request": ("Extra key fob for a new tenant", "Parking permit for a visitor"),
        "New PM Enquiry": (
            "Question about the service charge",
            "Moving in next month: what do I need?",
        ),
    },
    history_tickets=40,
    intake_name={
        "en": "New PM Enquiry",
        "de": "Neue Anfrage an die Hausverwaltung",
        "fr": "Nouvelle demande au syndic",
    },
    sla=DemoSla(
        name="Standard (office hours)",
        opens="09:00",
        closes="17:30",
        # Bank holidays in England, 2026 and 2027.
        holidays=(
            *("2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25"),
            *("2026-08-31", "2026-12-25", "2026-12-28"),
            *("2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31"),
            *("2027-08-30", "2027-12-27", "2027-12-28"),
        ),
        targets=(
            (Priority.URGENT, 30, 240),
            (Priority.HIGH, 120, 1020),
            (Priority.MEDIUM, 480, 2550),
            (Priority.LOW, 1020, 5100),
        ),
    ),
)

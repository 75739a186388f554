"""A small helpdesk scene for notification tests, built from the shared factories."""

from __future__ import annotations

from dataclasses import dataclass

import factory
from factory.django import DjangoModelFactory

from agencydesk.accounts.models import Team, User
from agencydesk.customers.models import Customer, Site
from agencydesk.notifications.models import (
    InAppNotification,
    MailSettings,
    MessageStatus,
    NotificationKind,
    OutboundMessage,
)
from agencydesk.tickets.models import Priority, Source, Ticket, TicketType
from agencydesk.tickets.workflow import ticket_create
from tests.customers.factories import PortalTicketTypeRuleFactory
from tests.factories import (
    CustomerUserFactory,
    SiteFactory,
    StaffFactory,
    TeamFactory,
    TicketFactory,
    TicketTypeFactory,
)


class MailSettingsFactory(DjangoModelFactory):
    class Meta:
        model = MailSettings


class FailedMessageFactory(DjangoModelFactory):
    """A notification that could not be delivered after every attempt."""

    class Meta:
        model = OutboundMessage

    kind = "assigned"
    audience = "staff"
    ticket = factory.SubFactory(TicketFactory)
    recipient = factory.SubFactory(StaffFactory)
    to_email = factory.Sequence(lambda n: f"agent{n}@example.com")
    language = "en"
    from_email = "helpdesk@localhost"
    subject = factory.Sequence(lambda n: f"Subject {n}")
    body_text = "text"
    body_html = "<p>html</p>"
    status = MessageStatus.FAILED
    attempts = 6
    last_error = "SMTPServerDisconnected: gone"


@dataclass
class Scene:
    customer: Customer
    site: Site
    manager: User
    team: Team
    team_member: User
    ticket_type: TicketType
    requester: User
    colleague: User
    agent: User

    def portal_ticket(self, **overrides: object) -> Ticket:
        values: dict[str, object] = {
            "actor": self.requester,
            "title": "Heizung im 2. OG fällt aus",
            "description": "Seit heute morgen kalt.",
            "customer": self.customer,
            "site": self.site,
            "ticket_type": self.ticket_type,
            "source": Source.PORTAL,
            "priority": Priority.HIGH,
        }
        values.update(overrides)
        return ticket_create(**values)  # type: ignore[arg-type]


def build_scene(*, requester_language: str = "de", manager_language: str = "de") -> Scene:
    manager = StaffFactory(language=manager_language)
    site = SiteFactory(manager=manager, name="Objekt Hafenstraße 5")
    team_member = StaffFactory(language="en")
    team = TeamFactory(email="facility-team@agency.example")
    team.members.add(team_member)
    ticket_type = TicketTypeFactory(default_team=team, default_priority=Priority.MEDIUM)
    # The customer's portal settings let its users see and report this type.
    PortalTicketTypeRuleFactory(customer=site.customer, ticket_type=ticket_type)
    requester = CustomerUserFactory(customer=site.customer, user__language=requester_language)
    colleague = CustomerUserFactory(customer=site.customer, user__language="en")
    return Scene(
        customer=site.customer,
        site=site,
        manager=manager,
        team=team,
        team_member=team_member,
        ticket_type=ticket_type,
        requester=requester.user,
        colleague=colleague.user,
        agent=StaffFactory(language="en"),
    )


class InAppNotificationFactory(DjangoModelFactory):
    class Meta:
        model = InAppNotification

    recipient = factory.SubFactory(StaffFactory)
    kind = NotificationKind.ASSIGNED
    ticket = factory.SubFactory(TicketFactory)

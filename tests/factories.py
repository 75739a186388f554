"""factory_boy factories; they write into the schema the connection is in (see conftest)."""

from __future__ import annotations

import factory
from django.db import connection
from factory.django import DjangoModelFactory

from agencydesk.accounts.models import Role, Team, User
from agencydesk.customers.models import Customer, CustomerRole, CustomerUser, Site
from agencydesk.tickets.models import (
    TICKET_NUMBER_SEQUENCE,
    Activity,
    Comment,
    Priority,
    Source,
    Status,
    Ticket,
    TicketType,
    Visibility,
)
from tests.conftest import TEST_PASSWORD


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    name = factory.Faker("name")
    role = Role.STAFF
    language = "en"
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj: User, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            obj.save()


class StaffFactory(UserFactory):
    role = Role.STAFF


class TenantAdminFactory(UserFactory):
    role = Role.TENANT_ADMIN


class IntegrationUserFactory(UserFactory):
    """A service account (a CRM): no password, API tokens only."""

    email = factory.Sequence(lambda n: f"crm{n}@integrations.example.com")
    name = factory.Sequence(lambda n: f"CRM {n}")
    role = Role.INTEGRATION
    password = factory.PostGenerationMethodCall("set_unusable_password")

    @factory.post_generation
    def _save(obj: User, create: bool, extracted: object, **kwargs: object) -> None:
        if create:  # declared again so that it runs after ``password``
            obj.save()


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")


class CustomerFactory(DjangoModelFactory):
    class Meta:
        model = Customer

    number = factory.Sequence(lambda n: f"K-{n:05d}")
    name = factory.Faker("company")


class SiteFactory(DjangoModelFactory):
    class Meta:
        model = Site

    customer = factory.SubFactory(CustomerFactory)
    name = factory.Sequence(lambda n: f"Site {n}")
    manager = factory.SubFactory(StaffFactory)


class CustomerUserFactory(DjangoModelFactory):
    """A login of role ``customer`` with its CustomerUser profile (all sites by default)."""

    class Meta:
        model = CustomerUser

    user = factory.SubFactory(UserFactory, role=Role.CUSTOMER)
    customer = factory.SubFactory(CustomerFactory)
    role = CustomerRole.MEMBER
    all_sites = True


class TicketTypeFactory(DjangoModelFactory):
    class Meta:
        model = TicketType

    name = factory.Sequence(lambda n: {"de": f"Typ {n}", "en": f"Type {n}"})
    order = factory.Sequence(lambda n: 100 + n)


def next_ticket_number() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT nextval('{TICKET_NUMBER_SEQUENCE}')")
        return int(cursor.fetchone()[0])


class TicketFactory(DjangoModelFactory):
    """A ticket row as it would stand in the database; it bypasses the workflow on purpose
    (to set up state for a test). Tests of behaviour call the workflow service."""

    class Meta:
        model = Ticket

    number = factory.LazyFunction(next_ticket_number)
    title = factory.Faker("sentence", nb_words=5)
    description = factory.Faker("paragraph")
    ticket_type = factory.SubFactory(TicketTypeFactory)
    priority = Priority.MEDIUM
    status = Status.NEW
    site = factory.SubFactory(SiteFactory)
    customer = factory.LazyAttribute(lambda o: o.site.customer)
    requester = factory.SubFactory(UserFactory, role=Role.CUSTOMER)
    source = Source.PORTAL
    visibility = Visibility.PRIVATE


class CommentFactory(DjangoModelFactory):
    class Meta:
        model = Comment

    ticket = factory.SubFactory(TicketFactory)
    author = factory.SubFactory(StaffFactory)
    body = factory.Faker("paragraph")
    internal = False
    source = Source.STAFF


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    ticket = factory.SubFactory(TicketFactory)
    verb = "created"

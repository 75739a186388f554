"""factory_boy factories; they write into the schema the connection is in (see conftest)."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from agencydesk.accounts.models import Role, Team, User
from agencydesk.customers.models import Customer, CustomerRole, CustomerUser, Site
from agencydesk.tickets.models import TicketType
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
    def _save(obj: User, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805
        if create:
            obj.save()


class StaffFactory(UserFactory):
    role = Role.STAFF


class TenantAdminFactory(UserFactory):
    role = Role.TENANT_ADMIN


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

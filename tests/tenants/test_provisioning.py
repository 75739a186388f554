from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django_tenants.utils import schema_context, schema_exists

from agencydesk.accounts.models import Role, User
from agencydesk.tickets.models import TicketType
from tenants.models import Domain, Tenant
from tenants.provisioning import (
    TEMPLATE_SCHEMA,
    ProvisioningError,
    TenantRequest,
    template_schema_ensure_current,
    template_schema_holds_content,
    template_schema_is_current,
    tenant_provision,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _request(**overrides: str) -> TenantRequest:
    values = {
        "slug": "gamma",
        "name": "Gamma Facility",
        "domain": "gamma.localhost",
        "language": "en",
        "admin_email": "Admin@Gamma.example",
        "admin_password": "a-long-secret-42",
    }
    values.update(overrides)
    return TenantRequest(**values)


@pytest.fixture
def cleanup_gamma():
    yield
    for tenant in Tenant.objects.filter(slug__in=["gamma", "delta"]):
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{tenant.schema_name}" CASCADE')
        Domain.objects.filter(tenant=tenant).delete()
        tenant.delete(force_drop=False)


def test_provision_creates_schema_domain_admin_and_localized_types(cleanup_gamma):
    tenant = tenant_provision(_request(language="en"))

    assert schema_exists(tenant.schema_name)
    assert Domain.objects.get(tenant=tenant).domain == "gamma.localhost"
    with schema_context(tenant.schema_name):
        admin = User.objects.get()
        assert admin.email == "admin@gamma.example"
        assert admin.role == Role.TENANT_ADMIN
        assert admin.language == "en"
        assert admin.check_password("a-long-secret-42")
        names = [t.name["en"] for t in TicketType.objects.all()]
        assert "Report a fault" in names
        assert TicketType.objects.filter(is_intake=True).count() == 1


def test_taken_slug_fails_clearly_and_creates_nothing(cleanup_gamma):
    tenant_provision(_request())

    with pytest.raises(ProvisioningError, match="gamma"):
        tenant_provision(_request(domain="other.localhost"))

    assert not Domain.objects.filter(domain="other.localhost").exists()
    assert Tenant.objects.filter(slug="gamma").count() == 1


def test_taken_domain_fails_and_leaves_no_schema(cleanup_gamma):
    tenant_provision(_request())

    with pytest.raises(ProvisioningError, match=r"gamma\.localhost"):
        tenant_provision(_request(slug="delta"))

    assert not Tenant.objects.filter(slug="delta").exists()
    assert not schema_exists("t_delta")


def test_failure_after_clone_rolls_back_the_schema(cleanup_gamma):
    # A password the validators reject is caught before anything is written.
    with pytest.raises(ProvisioningError):
        tenant_provision(_request(admin_password="123"))
    assert not schema_exists("t_gamma")
    assert not Tenant.objects.filter(slug="gamma").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("slug", "Bad Slug"),
        ("slug", "public"),
        ("domain", "not a host"),
        ("language", "it"),  # not offered (de, en and fr are)
        ("admin_email", "nope"),
        ("timezone", "Mars/Olympus"),
        ("locale", "de-AT"),  # German formats for an English tenant
        ("locale", "en-XX"),
    ],
)
def test_invalid_input_is_refused_with_a_message(field, value, cleanup_gamma):
    with pytest.raises(ProvisioningError) as error:
        tenant_provision(_request(**{field: value}))

    assert str(error.value)
    assert not Tenant.objects.filter(slug="gamma").exists()


def test_command_exits_nonzero_on_taken_slug(cleanup_gamma, capsys):
    args = [
        "--slug",
        "gamma",
        "--name",
        "Gamma",
        "--domain",
        "gamma.localhost",
        "--language",
        "de",
        "--admin-email",
        "a@gamma.example",
        "--admin-password",
        "a-long-secret-42",
    ]
    call_command("provision_tenant", *args)
    assert "http://gamma.localhost" in capsys.readouterr().out

    with pytest.raises(CommandError, match="gamma"):
        call_command("provision_tenant", *args)


def test_given_user_row_in_template_when_provisioning_then_template_is_rebuilt_clean(
    cleanup_gamma,
):
    template_schema_ensure_current()
    with schema_context(TEMPLATE_SCHEMA):
        UserFactory(email="leaked@template.example")
    assert template_schema_holds_content()

    tenant = tenant_provision(_request())

    assert not template_schema_holds_content()
    with schema_context(tenant.schema_name):
        assert list(User.objects.values_list("email", flat=True)) == ["admin@gamma.example"]


def test_given_template_missing_a_migration_when_provisioning_then_it_is_migrated_first(
    cleanup_gamma,
):
    template_schema_ensure_current()
    # As after a deploy that brings a new migration: the template lags behind the code.
    call_command("migrate_schemas", "tickets", "zero", schema_name=TEMPLATE_SCHEMA, verbosity=0)
    assert not template_schema_is_current()

    tenant = tenant_provision(_request())

    assert template_schema_is_current()
    with schema_context(tenant.schema_name):
        applied = MigrationRecorder(connection).applied_migrations()
        assert ("tickets", "0001_initial") in applied
        assert ContentType.objects.filter(app_label="tickets").exists()


def test_given_template_when_provisioning_then_bookkeeping_rows_come_with_the_clone(
    cleanup_gamma,
):
    template_schema_ensure_current()
    with schema_context(TEMPLATE_SCHEMA):
        expected = (
            set(MigrationRecorder(connection).applied_migrations()),
            set(ContentType.objects.values_list("app_label", "model")),
            Permission.objects.count(),
        )

    tenant = tenant_provision(_request())

    with schema_context(tenant.schema_name):
        assert set(MigrationRecorder(connection).applied_migrations()) == expected[0]
        assert set(ContentType.objects.values_list("app_label", "model")) == expected[1]
        assert Permission.objects.count() == expected[2] > 0
        # Sequences continue after the copied rows: a new content type gets a fresh id.
        ContentType.objects.create(app_label="probe", model="probe")


def test_given_us_formats_when_provisioning_by_command_then_the_tenant_has_them(cleanup_gamma):
    call_command(
        "provision_tenant",
        *["--slug", "gamma", "--name", "Gamma", "--domain", "gamma.localhost"],
        *["--language", "en", "--locale", "en-US", "--admin-email", "a@gamma.example"],
        *["--admin-password", "a-long-secret-42"],
        verbosity=0,
    )

    assert Tenant.objects.get(slug="gamma").locale == "en-US"

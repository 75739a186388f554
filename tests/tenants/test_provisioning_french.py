"""``provision_tenant --language fr``: a French tenant with French starter ticket types."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django_tenants.utils import schema_context

from agencydesk.accounts.models import User
from agencydesk.core.i18n import pick_translation
from agencydesk.tickets.models import TicketType
from tenants.models import Domain, Tenant

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cleanup_epsilon():
    yield
    for tenant in Tenant.objects.filter(slug="epsilon"):
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{tenant.schema_name}" CASCADE')
        Domain.objects.filter(tenant=tenant).delete()
        tenant.delete(force_drop=False)


def test_given_language_fr_when_provisioning_then_admin_types_and_pages_are_french(
    cleanup_epsilon, capsys, client_for
):
    call_command(
        "provision_tenant",
        *("--slug", "epsilon", "--name", "Epsilon Services", "--domain", "epsilon.localhost"),
        *("--language", "fr", "--admin-email", "admin@epsilon.example"),
        *("--admin-password", "a-long-secret-42"),
    )

    assert "http://epsilon.localhost" in capsys.readouterr().out
    tenant = Tenant.objects.get(slug="epsilon")
    assert tenant.language == "fr" and "fr" in tenant.enabled_languages
    with schema_context(tenant.schema_name):
        assert User.objects.get().language == "fr"
        types = list(TicketType.objects.order_by("order"))
        names = [pick_translation(t.name, "fr") for t in types]
        assert names == [
            "Signaler une panne",
            "Réclamation",
            "Demande spéciale",
            "Demande générale",
        ]
        assert all(t.description.get("fr") for t in types)
    login = client_for(tenant).get("/login/")
    assert login["Content-Language"] == "fr" and "Se connecter" in login.content.decode()

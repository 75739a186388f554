"""Operator messages (commands, the public host) in OPERATOR_LANGUAGE, whatever the tenant."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

TAKEN_SLUG_ARGS = [
    "--slug",
    "alpha",  # the German test tenant's slug
    "--name",
    "Alpha again",
    "--domain",
    "alpha-again.localhost",
    "--language",
    "de",
    "--admin-email",
    "admin@alpha-again.example",
    "--admin-password",
    "a-long-secret-42",
]


def test_given_operator_language_en_when_provisioning_a_taken_slug_then_the_error_is_english(
    settings,
):
    settings.OPERATOR_LANGUAGE = "en"

    with pytest.raises(CommandError) as error:
        call_command("provision_tenant", *TAKEN_SLUG_ARGS)

    assert str(error.value) == "A tenant with the slug “alpha” already exists."


def test_given_operator_language_de_when_provisioning_a_taken_slug_then_the_error_is_german(
    settings,
):
    settings.OPERATOR_LANGUAGE = "de"

    with pytest.raises(CommandError) as error:
        call_command("provision_tenant", *TAKEN_SLUG_ARGS)

    assert str(error.value) == "Ein Mandant mit dem Kurznamen „alpha“ existiert bereits."


@pytest.mark.parametrize(("language", "heading"), [("en", "Log in"), ("de", "Anmelden")])
def test_given_operator_language_when_opening_the_operator_login_then_it_speaks_it(
    settings, public_client, language, heading
):
    settings.OPERATOR_LANGUAGE = language

    response = public_client.get("/operator/login/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response["Content-Language"] == language
    assert heading in response.content.decode()

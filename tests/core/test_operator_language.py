"""Operator messages (commands, the public host) in OPERATOR_LANGUAGE, whatever the tenant."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from agencydesk.config.celery import language_after_task, operator_language_for_task

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


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "A tenant with the slug “alpha” already exists."),
        ("de", "Ein Mandant mit dem Kurznamen „alpha“ existiert bereits."),
    ],
)
def test_given_the_console_script_when_the_slug_is_taken_then_it_fails_in_operator_language(
    language, message
):
    database = connection.settings_dict
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    environment = {**os.environ, "OPERATOR_LANGUAGE": language, "DATABASE_URL": url}

    finished = subprocess.run(  # noqa: S603 - our own console script
        [str(Path(sys.executable).with_name("agencydesk")), "provision_tenant", *TAKEN_SLUG_ARGS],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert finished.returncode != 0
    assert message in finished.stderr


def test_given_a_task_when_it_runs_then_the_operator_language_is_active_and_restored_after(
    settings,
):
    settings.OPERATOR_LANGUAGE = "en"

    with translation.override("de"):
        operator_language_for_task()
        in_task = translation.get_language()
        language_after_task()

        assert (in_task, translation.get_language()) == ("en-gb", "de")

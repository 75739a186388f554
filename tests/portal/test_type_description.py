"""The chosen ticket type's description shows in the reader's language, not as raw data."""

from __future__ import annotations

from typing import Any

import pytest

from tests.portal.conftest import World

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "Quelque chose est cassé."), ("de", "Etwas ist kaputt."), ("en", "Something broke.")],
)
def test_given_a_chosen_type_when_reporting_then_its_description_is_in_the_readers_language(
    member_client: Any, world: World, language: str, expected: str
):
    world.type_ok.description = {
        "de": "Etwas ist kaputt.",
        "en": "Something broke.",
        "fr": "Quelque chose est cassé.",
    }
    world.type_ok.save(update_fields=["description"])
    world.member.language = language
    world.member.save(update_fields=["language"])

    page = member_client.get(
        "/portal/report/", {"site": world.site.pk, "ticket_type": world.type_ok.pk}
    ).content.decode()

    assert f'<p class="muted">{expected}</p>' in page
    assert "{&#x27;de&#x27;" not in page

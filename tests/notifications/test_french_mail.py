"""French recipients get French mail through the real stack (outbox, Celery worker on Redis,
SMTP server), whatever the tenant's language and the other recipients' languages."""

from __future__ import annotations

import pytest

from tests.factories import CustomerUserFactory
from tests.notifications.factories import build_scene

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def test_given_french_requester_and_manager_when_a_portal_ticket_opens_then_their_mail_is_french(
    worker_tenant, inbox
):
    scene = build_scene(requester_language="fr", manager_language="fr")

    scene.portal_ticket(title="Chauffage en panne")
    inbox.wait_for(3)

    [to_manager] = inbox.to(scene.manager.email)
    assert "Un nouveau problème a été signalé" in to_manager["Subject"]
    assert "Chauffage en panne" in to_manager["Subject"]
    manager_text = to_manager.get_body(("plain",)).get_content()
    assert "Ouvrir le ticket\u00a0:" in manager_text
    [to_team_member] = inbox.to(scene.team_member.email)
    assert "A new problem has been reported" in to_team_member["Subject"]  # English, as chosen


def test_given_a_french_customer_user_when_asking_for_a_reset_then_the_mail_is_french(
    worker_tenant, inbox, client_for
):
    CustomerUserFactory(user__email="client@example.com", user__language="fr")

    answer = client_for(worker_tenant, api=True).post(
        "/api/v1/auth/password-reset/", {"email": "client@example.com"}, format="json"
    )
    [mail] = inbox.wait_for(1)

    assert answer.status_code == 204
    assert mail["Subject"].strip() == "Réinitialiser votre mot de passe chez Alpha Gebäudeservice"
    text = mail.get_body(("plain",)).get_content()
    assert "Le lien ne fonctionne qu’une fois, dans les 24 heures." in text
    assert 'lang="fr"' in mail.get_body(("html",)).get_content()

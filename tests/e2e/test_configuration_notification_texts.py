"""Notification texts as a tenant admin words them: the preview follows the typing."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from agencydesk.accounts.models import Role, User
from agencydesk.notifications.models import NotificationTemplate

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_given_an_admin_typing_a_subject_when_waiting_then_the_preview_shows_it_filled(
    page, e2e_tenant, tenant_url, login, screenshot
):
    login(page, User.objects.get(role=Role.TENANT_ADMIN))
    page.goto(tenant_url("/configuration/notification-texts/"))
    page.locator("a[href='/configuration/notification-texts/solved/en/']").click()

    page.get_by_label("Subject").fill("Done: {reference} at {site}")
    expect(page.get_by_test_id("preview-subject")).to_contain_text("Done: ")
    expect(page.get_by_test_id("preview-subject")).to_contain_text("42 at Main Street 5")
    page.get_by_label("Subject").fill("Done: {secret}")
    expect(page.get_by_test_id("preview-errors")).to_contain_text("{secret}")
    screenshot(page, "preview-error")
    assert not NotificationTemplate.objects.exists()

    page.get_by_label("Subject").fill("Done: {reference}")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("The texts were saved.")).to_be_visible()
    assert NotificationTemplate.objects.get(kind="solved", language="en").subject == (
        "Done: {reference}"
    )

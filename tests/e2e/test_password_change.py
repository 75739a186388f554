"""A customer user changes their password from the portal's user menu, in the browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import TEST_PASSWORD
from tests.factories import CustomerUserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "a-fresh-Passphrase-42"


def test_given_a_customer_user_in_the_portal_when_changing_the_password_then_it_is_the_new_one(
    page, e2e_tenant, tenant_url, login, screenshot
):
    user = CustomerUserFactory(user__email="cora@e2e.example", user__language="en").user
    login(page, user)
    expect(page).to_have_url(tenant_url("/portal/"))

    page.locator(".usermenu summary").click()
    page.get_by_role("link", name="Change password").click()
    page.locator("input[name=old_password]").fill(TEST_PASSWORD)
    page.locator("input[name=new_password1]").fill(NEW_PASSWORD)
    page.locator("input[name=new_password2]").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change password").click()

    expect(page.get_by_role("status")).to_contain_text("Your password was changed.")
    screenshot(page, "changed")
    page.context.clear_cookies()
    login(page, user, password=NEW_PASSWORD)
    expect(page).to_have_url(tenant_url("/portal/"))

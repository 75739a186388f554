"""A tenant admin deals with spam and a duplicate before triage: trash, restore, merge."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from agencydesk.accounts.models import Role, User
from agencydesk.tickets.models import Status, Ticket
from agencydesk.tickets.workflow import ticket_create
from tests.factories import CustomerUserFactory, SiteFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_given_spam_and_a_duplicate_when_the_admin_cleans_up_then_trash_restore_and_merge_work(
    page, e2e_tenant, tenant_url, login, screenshot
):
    site = SiteFactory(name="Block B")
    requester = CustomerUserFactory(customer=site.customer).user

    def portal_ticket(title: str) -> Ticket:
        return ticket_create(
            actor=requester,
            title=title,
            customer=site.customer,
            site=site,
            ticket_type=None,
            source="portal",
        )

    spam, original, duplicate = (
        portal_ticket("Cheap watches"),
        portal_ticket("Lift stuck"),
        portal_ticket("Lift stuck again"),
    )
    login(page, User.objects.get(role=Role.TENANT_ADMIN))

    page.goto(tenant_url(f"/tickets/{spam.number}/"))
    page.get_by_role("button", name="Move to trash").click()
    expect(page.locator(".messages")).to_contain_text("was moved to the trash.")
    expect(page.get_by_test_id("trash")).to_contain_text("Cheap watches")
    screenshot(page, "trash")
    page.goto(tenant_url("/"))
    expect(page.locator("main")).not_to_contain_text("Cheap watches")

    page.goto(tenant_url("/trash/"))
    page.get_by_role("button", name="Restore").click()
    expect(page.locator(".messages")).to_contain_text("was restored.")
    expect(page).to_have_url(tenant_url(f"/tickets/{spam.number}/"))

    page.goto(tenant_url(f"/tickets/{duplicate.number}/"))
    merge = page.locator("#merge")
    merge.get_by_label("Ticket to merge into").fill(str(original.number))
    merge.get_by_role("button", name="Merge").click()
    expect(page.locator(".messages")).to_contain_text("Merged into")
    screenshot(page, "merged")
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into_id) == (Status.CLOSED, original.pk)

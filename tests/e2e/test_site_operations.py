"""A site manager on a phone logs an issue with a photo, converts it to a work order and
dispatches it; the contractor's mail arrives through the real SMTP server (sent by a real
worker); the contractor's link uploads evidence and completes the work; the site's timeline
shows the ticket, the issue and the work order."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from agencydesk.operations.models import Issue, WorkOrder
from agencydesk.tickets.workflow import ticket_create
from tests.factories import CustomerUserFactory, SiteFactory, StaffFactory, TicketTypeFactory
from tests.operations.factories import ContractorFactory
from tests.tickets.conftest import PNG_BYTES

pytestmark = [pytest.mark.e2e, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LINK = re.compile(r"https?://\S+(/contractor/[^/\s]+/)")


def test_given_site_manager_on_a_phone_when_issue_becomes_completed_work_then_timeline_shows_all(
    page,
    e2e_tenant,
    tenant_url,
    login,
    screenshot,
    celery_worker,
    inbox,
):
    manager = StaffFactory(email="mia@e2e.example", name="Mia Manager", language="en")
    site = SiteFactory(name="Harbour House", customer__name="Harbour Residents", manager=manager)
    resident = CustomerUserFactory(customer=site.customer, user__name="Rita Resident").user
    ticket = ticket_create(
        actor=resident,
        title="The lift is broken",
        customer=site.customer,
        site=site,
        ticket_type=TicketTypeFactory(
            name={"en": "Repair", "de": "Reparatur"}, default_priority="high"
        ),
        source="portal",
        visibility="private",
    )
    ContractorFactory(name="Liftwerk GmbH", email="jobs@liftwerk.example", language="en")
    page.set_viewport_size(PHONE)
    violations: list[str] = []

    def csp_watch(target: object) -> None:
        target.on(  # type: ignore[attr-defined]
            "console",
            lambda message: (
                violations.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )

    csp_watch(page)

    login(page, manager)
    page.goto(tenant_url(f"/operations/issues/log/?site={site.pk}"))
    expect(page.locator("select[name=site]")).to_have_value(str(site.pk))
    page.get_by_label("What did you find?").fill("Lift doors stuck on floor 3")
    page.get_by_label("Where exactly?").fill("Staircase B, 3rd floor")
    page.locator("input[name=photos]").set_input_files(
        {"name": "lift.png", "mimeType": "image/png", "buffer": PNG_BYTES}
    )
    screenshot(page, "log-issue")
    page.get_by_role("button", name="Log issue").click()
    expect(page.get_by_role("heading", name="Lift doors stuck on floor 3")).to_be_visible()
    expect(page.get_by_test_id("photos").locator("img")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.get_by_role("button", name="Convert to a work order").click()
    expect(page.get_by_test_id("status")).to_have_text("Draft")
    edit = page.get_by_test_id("edit")
    edit.get_by_label("Contractor").select_option(label="Liftwerk GmbH")
    edit.get_by_label("Attend by").fill("2026-12-04")
    edit.get_by_label("Linked tickets").fill(str(ticket.number))
    edit.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("The work order was saved.")
    page.get_by_role("button", name="Dispatch to contractor").click()
    expect(page.get_by_test_id("status")).to_have_text("Dispatched")
    screenshot(page, "dispatched")

    messages = inbox.wait_for(1)
    to_contractor = [m for m in messages if "jobs@liftwerk.example" in m["X-Envelope-To"]]
    assert len(to_contractor) == 1
    body = to_contractor[0].get_body(preferencelist=("plain",)).get_content()
    match = LINK.search(body)
    assert match, body

    contractor = page.context.browser.new_context(viewport=PHONE, locale="en-GB")
    contractor_page = contractor.new_page()
    csp_watch(contractor_page)
    contractor_page.goto(tenant_url(match.group(1)))
    expect(
        contractor_page.get_by_role("heading", name=re.compile("Lift doors stuck"))
    ).to_be_visible()
    contractor_page.get_by_role("button", name="Confirm attendance").click()
    expect(contractor_page.get_by_test_id("attendance")).to_be_visible()
    contractor_page.get_by_role("button", name="Work has started").click()
    expect(contractor_page.get_by_test_id("status")).to_have_text("In progress")
    form = contractor_page.get_by_test_id("complete")
    form.get_by_label("What was done").fill("Door sensor replaced, lift tested.")
    form.locator("input[name=photos]").set_input_files(
        {"name": "fixed.png", "mimeType": "image/png", "buffer": PNG_BYTES}
    )
    form.get_by_role("button", name="Work completed").click()
    expect(contractor_page.get_by_test_id("status")).to_have_text("Completed")
    screenshot(contractor_page, "contractor-completed")
    contractor.close()

    page.goto(tenant_url(f"/operations/sites/{site.pk}/"))
    timeline = page.get_by_test_id("site-timeline")
    for kind in ("ticket", "issue", "work_order"):
        expect(timeline.locator(f"tr[data-kind={kind}]")).to_have_count(1)
    expect(timeline).to_contain_text("The lift is broken")
    screenshot(page, "site-timeline")

    work_order = WorkOrder.objects.get()
    assert (work_order.status, work_order.issue, list(work_order.tickets.all())) == (
        "completed",
        Issue.objects.get(),
        [ticket],
    )
    assert [e.original_name for e in work_order.evidence.all()] == ["fixed.png"]
    assert ticket.comments.filter(internal=True).count() == 2  # dispatched, completed
    assert violations == []

"""The ticket rules in the browser: a reply refused before triage (staff page), a follow-up
reported from a closed ticket (portal)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from agencydesk.accounts.models import Role
from agencydesk.tickets.models import Comment, Status, Ticket
from agencydesk.tickets.workflow import ticket_change, ticket_create
from tests.customers.factories import PortalTicketTypeRuleFactory
from tests.factories import CustomerUserFactory, SiteFactory, StaffFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# A reply form as a stale tab or a crafted page would send it, with the page's CSRF token.
POST_REPLY = """([url, body]) => {
  const form = document.createElement("form");
  form.method = "post";
  form.action = url;
  const fields = {
    csrfmiddlewaretoken: document.querySelector("[name=csrfmiddlewaretoken]").value,
    kind: "public",
    body: body,
  };
  for (const [name, value] of Object.entries(fields)) {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    form.appendChild(input);
  }
  document.body.appendChild(form);
  form.submit();
}"""


def test_given_an_untriaged_ticket_when_staff_reply_then_refused_until_triaged(
    page, e2e_tenant, tenant_url, login, screenshot
):
    staff = StaffFactory(email="sam@e2e.example", name="Sam Staff", language="en")
    site = SiteFactory(name="Block B", customer__name="Harbour Offices")
    requester = CustomerUserFactory(customer=site.customer, user__name="Cora Customer").user
    ticket = ticket_create(
        actor=requester,
        title="Water on the stairs",
        customer=site.customer,
        site=site,
        ticket_type=None,
        source="portal",
    )

    login(page, staff)
    page.goto(tenant_url(f"/tickets/{ticket.number}/"))
    expect(page.get_by_test_id("not-offered")).to_contain_text("Triage this ticket first")
    expect(page.locator("#reply")).to_have_count(0)

    page.evaluate(POST_REPLY, [f"/tickets/{ticket.number}/reply/", "We are on the way."])
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_contain_text("still needs triage")
    expect(page.locator(".messages")).to_have_count(0)  # no "Reply sent."
    screenshot(page, "refused")
    assert not Comment.objects.filter(ticket=ticket).exists()

    triage = page.locator("#triage")
    triage.get_by_label("Type").select_option(label="Report a fault")
    triage.get_by_label("Priority").select_option(label="High")
    triage.get_by_role("button", name="Triage ticket").click()
    reply = page.locator("#reply")
    reply.get_by_label("Message").fill("We are on the way.")
    reply.get_by_role("button", name="Send and mark waiting").click()
    expect(page.locator(".messages")).to_contain_text("Reply sent")
    expect(page.get_by_test_id("status")).to_have_text("Waiting")
    assert Comment.objects.filter(ticket=ticket, internal=False).count() == 1


def test_given_a_closed_ticket_when_the_customer_reports_a_follow_up_then_both_are_linked(
    page, e2e_tenant, tenant_url, login, screenshot
):
    site = SiteFactory(name="Block A")
    rule = PortalTicketTypeRuleFactory(
        customer=site.customer, ticket_type__name={"en": "Broken window", "de": "Fenster defekt"}
    )
    user = UserFactory(
        email="carla@customer.example", name="Carla Customer", role=Role.CUSTOMER, language="en"
    )
    CustomerUserFactory(user=user, customer=site.customer)
    staff = StaffFactory(email="sam@e2e.example", language="en")
    closed = ticket_create(
        actor=user,
        title="Window in the stairwell is cracked",
        customer=site.customer,
        site=site,
        ticket_type=rule.ticket_type,
        priority="medium",
        source="portal",
    )
    ticket_change(actor=staff, ticket=closed, status=Status.CLOSED)

    login(page, user)
    page.goto(tenant_url(f"/portal/tickets/{closed.number}/"))
    expect(page.get_by_test_id("closed-note")).to_contain_text("takes no more replies")
    expect(page.locator("textarea[name=body]")).to_have_count(0)
    page.get_by_role("link", name="Report a follow-up").click()

    expect(page.get_by_role("heading", name="Report a follow-up")).to_be_visible()
    expect(page.locator("input[name=title]")).to_have_value(
        "Follow-up: Window in the stairwell is cracked"
    )
    expect(page.locator("select[name=ticket_type]")).to_have_value(str(rule.ticket_type_id))
    page.locator("textarea[name=description]").fill("The crack is back, now on the left pane.")
    screenshot(page, "follow-up-form")
    page.get_by_role("button", name="Send report").click()

    expect(
        page.get_by_role("heading", name="Follow-up: Window in the stairwell is cracked")
    ).to_be_visible()
    follow_up = Ticket.objects.get(follow_up_of=closed)
    assert (follow_up.requester, follow_up.site) == (user, site)
    assert follow_up.description == "The crack is back, now on the left pane."
    closed.refresh_from_db()
    assert closed.status == Status.CLOSED

"""The site-operations API (README "Site operations"): shapes, transitions, links, isolation,
queries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agencydesk.operations.models import Issue, WorkOrder
from tests.conftest import in_schema
from tests.customers.factories import PortalTicketTypeRuleFactory
from tests.factories import SiteFactory, TicketFactory
from tests.operations.factories import ContractorFactory, IssueFactory, WorkOrderFactory
from tests.tickets.conftest import png_upload

pytestmark = pytest.mark.django_db


def test_given_issue_when_converted_by_api_then_work_order_with_issue_and_tickets(
    staff_api, site, make_ticket
):
    ticket = make_ticket()
    contractor = ContractorFactory()
    created = staff_api.post(
        "/api/v1/issues/",
        {"site": site.pk, "title": "Lift broken", "location": "Block B"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    issue_id = created.json()["id"]
    photo = staff_api.post(
        f"/api/v1/issues/{issue_id}/attachments/", {"file": png_upload("lift.png")}
    )
    assert photo.status_code == 201
    assert photo.json()["name"] == "lift.png"

    response = staff_api.post(
        f"/api/v1/issues/{issue_id}/convert/",
        {"contractor": contractor.pk, "tickets": [ticket.number], "attend_by": "2026-12-04"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["issue"], body["tickets"], body["status"], body["site"]) == (
        issue_id,
        [ticket.number],
        "draft",
        site.pk,
    )
    assert staff_api.get(f"/api/v1/issues/{issue_id}/").json()["status"] == "converted"
    detail = staff_api.get(f"/api/v1/tickets/{ticket.number}/").json()
    assert detail["work_orders"] == [
        {"id": body["id"], "title": "Lift broken", "status": "draft", "attend_by": "2026-12-04"}
    ]


def test_given_ticket_of_another_customer_when_linked_then_400_naming_tickets(staff_api, site):
    foreign = TicketFactory(site=SiteFactory())

    response = staff_api.post(
        "/api/v1/work-orders/",
        {"site": site.pk, "title": "Repair", "tickets": [foreign.number]},
        format="json",
    )

    assert response.status_code == 400
    assert "tickets" in response.json()
    assert not WorkOrder.objects.exists()


def test_given_unknown_field_when_creating_then_400(staff_api, site):
    response = staff_api.post(
        "/api/v1/work-orders/",
        {"site": site.pk, "title": "Repair", "costs": "1"},
        format="json",
    )

    assert response.status_code == 400
    assert "costs" in response.json()


def test_given_draft_when_patched_to_completed_then_400_and_unchanged(staff_api):
    work_order = WorkOrderFactory()

    response = staff_api.patch(
        f"/api/v1/work-orders/{work_order.pk}/",
        {"status": "completed", "completion_note": "Done"},
        format="json",
    )

    assert response.status_code == 400
    assert "status" in response.json()
    work_order.refresh_from_db()
    assert work_order.status == "draft"


def test_given_dispatched_when_completed_without_note_or_file_then_400_else_200(staff_api):
    work_order = WorkOrderFactory()
    assert staff_api.post(f"/api/v1/work-orders/{work_order.pk}/dispatch/").status_code == 200

    refused = staff_api.post(f"/api/v1/work-orders/{work_order.pk}/complete/", {}, format="json")
    assert refused.status_code == 400
    assert "completion_note" in refused.json()

    staff_api.post(f"/api/v1/work-orders/{work_order.pk}/attachments/", {"file": png_upload()})
    done = staff_api.post(f"/api/v1/work-orders/{work_order.pk}/complete/", {}, format="json")
    assert done.status_code == 200, done.json()
    assert done.json()["status"] == "completed"
    assert len(done.json()["evidence"]) == 1


@pytest.mark.parametrize(
    ("path", "method"),
    [
        ("/api/v1/work-orders/", "get"),
        ("/api/v1/issues/", "get"),
        ("/api/v1/contractors/", "get"),
        ("/api/v1/sites/{site}/timeline/", "get"),
    ],
)
def test_given_customer_user_when_calling_operations_api_then_404(
    api_client, customer_user, site, path, method
):
    api_client.force_login(customer_user)

    response = getattr(api_client, method)(path.format(site=site.pk))

    assert response.status_code == 404


def test_given_customer_user_when_reading_ticket_in_portal_then_no_costs(
    api_client, customer_user, customer, make_ticket, ticket_type
):
    PortalTicketTypeRuleFactory(customer=customer, ticket_type=ticket_type)
    ticket = make_ticket(requester=customer_user, visibility="private")
    work_order = WorkOrderFactory(site=ticket.site, cost_estimate="4321.77", status="dispatched")
    work_order.tickets.add(ticket)
    api_client.force_login(customer_user)

    response = api_client.get(f"/api/v1/portal/tickets/{ticket.number}/")

    assert response.status_code == 200
    assert "4321" not in str(response.json())


def test_given_site_when_timeline_then_newest_first_with_kinds(staff_api, site, make_ticket):
    now = timezone.now()
    ticket = make_ticket()
    issue = IssueFactory(site=site)
    work_order = WorkOrderFactory(site=site)
    WorkOrderFactory()  # another site: not on this timeline
    for model, pk, age in (
        (Issue, issue.pk, 3),
        (WorkOrder, work_order.pk, 1),
    ):
        model.objects.filter(pk=pk).update(created_at=now - datetime.timedelta(hours=age))
    type(ticket).objects.filter(pk=ticket.pk).update(created_at=now - datetime.timedelta(hours=2))

    response = staff_api.get(f"/api/v1/sites/{site.pk}/timeline/")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [(item["kind"], item["id"]) for item in body["results"]] == [
        ("work_order", work_order.pk),
        ("ticket", ticket.pk),
        ("issue", issue.pk),
    ]
    assert body["results"][1]["number"] == ticket.number
    assert set(body["results"][0]) == {"kind", "id", "title", "status", "created_at", "number"}


def test_given_rows_of_another_tenant_then_never_listed_or_found_here(staff_api, other_tenant):
    with in_schema(other_tenant):
        foreign = WorkOrderFactory(title="Beta only work")
        foreign_issue = IssueFactory(title="Beta only finding")
        foreign_site_pk = SiteFactory().pk

    listed = str(staff_api.get("/api/v1/work-orders/").json()) + str(
        staff_api.get("/api/v1/issues/").json()
    )

    assert "Beta only" not in listed
    assert WorkOrder.objects.filter(pk=foreign.pk, title="Beta only work").count() == 0
    assert Issue.objects.filter(pk=foreign_issue.pk, title="Beta only finding").count() == 0
    if not SiteFactory._meta.model.objects.filter(pk=foreign_site_pk).exists():
        assert staff_api.get(f"/api/v1/sites/{foreign_site_pk}/timeline/").status_code == 404


def test_given_many_rows_when_timeline_then_query_count_constant(staff_api, site):
    IssueFactory.create_batch(2, site=site)
    WorkOrderFactory.create_batch(2, site=site)
    with CaptureQueriesContext(connection) as few:
        staff_api.get(f"/api/v1/sites/{site.pk}/timeline/?page_size=100")
    IssueFactory.create_batch(20, site=site)
    WorkOrderFactory.create_batch(20, site=site)
    TicketFactory.create_batch(20, site=site)

    with CaptureQueriesContext(connection) as many:
        response = staff_api.get(f"/api/v1/sites/{site.pk}/timeline/?page_size=100")

    assert response.json()["count"] == 64
    assert len(many) == len(few)


@pytest.mark.parametrize("path", ["/api/v1/work-orders/", "/api/v1/issues/", "/api/v1/tickets/"])
def test_given_many_rows_when_listing_then_query_count_constant(staff_api, site, path):
    def rows() -> None:
        for _ in range(3):
            issue = IssueFactory(site=site)
            work_order = WorkOrderFactory(site=site, issue=issue)
            work_order.tickets.add(TicketFactory(site=site))

    rows()
    with CaptureQueriesContext(connection) as few:
        staff_api.get(f"{path}?page_size=100")
    for _ in range(5):
        rows()

    with CaptureQueriesContext(connection) as many:
        response = staff_api.get(f"{path}?page_size=100")

    assert response.json()["count"] == 18
    assert len(many) == len(few), [q["sql"] for q in many]


def test_given_contractor_when_created_and_changed_by_api_then_stored_in_their_language(
    staff_api,
):
    created = staff_api.post(
        "/api/v1/contractors/",
        {"name": "Liftwerk", "email": "jobs@liftwerk.example", "trade": "Lifts", "language": "en"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]

    changed = staff_api.patch(f"/api/v1/contractors/{pk}/", {"language": "de"}, format="json")
    refused = staff_api.patch(f"/api/v1/contractors/{pk}/", {"language": "xx"}, format="json")

    assert changed.json()["language"] == "de"
    assert refused.status_code == 400
    assert "language" in refused.json()


def test_given_work_order_changes_then_history_lists_who_what_old_new(staff_api, staff):
    work_order = WorkOrderFactory(title="Old title")
    staff_api.patch(f"/api/v1/work-orders/{work_order.pk}/", {"title": "New title"}, format="json")

    rows = staff_api.get(f"/api/v1/work-orders/{work_order.pk}/history/").json()["results"]

    assert [(r["field"], r["old_value"], r["new_value"], r["actor"]) for r in rows] == [
        ("title", "Old title", "New title", staff.pk)
    ]

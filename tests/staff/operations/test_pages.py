"""Staff pages of site operations, the portal's view of the work and the downloads."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from agencydesk.operations.models import Issue, WorkOrder
from agencydesk.operations.services import work_order_dispatch
from tests.customers.factories import PortalTicketTypeRuleFactory
from tests.factories import SiteFactory, TicketFactory
from tests.operations.factories import IssueFactory, WorkOrderFactory
from tests.tickets.conftest import PDF_BYTES, png_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_given_qr_code_site_when_log_page_opened_then_site_chosen_and_camera_input(
    staff_client, site
):
    page = staff_client.get(reverse("operations:issue-log") + f"?site={site.pk}").content.decode()

    assert f'<option value="{site.pk}" selected>' in page
    assert 'capture="environment"' in page
    assert 'accept="image/*"' in page


def test_given_log_form_with_photo_and_ticket_then_issue_and_app_ticket_linked(staff_client, site):
    response = staff_client.post(
        reverse("operations:issue-log"),
        {
            "site": site.pk,
            "title": "Lift broken",
            "location": "Lobby",
            "photos": [png_upload("lift.png")],
            "open_ticket": "on",
        },
    )

    issue = Issue.objects.get()
    assert response.status_code == 302
    assert issue.photos.count() == 1
    assert issue.ticket is not None
    assert (issue.ticket.source, issue.ticket.site) == ("app", site)


def test_given_log_form_without_title_then_400_and_nothing_saved(staff_client, site):
    response = staff_client.post(reverse("operations:issue-log"), {"site": site.pk})

    assert response.status_code == 400
    assert not Issue.objects.exists()


def test_given_issue_page_when_converted_then_work_order_page(staff_client, issue):
    response = staff_client.post(reverse("operations:issue-convert", args=[issue.pk]))

    work_order = WorkOrder.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("operations:work-order", args=[work_order.pk])
    page = staff_client.get(response["Location"]).content.decode()
    assert "lift.png" in page and "Dispatch to contractor" in page


def test_given_work_order_page_when_dispatched_then_mail_queued_and_link_shown(
    staff_client, work_order
):
    response = staff_client.post(
        reverse("operations:work-order-action", args=[work_order.pk, "dispatch"]),
        {"notify_tickets": "on"},
    )

    assert response.status_code == 302
    work_order.refresh_from_db()
    assert work_order.status == "dispatched"
    page = staff_client.get(response["Location"]).content.decode()
    assert 'data-testid="contractor-link"' in page


def test_given_work_order_page_when_tickets_of_other_customer_linked_then_400(
    staff_client, work_order
):
    foreign = TicketFactory(site=SiteFactory())

    response = staff_client.post(
        reverse("operations:work-order", args=[work_order.pk]),
        {"title": work_order.title, "tickets": str(foreign.number)},
    )

    assert response.status_code == 400
    assert work_order.tickets.count() == 0


def test_given_site_page_then_timeline_lists_all_three_kinds(staff_client, site, make_ticket):
    make_ticket(title="Resident reports lift")
    IssueFactory(site=site, title="Lift found broken")
    WorkOrderFactory(site=site, title="Lift company repair")

    page = staff_client.get(reverse("operations:site", args=[site.pk])).content.decode()

    for text in ("Resident reports lift", "Lift found broken", "Lift company repair", "<svg"):
        assert text in page
    assert page.index("Lift company repair") < page.index("Resident reports lift")


def test_given_ticket_with_work_order_then_staff_ticket_page_lists_it(
    staff_client, make_ticket, site
):
    ticket = make_ticket()
    work_order = WorkOrderFactory(site=site, title="Replace the rope")
    work_order.tickets.add(ticket)

    page = staff_client.get(reverse("staff:ticket", args=[ticket.number])).content.decode()

    assert "Replace the rope" in page


def test_given_customer_when_ticket_has_work_orders_then_status_and_date_only(
    client, customer_user, make_ticket, site, staff, ticket_type
):
    PortalTicketTypeRuleFactory(customer=site.customer, ticket_type=ticket_type)
    ticket = make_ticket(requester=customer_user, visibility="private")
    work_order = WorkOrderFactory(
        site=site, title="Replace the rope", cost_estimate="4321.00", attend_by="2026-12-09"
    )
    work_order.tickets.add(ticket)
    work_order_dispatch(actor=staff, work_order=work_order, notify_tickets=False)
    hidden = WorkOrderFactory(site=site, title="Draft plan")  # drafts stay inside the agency
    hidden.tickets.add(ticket)
    client.force_login(customer_user)

    page = client.get(f"/portal/tickets/{ticket.number}/").content.decode()

    assert "Replace the rope" in page and "Dispatched" in page
    assert "4321" not in page and work_order.contractor.name not in page
    assert "Draft plan" not in page


def test_given_customer_user_then_operations_pages_are_404(client, customer_user, work_order):
    client.force_login(customer_user)

    for url in (
        reverse("operations:issues"),
        reverse("operations:work-order", args=[work_order.pk]),
        reverse("operations:report"),
    ):
        assert client.get(url).status_code == 404


def test_given_work_orders_then_report_csv_and_xlsx_per_site_and_month(staff_client, site):
    WorkOrderFactory(site=site, cost_estimate="100.00")
    WorkOrderFactory(site=site, cost_estimate="50.50", status="completed", cost_actual="70.00")
    WorkOrderFactory(site__name="=HYPERLINK(1)", cost_estimate="1.00")

    csv_text = staff_client.get(reverse("operations:report-export", args=["csv"])).content
    rows = csv_text.decode("utf-8-sig").splitlines()
    xlsx = staff_client.get(reverse("operations:report-export", args=["xlsx"]))

    assert any(row.startswith("Block B,") and ",2,1,0,1,150.50,70.00" in row for row in rows)
    assert any(row.startswith("'=HYPERLINK(1)") for row in rows)
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = {row[0].value: [cell.value for cell in row[2:]] for row in sheet.iter_rows(min_row=2)}
    assert values["Block B"] == [2, 1, 0, 1, 150.5, 70]
    assert sheet.cell(row=2, column=1).data_type == "s"


def test_given_bad_report_dates_then_400(staff_client):
    response = staff_client.get(reverse("operations:report") + "?date_from=yesterday")

    assert response.status_code == 400


def test_given_many_work_orders_when_listing_pages_then_queries_constant(staff_client, site):
    def rows(count: int) -> None:
        for work_order in WorkOrderFactory.create_batch(count, site=site):
            work_order.tickets.add(TicketFactory(site=site))
            IssueFactory(site=site)

    rows(2)
    with CaptureQueriesContext(connection) as few:
        staff_client.get(reverse("operations:work-orders"))
        staff_client.get(reverse("operations:issues") + "?status=open")
    rows(10)

    with CaptureQueriesContext(connection) as many:
        staff_client.get(reverse("operations:work-orders"))
        staff_client.get(reverse("operations:issues") + "?status=open")

    assert len(many) == len(few)


def test_given_many_rows_when_site_page_rendered_then_queries_constant(staff_client, site):
    IssueFactory.create_batch(2, site=site)
    with CaptureQueriesContext(connection) as few:
        staff_client.get(reverse("operations:site", args=[site.pk]))
    IssueFactory.create_batch(10, site=site)
    WorkOrderFactory.create_batch(10, site=site)
    TicketFactory.create_batch(10, site=site)

    with CaptureQueriesContext(connection) as many:
        response = staff_client.get(reverse("operations:site", args=[site.pk]))

    assert response.content.decode().count("<tr data-kind=") == 32
    assert len(many) == len(few)


def test_given_dispatched_work_order_when_attend_by_edited_on_page_then_saved(
    staff_client, staff, work_order, contractor
):
    work_order_dispatch(actor=staff, work_order=work_order, notify_tickets=False)

    response = staff_client.post(
        reverse("operations:work-order", args=[work_order.pk]),
        {
            "title": work_order.title,
            "contractor": contractor.pk,
            "attend_by": "2026-12-10",
            "cost_estimate": "120.00",
        },
    )

    assert response.status_code == 302
    work_order.refresh_from_db()
    assert str(work_order.attend_by) == "2026-12-10"
    assert str(work_order.cost_estimate) == "120.00"
    assert work_order.contractor == contractor


def test_given_two_photos_one_not_an_image_when_uploaded_then_none_stored(staff_client, issue):
    response = staff_client.post(
        reverse("operations:issue-photos", args=[issue.pk]),
        {"photos": [png_upload("ok.png"), SimpleUploadedFile("notes.pdf", PDF_BYTES)]},
    )

    assert response.status_code == 302
    assert issue.photos.count() == 1  # only the one logged with the issue


def test_given_new_work_order_form_with_ticket_number_then_created_and_linked(
    staff_client, site, contractor, make_ticket
):
    ticket = make_ticket()

    response = staff_client.post(
        reverse("operations:work-order-new"),
        {
            "site": site.pk,
            "title": "Clean the gutters",
            "contractor": contractor.pk,
            "tickets": f"ALP-{ticket.number}",
        },
    )

    work_order = WorkOrder.objects.get()
    assert response.status_code == 302
    assert list(work_order.tickets.all()) == [ticket]

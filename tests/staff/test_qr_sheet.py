"""The QR sheet per customer: one code per active site, opening the report form for it."""

from __future__ import annotations

import re
from typing import Any

import pytest
import segno

from agencydesk.accounts.models import User
from agencydesk.customers.models import Customer, Site
from agencydesk.staff.qr_codes import SiteCode, qr_sheet_pdf, site_report_url
from tests.factories import CustomerUserFactory, SiteFactory, TenantAdminFactory

pytestmark = pytest.mark.django_db


def test_given_customer_with_sites_when_staff_opens_sheet_then_one_code_per_active_site(
    staff_client: Any, customer: Customer, site: Site
):
    second = SiteFactory(customer=customer, name="Block C")
    SiteFactory(customer=customer, name="Closed block", is_active=False)
    foreign = SiteFactory(name="Someone else's")

    response = staff_client.get(f"/customers/{customer.pk}/qr-codes/")

    page = response.content.decode()
    assert response.status_code == 200
    assert re.findall(r'data-site="(\d+)"', page) == [str(site.pk), str(second.pk)]
    assert page.split("<main", 1)[1].count("<svg") == 2  # the top bar's bell is one more
    assert f"http://alpha.localhost:8000/portal/report/?site={site.pk}" in page
    assert foreign.name not in page and "Closed block" not in page


def test_given_customer_when_downloading_pdf_then_a_pdf_with_the_site_names(
    staff_client: Any, customer: Customer, site: Site
):
    response = staff_client.get(f"/customers/{customer.pk}/qr-codes.pdf")

    body = response.content
    assert response["Content-Type"] == "application/pdf"
    assert body.startswith(b"%PDF-1.4") and body.rstrip().endswith(b"%%EOF")
    assert site.name.encode() in body
    assert b"/Count 1" in body


def test_given_seven_codes_when_writing_pdf_then_two_pages_and_consistent_xref():
    codes = [SiteCode(label=f"Unit {n} – Nord", detail="", url=f"http://a/{n}") for n in range(7)]

    body = qr_sheet_pdf(title="Sheet", codes=codes)

    assert b"/Count 2" in body
    assert b"Unit 0 \x96 Nord" in body  # the en dash in WinAnsiEncoding
    start = int(body.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert body[start:].startswith(b"xref")
    offsets = re.findall(rb"(\d{10}) 00000 n", body)
    assert all(body[int(offset) :].split(b" ", 1)[0].isdigit() for offset in offsets)


def test_given_site_when_downloading_svg_then_it_encodes_the_report_link(
    staff_client: Any, customer: Customer, site: Site
):
    response = staff_client.get(f"/customers/{customer.pk}/qr-codes/{site.pk}.svg")

    url = site_report_url(host="alpha.localhost", site_id=site.pk)
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.decode().startswith("<svg")
    assert url.endswith(f"/portal/report/?site={site.pk}")
    assert segno.make(url, error="m").matrix  # the same payload the sheet shows


def test_given_site_of_other_customer_when_downloading_svg_then_404(
    staff_client: Any, customer: Customer
):
    foreign = SiteFactory()

    response = staff_client.get(f"/customers/{customer.pk}/qr-codes/{foreign.pk}.svg")

    assert response.status_code == 404


def test_given_customer_user_when_opening_sheet_then_not_served(
    client: Any, customer: Customer, customer_user: User
):
    client.force_login(customer_user)

    response = client.get(f"/customers/{customer.pk}/qr-codes/")

    assert response.status_code in (302, 403, 404)
    assert b"<svg" not in response.content


def test_given_signed_out_visitor_when_opening_qr_link_then_login_keeps_next(
    client: Any, site: Site, customer: Customer
):
    CustomerUserFactory(customer=customer)

    response = client.get("/portal/report/", {"site": site.pk})

    assert response.status_code == 302
    assert response["Location"] == f"/login/?next=/portal/report/%3Fsite%3D{site.pk}"


def test_given_tenant_admin_on_customer_page_then_links_to_sheet(client: Any, customer: Customer):
    admin = TenantAdminFactory()
    client.force_login(admin)

    page = client.get(f"/configuration/customers/{customer.pk}/").content.decode()

    assert f'href="/customers/{customer.pk}/qr-codes/"' in page

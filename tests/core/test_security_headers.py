"""Security headers on every kind of response (staff, portal, API, public host), HTTPS redirect
and HSTS outside debug (also behind a TLS-terminating proxy), and a CSRF check that trusts only
the request's own host."""

from __future__ import annotations

import re

import pytest
from django.http import HttpResponse

from agencydesk.accounts.models import User
from tests.conftest import TEST_PASSWORD, TenantClient, tenant_host
from tests.factories import TenantAdminFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db


def assert_security_headers(response: HttpResponse) -> None:
    policy = response["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, _space, value = part.strip().partition(" ")
        directives[name] = value
    assert directives["frame-ancestors"] == "'none'"
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert "'unsafe-inline'" not in directives["style-src"]
    assert "'unsafe-eval'" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_given_staff_when_a_page_is_served_then_it_has_the_security_headers(client, staff):
    client.force_login(staff)

    response = client.get("/")

    assert response.status_code == 200
    assert_security_headers(response)


def test_given_a_customer_user_when_a_portal_page_is_served_then_it_has_the_headers(
    client, customer_user
):
    client.force_login(customer_user)

    response = client.get("/portal/")

    assert response.status_code == 200
    assert_security_headers(response)


def test_given_an_api_client_when_the_api_answers_then_it_has_the_headers(api_client, staff):
    api_client.force_authenticate(staff)

    response = api_client.get("/api/v1/tickets/")

    assert response.status_code == 200
    assert_security_headers(response)


def test_given_the_public_host_when_the_operator_login_is_served_then_it_has_the_headers(
    public_client,
):
    response = public_client.get("/operator/login/")

    assert response.status_code == 200
    assert_security_headers(response)


def test_given_an_anonymous_visitor_when_the_login_page_is_served_then_it_has_the_headers(client):
    assert_security_headers(client.get("/login/"))


def test_given_an_accent_colour_when_a_page_is_served_then_its_style_carries_the_csp_nonce(
    client, staff, tenant
):
    tenant.accent_color = "#ff8800"
    tenant.save(update_fields=["accent_color"])
    client.force_login(staff)

    response = client.get("/")

    html = response.content.decode()
    nonces = re.findall(r'<style nonce="([^"]+)">:root \{ --accent: #ff8800; \}', html)
    assert len(nonces) == 1
    assert f"'nonce-{nonces[0]}'" in response["Content-Security-Policy"]


def test_given_coloured_ticket_types_when_pages_are_served_then_no_inline_style_or_script(
    client, staff, make_ticket, tenant
):
    ticket_type = TicketTypeFactory(color="#123456")
    make_ticket(ticket_type=ticket_type)
    admin = TenantAdminFactory()
    pages = []
    client.force_login(staff)
    pages.append(client.get("/").content.decode())
    client.force_login(admin)
    pages.append(client.get("/configuration/ticket-types/").content.decode())

    for html in pages:
        assert 'fill="#123456"' in html
        assert " style=" not in html
        assert re.search(r"<script(?![^>]*\ssrc=)", html) is None
        assert re.search(r"<style(?![^>]*\snonce=)", html) is None


def test_given_no_debug_when_a_plain_http_request_comes_then_it_is_redirected_to_https(
    settings, tenant
):
    settings.SECURE_SSL_REDIRECT = True

    response = TenantClient(tenant).get("/login/")

    assert response.status_code == 301
    assert response["Location"] == f"https://{tenant_host(tenant.slug)}/login/"


def test_given_no_debug_when_an_https_request_comes_then_hsts_is_sent(settings, tenant):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000

    response = TenantClient(tenant).get("/login/", secure=True)

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_given_a_tls_terminating_proxy_when_it_says_https_then_no_redirect_and_hsts(
    settings, tenant
):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    response = TenantClient(tenant).get("/login/", HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == 200
    assert "max-age=31536000" in response["Strict-Transport-Security"]


def test_given_no_proxy_setting_when_a_client_claims_https_then_it_is_still_redirected(
    settings, tenant
):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = None

    response = TenantClient(tenant).get("/login/", HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == 301


def test_given_the_health_check_when_asked_over_http_then_it_is_not_redirected(
    settings, public_client
):
    settings.SECURE_SSL_REDIRECT = True

    assert public_client.get("/health/").status_code == 200


def _login_post(tenant, staff: User, origin: str) -> HttpResponse:
    browser = TenantClient(tenant, enforce_csrf_checks=True)
    browser.get("/login/")
    token = browser.cookies["csrftoken"].value
    return browser.post(
        "/login/",
        {"username": staff.email, "password": TEST_PASSWORD, "csrfmiddlewaretoken": token},
        HTTP_ORIGIN=origin,
    )


def test_given_another_tenants_origin_when_a_login_is_posted_then_it_is_refused(
    tenant, other_tenant, staff
):
    response = _login_post(tenant, staff, f"http://{tenant_host(other_tenant.slug)}")

    assert response.status_code == 403


def test_given_the_own_origin_when_a_login_is_posted_then_the_csrf_check_passes(tenant, staff):
    response = _login_post(tenant, staff, f"http://{tenant_host(tenant.slug)}")

    assert response.status_code != 403


def test_given_the_api_docs_when_served_then_swagger_loads_without_inline_script(client, staff):
    client.force_login(staff)

    page = client.get("/api/docs/")
    script = client.get("/api/docs/?script=")

    html = page.content.decode()
    assert page.status_code == 200
    assert "https:" not in page["Content-Security-Policy"]  # nothing from a CDN
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]
    assert re.search(r"<script(?![^>]*\ssrc=)", html) is None
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()

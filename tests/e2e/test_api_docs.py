"""The API docs work in a real browser with no network beyond our own host: Swagger UI and
ReDoc load from our static files, render the schema's areas, and break no CSP rule."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.factories import StaffFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REDOC_LOGO = "cdn.redoc.ly/redoc/logo-mini.svg"


@pytest.fixture
def offline_page(page, tenant_url):
    """A page that may only reach the tenant's host: anything else is aborted and recorded."""
    own_host = urlsplit(tenant_url("/")).netloc
    outside: list[str] = []
    violations: list[str] = []

    def route(handled_route):
        url = handled_route.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).netloc == own_host:
            handled_route.continue_()
        else:
            outside.append(url)
            handled_route.abort()

    page.route("**/*", route)
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.outside_requests = outside
    page.csp_violations = violations
    return page


def test_given_no_network_when_staff_open_swagger_ui_then_the_areas_of_the_api_show(
    offline_page, tenant_url, login
):
    login(offline_page, StaffFactory(email="sam@e2e.example", language="en"))

    offline_page.goto(tenant_url("/api/docs/"))

    tags = offline_page.locator(".swagger-ui .opblock-tag")
    expect(tags.filter(has_text="tickets").first).to_be_visible(timeout=20000)
    expect(tags.filter(has_text="comments").first).to_be_visible()
    tags.filter(has_text="tickets").first.click()  # the areas open on click
    expect(offline_page.locator(".swagger-ui")).to_contain_text("List tickets")
    assert offline_page.outside_requests == []
    assert offline_page.csp_violations == []


def test_given_no_network_when_staff_open_redoc_then_the_operations_show(
    offline_page, tenant_url, login
):
    login(offline_page, StaffFactory(email="sam@e2e.example", language="en"))

    offline_page.goto(tenant_url("/api/redoc/"))

    heading = offline_page.get_by_role("heading", name="List tickets")
    expect(heading.first).to_be_visible(timeout=20000)
    assert offline_page.outside_requests == []
    # ReDoc's bundle links its maker's logo from their CDN in the menu; the policy blocks it
    # before any request is made (img-src 'self' data:), which is the point.
    others = [text for text in offline_page.csp_violations if REDOC_LOGO not in text]
    assert others == []

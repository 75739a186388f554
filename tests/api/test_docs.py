"""The browsable API docs (Swagger UI at /api/docs/, ReDoc at /api/redoc/) load everything from
our own static files: no CDN, so they work without a network."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders

from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

ASSET = re.compile(r"""<(?:script|link)\b[^>]*\s(?:src|href)=["']([^"']+)["']""")


def assets_of(html: str) -> list[str]:
    return ASSET.findall(html)


@pytest.fixture
def docs_client(client_for, tenant, settings):
    # Serve static files from the installed apps, as `make run` does (production serves the
    # same files from collectstatic's folder).
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    client = client_for(tenant)
    client.force_login(StaffFactory())
    return client


@pytest.mark.parametrize(
    ("page", "bundle"),
    [("/api/docs/", "swagger-ui-bundle.js"), ("/api/redoc/", "redoc.standalone.js")],
)
def test_given_the_docs_page_when_loaded_then_every_script_and_style_is_a_local_static_file(
    docs_client, settings, page, bundle
):
    response = docs_client.get(page)

    html = response.content.decode()
    assert response.status_code == 200
    assets = assets_of(html)
    assert any(url.endswith(bundle) for url in assets), assets
    for url in assets:
        assert url.startswith("/") and not url.startswith("//"), url  # this host
        if url.startswith(settings.STATIC_URL):
            assert finders.find(url.removeprefix(settings.STATIC_URL)), url
        served = docs_client.get(url)
        assert served.status_code == 200, url
        assert b"".join(served.streaming_content if served.streaming else [served.content])
    assert not re.search(r"https?://", html)
    assert not re.search(r"https?:", response["Content-Security-Policy"])


def test_given_swagger_ui_when_its_start_script_is_loaded_then_it_reads_our_schema(docs_client):
    script = docs_client.get("/api/docs/?script=").content.decode()

    assert '"/api/schema/"' in script
    assert not re.search(r"https?://", script)


def test_given_redoc_when_served_then_it_may_only_add_styles_and_its_search_worker(docs_client):
    policy = docs_client.get("/api/redoc/")["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "worker-src 'self' blob:" in policy
    assert "frame-ancestors 'none'" in policy

"""Browser tests: Debian's Chromium (pytest-playwright) against a live server on a tenant host.

How it works
- ``live_server`` (pytest-django) serves the app from a thread; its tests are transactional,
  so every row is committed and visible to the server thread.
- ``e2e_tenant`` provisions a fresh tenant per test with the production code path (template
  clone, ~0.3 s) at ``e2e-<random>.localhost``; Chromium resolves every ``*.localhost`` name
  to the loopback address, and django-tenants matches the host without its port. After the
  test the tenant's schema is dropped, so no test sees another's rows (the flush that ends a
  transactional test only empties the public tables).
- ``tenant_url(path)`` builds the absolute URL on that host; ``login(page, user)`` logs in
  through the real login form; ``screenshot(page, name)`` keeps a picture under
  ``test-artifacts/`` (not committed).
- The browser is never downloaded: ``/usr/bin/chromium`` (apt-get install chromium) or the
  tests are skipped with a reason (with ``AGENCYDESK_E2E_REQUIRED=1``, as in CI, the run
  fails instead).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tenants.models import Tenant
from tests.conftest import TEST_PASSWORD
from tests.live_tenant import live_tenant

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# from there (factories, assertions) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_configure(config: pytest.Config) -> None:
    # pytest-base-url (pulled in by pytest-playwright) still defines a method fixture.
    config.addinivalue_line(
        "filterwarnings", "ignore:Session-scoped fixtures defined as instance methods"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if shutil.which(CHROMIUM):
        return
    if os.environ.get("AGENCYDESK_E2E_REQUIRED"):
        # CI installs Chromium: a missing browser there is a failure, not a skip.
        raise pytest.UsageError(f"Chromium not found at {CHROMIUM}")
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "en-GB", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def e2e_tenant(live_server: Any) -> Iterator[Tenant]:
    """A brand-new tenant (English) on its own host, dropped again after the test."""
    with live_tenant(slug_prefix="e2e", name="E2E Facility Services", language="en") as tenant:
        yield tenant


@pytest.fixture
def tenant_url(e2e_tenant: Tenant, live_server: Any) -> Callable[[str], str]:
    port = live_server.thread.port

    def build(path: str = "/") -> str:
        return f"http://{e2e_tenant.slug}.localhost:{port}{path}"

    return build


@pytest.fixture
def login(tenant_url: Callable[[str], str], e2e_tenant: Tenant) -> Callable[..., None]:
    def log_in(page: Any, user: Any, password: str = TEST_PASSWORD) -> None:
        page.goto(tenant_url("/login/"))
        page.locator("input[name=username]").fill(user.email)
        page.locator("input[name=password]").fill(password)
        page.locator("form button[type=submit]").first.click()
        page.wait_for_load_state()

    return log_in


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Callable[[Any, str], Path]:
    def take(page: Any, name: str) -> Path:
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        path = ARTIFACTS_DIR / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take

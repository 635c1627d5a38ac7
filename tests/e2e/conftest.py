"""Browser tests: Playwright for Python driving Debian's Chromium against `live_server`.

Never `playwright install` (it downloads a browser and fails here): the system Chromium at
/usr/bin/chromium is used. Run with `pytest -m e2e` or as part of the whole suite.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop running in the test thread; Django would then
# refuse ORM calls from test code (factories) as "async unsafe". They are not: allow them.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from django.conf import settings  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # the tests run as root in containers
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 10_000
PONSEL = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def pytest_collection_modifyitems(config, items) -> None:
    """Every test under tests/e2e/ is a browser test."""
    folder = Path(__file__).parent
    for item in items:
        if folder in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session", autouse=True)
def _live_server_tanpa_tls() -> Iterator[None]:
    """Plain HTTP for the live server, set before it starts.

    tests/conftest.py turns TLS off per test, but the live server builds its middleware once
    (SecurityMiddleware reads SECURE_SSL_REDIRECT at start), so it must be off session-wide.
    """
    with override_settings(
        SECURE_SSL_REDIRECT=False,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        yield


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"{CHROMIUM} tidak ada: apt-get install -y chromium (jangan `playwright install`)"
        )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server, transactional_db) -> Iterator[Page]:
    """A fresh browser context per test (no cookies shared), desktop-sized."""
    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser: Browser, live_server, transactional_db) -> Iterator[Page]:
    """A fresh context the size of a phone (390x844, touch), as ASN use it in the field."""
    context = browser.new_context(base_url=live_server.url, locale="id-ID", **PONSEL)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()

"""Fixtures for the browser tests: one headless Chromium per session, a fresh context per test."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

# Sync Playwright runs an asyncio event loop in the test thread, and Django refuses ORM
# calls from a thread with a running loop unless told this is deliberate. The tests are
# still synchronous: the ORM and Playwright never run concurrently in this thread.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = REPO_ROOT / "var" / "axe.min.js"
SCREENSHOTS = REPO_ROOT / "test-results" / "screenshots"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
]


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    # bypass_csp: the app's Content-Security-Policy (script-src 'self' + nonce) would block
    # the inline script tag that injects axe-core. It only affects this test context.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_source():
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `python scripts/build_assets.py` first.")
    return AXE_SCRIPT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def screenshots_dir():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS

"""Browser tests: Debian's Chromium driven by Playwright for Python.

Playwright's own browser download is not used (and not possible here): the tests
launch /usr/bin/chromium, installed by scripts/system-deps.sh.
"""

import atexit
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

# Playwright's sync API keeps an event loop in the test thread; the ORM calls the
# tests make between page actions are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("TONGKET_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("TONGKET_TEST_ARTIFACTS", "test-artifacts"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


_shared: dict[str, object] = {}


def _shared_browser() -> Browser:
    """One Chromium for the whole run, however many conftests import the fixture.

    Each app's tests re-export `browser`, which pytest treats as separate fixtures;
    two Playwright instances cannot run in one thread, so they share this one.
    """
    if "browser" not in _shared:
        if not Path(CHROMIUM).exists():
            pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/system-deps.sh test")
        playwright = sync_playwright().start()
        _shared["playwright"] = playwright
        _shared["browser"] = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        atexit.register(_close)
    return _shared["browser"]  # type: ignore[return-value]


def _close() -> None:
    try:
        _shared["browser"].close()  # type: ignore[attr-defined]
        _shared["playwright"].stop()  # type: ignore[attr-defined]
    except Exception:
        pass


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    yield _shared_browser()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="vi-VN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    yield page
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert not errors, f"errors in the browser console: {errors}"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def login(page: Page, base_url: str, username: str, password: str = "secret-pass-123") -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.locator("#login-submit").click()
    page.wait_for_url(f"{base_url}/")

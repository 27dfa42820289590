"""Take the README's screenshots from a running demo: `uv run python scripts/screenshots.py URL`."""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parent.parent / "docs" / "images"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"{BASE}/accounts/login/")
        page.screenshot(path=str(OUT / "login.png"))
        page.get_by_label("Tên đăng nhập").fill("district")
        page.get_by_label("Mật khẩu").fill("tongket-demo")
        page.locator("#login-submit").click()
        page.wait_for_url(f"{BASE}/")
        page.screenshot(path=str(OUT / "home.png"), full_page=True)
        page.goto(f"{BASE}/units/")
        page.get_by_role("button", name="Mở Đảng ủy phường Khương Mai").click()
        page.get_by_text("Chi bộ Tổ dân phố số 1").wait_for()
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(OUT / "tree.png"))
        page.get_by_role("searchbox").fill("khuong mai")
        page.get_by_text("đơn vị khớp").wait_for()
        page.screenshot(path=str(OUT / "search.png"))
        browser.close()


if __name__ == "__main__":
    main()

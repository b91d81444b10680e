"""What every browser test shares: Debian's Chromium, its flags, axe-core from npm, and the CI rule.

Chromium is Debian's (/usr/bin/chromium, installed by scripts/install-system-packages), never
a browser that Playwright downloads. When Chromium or axe-core is missing the tests are
skipped on a developer's machine but fail in CI (CI=true), so they can never pass silently.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def require(condition: bool, reason: str) -> None:
    """Skip when something the browser tests need is missing; in CI, fail instead."""
    if condition:
        return
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason} (CI must run the browser tests: run `make test` to set up)", pytrace=False)
    pytest.skip(reason)


@contextmanager
def chromium() -> Iterator:
    """A headless Debian Chromium, closed afterwards."""
    require(CHROMIUM.exists(), f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def axe_source() -> str:
    """axe-core's script, to inject with page.evaluate (a <script> would be blocked by the CSP)."""
    require(AXE_SCRIPT.exists(), f"{AXE_SCRIPT.relative_to(ROOT)} is missing: run `npm ci`")
    return AXE_SCRIPT.read_text(encoding="utf-8")

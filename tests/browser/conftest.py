"""A live server for the browser tier: Daphne on a free port with its own temporary NT_VAR_DIR (fresh
SQLite, migrate + seed_demo + the scenario's setup), reusing the bench's embedded-server launcher, and the
system Chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from bench.session_load import ROOT, Server
from tests.browser.scenario_common import step_call
from tests.conftest import CHROMIUM

ARTIFACTS = ROOT / "tests" / "artifacts"
AXE = ROOT / "frontend" / "static" / "vendor" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class LiveServer:
    def __init__(self) -> None:
        self.server = Server(keep=False)
        # DEBUG on: static files from the finders (no collectstatic) and seed_demo's demo accounts. Dozens of
        # log-ins from one address within a minute: the per-address rates are tested in tests/security, not here.
        self.server.env.update(
            {
                "DEBUG": "1",
                "NT_STREAM_HEARTBEAT_MS": "1000",
                "THROTTLE_LOGIN": "10000/min",
                "THROTTLE_ANON": "100000/min",
            }
        )
        self.url = self.server.url

    def manage(self, *args: str) -> str:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.server.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def scenario(self, *args: str) -> Any:
        return step_call("tests.browser.scenario", self.server.env, *args)


@pytest.fixture(scope="session")
def live() -> Iterator[LiveServer]:
    if not CHROMIUM:
        pytest.skip("needs the system Chromium")
    live = LiveServer()
    live.manage("migrate", "-v0")
    live.manage("seed_demo")
    live.fixture = live.scenario("setup")
    live.server.start()
    try:
        yield live
    finally:
        live.server.stop()


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    """Package-scoped: Playwright's sync API keeps an asyncio loop running on the main thread while it is open,
    and the asyncio tests that run after this package need it stopped."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def login(browser: Any, live: LiveServer, username: str, password: str, **context_args: Any) -> Any:
    """A fresh browser context (its own cookies) logged in through the login form."""
    context = browser.new_context(locale="vi-VN", **context_args)
    page = context.new_page()
    page.goto(f"{live.url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)
    return page


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Serious and critical axe-core violations on the page as it is now."""
    page.evaluate(AXE.read_text())  # evaluated by the test driver: the page's CSP forbids injected <script> tags
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in found
        if v["impact"] in {"serious", "critical"}
    ]


def console_open(browser: Any, live: LiveServer, fx: dict[str, Any]) -> tuple[Any, list[str]]:
    """The secretariat console of the scenario's session, connected, with the page's script errors collected."""
    page = login(browser, live, fx["secretariat"], fx["secretariat_password"], viewport={"width": 1440, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live.url}/screens/sessions/{fx['session']}/console/")
    page.wait_for_selector('#conn[data-status="live"]', timeout=15_000)
    return page, errors


def console_tab(page: Any, tab: str) -> None:
    """Show one of the console's tabs under the live strip (agenda, polls, speakers, questioning, documents,
    attendance, sittings)."""
    page.click(f"#tab-{tab}")
    page.wait_for_selector(f"#panel-{tab}:not([hidden])", timeout=15_000)


def api_get(page: Any, url: str) -> Any:
    """GET a JSON API URL with the page's own session cookie."""
    return page.evaluate(
        "async (url) => (await fetch(url, {cache: 'no-store', headers: {Accept: 'application/json'}})).json()", url
    )

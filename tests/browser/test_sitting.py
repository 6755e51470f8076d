"""A whole sitting in real browsers: the console opens an item and a poll, three delegate tablets vote (one
loses its connection mid-vote and recovers), the hall display and the public page show the result in the
official wording; then a questioning round with its countdown on the display; then the public archive
search with and without diacritics. Every screen is screenshotted (tests/artifacts/) and checked by axe."""

from __future__ import annotations

import json
import re

import pytest

from tests.browser.conftest import axe_violations, console_tab, login, shot

pytestmark = pytest.mark.browser

TIMEOUT = 15_000


def live_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(
        '#conn[data-status="live"]', state="attached", timeout=TIMEOUT
    )  # hall and public: shown only when not live


def assert_accessible(page, name: str) -> None:
    shot(page, name)
    assert axe_violations(page) == [], name


def browser_storage(page) -> str:
    """Everything the page's origin keeps in localStorage and sessionStorage, as one string."""
    return page.evaluate("JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])")


def record_vote_client_ids(page) -> list[str]:
    """The client ids of every vote.cast the page sends from now on, over a (new) socket or over REST."""
    sent: list[str] = []

    def on_frame(payload) -> None:
        try:
            frame = json.loads(payload)
        except (TypeError, ValueError):
            return
        if isinstance(frame, dict) and frame.get("cmd") == "vote.cast":
            sent.append(frame["args"]["client_id"])

    def on_request(request) -> None:
        if request.method == "POST" and re.search(r"/api/polls/\d+/votes/$", request.url):
            sent.append(json.loads(request.post_data)["client_id"])

    page.on("websocket", lambda ws: ws.on("framesent", on_frame))
    page.on("request", on_request)
    return sent


@pytest.fixture(scope="module")
def sitting(live, browser):
    fx = live.fixture
    base = f"{live.url}/screens/sessions/{fx['session']}"
    console = login(
        browser, live, fx["secretariat"], fx["secretariat_password"], viewport={"width": 1440, "height": 900}
    )
    live_page(console, f"{base}/console/")
    sizes = [{"width": 1280, "height": 800}, {"width": 800, "height": 1280}, {"width": 1280, "height": 800}]
    tablets = [
        login(browser, live, name, fx["tablet_password"], viewport=size) for name, size in zip(fx["tablets"], sizes)
    ]
    for tablet in tablets:
        live_page(tablet, f"{base}/tablet/")
        tablet.click("#check-in")
        tablet.wait_for_selector("#checked-in", timeout=TIMEOUT)
    display = console.context.new_page()
    display.set_viewport_size({"width": 1920, "height": 1080})
    live_page(display, f"{base}/display/")
    public = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}).new_page()
    live_page(public, f"{live.url}/public/sessions/{fx['session']}/")
    return {"console": console, "tablets": tablets, "display": display, "public": public, "fx": fx}


def test_whole_sitting_vote(live, sitting):
    console, tablets, display, public, fx = (sitting[k] for k in ("console", "tablets", "display", "public", "fx"))
    budget = "Nghị quyết về dự toán ngân sách địa phương năm 2027"

    console.click(f'button[aria-label^="Chuyển tới mục này"][aria-label$="{budget}"]')
    display.wait_for_selector(f'#item-now:has-text("{budget}")', timeout=TIMEOUT)
    tablets[0].wait_for_selector(f'#agenda-list li.current:has-text("{budget}")', timeout=TIMEOUT)
    public.wait_for_selector(f'#item-now:has-text("{budget}")', timeout=TIMEOUT)

    console.click(f'button[aria-label^="Tạo biểu quyết"][aria-label$="{budget}"]')
    console_tab(console, "polls")
    open_button = console.wait_for_selector('button[data-act="open"]', timeout=TIMEOUT)
    poll_id = int(open_button.get_attribute("data-poll"))
    resolution_id = live.scenario("resolution", "--poll", str(poll_id))["resolution"]
    open_button.click()

    for tablet in tablets:
        tablet.wait_for_selector('button[data-choice="yes"]', timeout=TIMEOUT)
    display.wait_for_selector("#progress-text", timeout=TIMEOUT)
    assert_accessible(tablets[0], "tablet-vote-landscape")
    assert_accessible(tablets[1], "tablet-vote-portrait")

    first, dropped, third = tablets
    first.click('button[data-choice="yes"]')
    first.wait_for_selector("#confirm-send")
    shot(first, "tablet-confirm")
    first.click("#confirm-send")
    first.wait_for_selector("#voted .receipt", timeout=TIMEOUT)
    assert "Đại biểu đã biểu quyết" in first.inner_text("#voted")
    receipt = first.inner_text("#voted .receipt")
    # Nothing of the vote is kept in the browser; after a reload "voted", the (named) choice and the receipt
    # come back from the server's snapshot.
    assert "nt-vote" not in browser_storage(first) and receipt.split()[-1] not in browser_storage(first)
    first.reload()
    first.wait_for_selector(
        '#conn[data-status="live"]', state="attached", timeout=TIMEOUT
    )  # the tablet hides it while live
    first.wait_for_selector("#voted .receipt", timeout=TIMEOUT)
    assert "Đại biểu đã biểu quyết" in first.inner_text("#voted")
    assert first.inner_text("#voted .receipt") == receipt
    assert first.inner_text("#voted .voted-choice") == "Tán thành"  # option labels capitalised on receipts

    # The second tablet loses the network between choosing and sending: the vote waits, then goes
    # through once the connection is back, with the same client id (counted once).
    sent_ids = record_vote_client_ids(dropped)
    dropped.click('button[data-choice="yes"]')
    dropped.wait_for_selector("#confirm-send")
    dropped.context.set_offline(True)
    dropped.evaluate("window.ntStream.drop()")
    dropped.click("#confirm-send")
    dropped.wait_for_selector("#sending", timeout=TIMEOUT)
    dropped.wait_for_selector('#conn:not([data-status="live"])', timeout=TIMEOUT)
    shot(dropped, "tablet-offline-vote-in-flight")
    dropped.context.set_offline(False)
    dropped.wait_for_selector("#voted", timeout=30_000)
    dropped.wait_for_selector(
        '#conn[data-status="live"]', state="attached", timeout=TIMEOUT
    )  # the tablet hides it while live
    # Every attempt carried the same client id, kept in memory only (never in the browser's storage).
    assert sent_ids and len(set(sent_ids)) == 1, sent_ids
    client_id = sent_ids[0]
    assert client_id not in browser_storage(dropped) and "nt-vote" not in browser_storage(dropped)
    replay = dropped.evaluate(
        """async ([poll, clientId]) => {
            const token = document.querySelector('meta[name="csrf-token"]').content;
            const r = await fetch(`/api/polls/${poll}/votes/`, {method: "POST", headers: {"Content-Type": "application/json",
              "X-CSRFToken": token}, body: JSON.stringify({choice: "yes", client_id: clientId})});
            return {status: r.status, body: await r.json()};
        }""",
        [poll_id, client_id],
    )
    assert replay["status"] == 200 and replay["body"]["status"] == "replayed"

    third.click('button[data-choice="no"]')
    third.click("#confirm-send")
    third.wait_for_selector("#voted", timeout=TIMEOUT)
    # Logging out of a shared tablet clears any vote state an older version of the tablet left behind.
    third.evaluate(f"localStorage.setItem('nt-vote-{poll_id}', JSON.stringify({{choice: 'no', client_id: 'x'}}))")
    with third.expect_navigation():
        third.click('form[action$="/logout/"] button[type=submit]')
    assert "nt-vote" not in browser_storage(third)

    assert live.scenario("votes", "--poll", str(poll_id), "--choice", "yes", "--count", "27") == {"cast": 27}
    display.wait_for_selector('#progress-text:has-text("30/43")', timeout=TIMEOUT)
    shot(display, "display-vote-progress")

    console.click(f'button[data-poll="{poll_id}"][data-act="close"]')
    console.click(f'button[data-poll="{poll_id}"][data-act="publish"]', timeout=TIMEOUT)
    statement = "Có 30/50 đại biểu tham gia biểu quyết; tán thành 29 đại biểu, chiếm 58,00% tổng số đại biểu; không tán thành 1 (2,00%); không biểu quyết 0 (0,00%)."
    for page in (display, public, first):
        page.wait_for_selector(f'.statement:has-text("{statement}")', timeout=TIMEOUT)
    assert display.inner_text(".verdict") == "Kết quả: được thông qua."
    assert display.locator(".result-table tr.row-yes").count() == 1  # the hall shows the full table, not bars
    assert_accessible(display, "display-result")
    assert_accessible(public, "public-live-result")
    assert_accessible(console, "console-after-vote")
    assert_accessible(first, "tablet-result")

    resolution = console.evaluate(
        """async (id) => {
            const token = document.querySelector('meta[name="csrf-token"]').content;
            const r = await fetch(`/api/resolutions/${id}/publish/`, {method: "POST", headers: {"X-CSRFToken": token}});
            return {status: r.status, id};
        }""",
        resolution_id,
    )
    assert resolution["status"] == 200
    sitting["resolution"] = resolution["id"]


def test_questioning_countdown_on_display(sitting):
    console, tablets, display = sitting["console"], sitting["tablets"], sitting["display"]
    asker = tablets[0]
    console_tab(console, "agenda")
    console.click('button[aria-label^="Chuyển tới mục này"][aria-label$="Chất vấn và trả lời chất vấn"]')
    asker.wait_for_selector("#question-form", timeout=TIMEOUT)
    asker.fill("#q-text", "Tiến độ giải ngân vốn đầu tư công năm 2026 của tỉnh đạt bao nhiêu phần trăm?")
    asker.click("#question-form button[type=submit]")
    asker.wait_for_selector('#my-questions li:has-text("Tiến độ giải ngân")', timeout=TIMEOUT)
    console_tab(console, "questioning")
    console.click("button[data-question]", timeout=TIMEOUT)
    clock = display.wait_for_selector("#floor .clock-value", timeout=TIMEOUT)
    assert re.fullmatch(r"−?\d+:\d\d", clock.inner_text())
    assert "Trịnh Văn Thử" in display.inner_text("#floor")
    assert_accessible(display, "display-questioning-countdown")
    assert_accessible(asker, "tablet-questioning")


def test_public_search_ignores_diacritics(live, browser, sitting):
    page = browser.new_context(locale="vi-VN").new_page()
    page.goto(f"{live.url}/public/")
    assert_accessible(page, "public-home")
    # Specific enough for the demo's archive, which holds last year's resolutions too.
    for query in (
        "nghi quyet du toan ngan sach 2027",
        "Nghị quyết DỰ TOÁN NGÂN SÁCH 2027",
        "ngan sach dia phuong 2027",
    ):
        page.goto(f"{live.url}/public/archive/?q={query}")
        assert "dự toán ngân sách địa phương năm 2027" in page.inner_text("#resolution-results"), query
    page.goto(f"{live.url}/public/archive/?q=bau cu truong thon")
    assert "dự toán ngân sách địa phương năm 2027" not in page.inner_text("#resolution-results")
    assert_accessible(page, "public-archive")
    page.goto(f"{live.url}/public/resolutions/{sitting['resolution']}/")
    assert "tán thành 29 đại biểu, chiếm 58,00% tổng số đại biểu" in page.inner_text(".statement")
    assert page.locator("figure.qr svg").count() == 1
    assert_accessible(page, "public-resolution")
    page.click('header.site button[value="en"]')
    page.wait_for_selector('html[lang="en"]')
    assert "took part in the vote" in page.inner_text(".statement")
    shot(page, "public-resolution-en")

"""The console's setup on ARIA tabs under the pinned live strip (keyboard, URL hash), the idle hall in hall-sized
type, a vote countdown on console and hall that says "Hết giờ" at zero, closes nothing and takes more time,
closing a sitting from the sittings tab through the strip's confirmation, and reopening it with a reason. In a session of its own (``scenario documents_session``): 1366×768 console,
1920×1080 hall; screenshots saved, axe clean, no script errors."""

from __future__ import annotations

import pytest

from tests.browser.conftest import api_get, axe_violations, console_tab, login, shot

pytestmark = pytest.mark.browser

TIMEOUT = 15_000
CONSOLE = {"width": 1366, "height": 768}
HALL = {"width": 1920, "height": 1080}
TABLET = {"width": 800, "height": 1280}


def post(page, url: str, body: dict | None = None) -> dict:
    return page.evaluate(
        """async ([url, body]) => {
          const token = document.querySelector('meta[name="csrf-token"]').content;
          const r = await fetch(url, {method: "POST", headers: {"Content-Type": "application/json", "X-CSRFToken": token,
            Accept: "application/json"}, body: JSON.stringify(body || {})});
          return {status: r.status, body: await r.json()};
        }""",
        [url, body],
    )


@pytest.fixture(scope="module")
def screens(live, browser):
    fx = live.scenario("documents_session")
    console = login(browser, live, fx["secretariat"], fx["secretariat_password"], viewport=CONSOLE)
    errors: list[str] = []
    console.on("pageerror", lambda exc: errors.append(str(exc)))
    base = f"{live.url}/screens/sessions/{fx['session']}"
    console.goto(f"{base}/console/#attendance")
    console.wait_for_selector('#conn[data-status="live"]', timeout=TIMEOUT)
    hall = console.context.new_page()
    hall.on("pageerror", lambda exc: errors.append(str(exc)))
    hall.set_viewport_size(HALL)
    hall.goto(f"{base}/display/")
    hall.wait_for_selector("nt-hall-head .session-title", timeout=TIMEOUT)
    yield {"console": console, "hall": hall, "fx": fx, "live": live, "browser": browser, "errors": errors}
    assert errors == []
    console.context.close()


def test_tabs_keyboard_and_hash(screens):
    page = screens["console"]
    # The hash chose the tab; the others are hidden, the live strip is not.
    assert page.get_attribute("#tab-attendance", "aria-selected") == "true"
    assert page.is_visible("#panel-attendance") and page.is_hidden("#panel-agenda")
    assert page.is_visible("nt-live-strip")
    tabs = page.eval_on_selector_all('[role="tablist"] [role="tab"]', "els => els.map((e) => e.dataset.tab)")
    assert tabs == ["agenda", "polls", "speakers", "questioning", "documents", "attendance", "sittings"]
    page.focus("#tab-attendance")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.id") == "tab-sittings"
    assert page.get_attribute("#tab-sittings", "aria-selected") == "true" and page.url.endswith("#sittings")
    page.keyboard.press("ArrowRight")  # wraps round
    assert page.evaluate("document.activeElement.id") == "tab-agenda" and page.is_visible("#panel-agenda")
    page.keyboard.press("End")
    assert page.evaluate("document.activeElement.id") == "tab-sittings"
    assert (
        page.get_attribute("#tab-agenda", "tabindex") == "-1" and page.get_attribute("#tab-sittings", "tabindex") == "0"
    )
    console_tab(page, "polls")
    page.reload()
    page.wait_for_selector('#conn[data-status="live"]', timeout=TIMEOUT)
    assert page.get_attribute("#tab-polls", "aria-selected") == "true" and page.is_visible("#poll-duration")
    found = axe_violations(page)
    assert found == [], found
    shot(page, "console-tabs-polls-1366x768")


def test_idle_hall_is_hall_sized(screens):
    hall = screens["hall"]
    hall.wait_for_selector("nt-hall-head.idle #no-item", timeout=TIMEOUT)
    sizes = hall.evaluate(
        """() => Object.fromEntries(['.council-name', '.session-title', '.sitting-line', '#no-item'].map(
          (s) => [s, parseFloat(getComputedStyle(document.querySelector(s)).fontSize)]))"""
    )
    assert sizes[".session-title"] >= 60 and sizes[".council-name"] >= 44, sizes
    assert sizes[".sitting-line"] >= 40 and sizes["#no-item"] >= 40, sizes
    shot(hall, "hall-idle-1920x1080")


def test_countdown_says_time_up_and_closes_nothing(screens):
    page, hall, fx = screens["console"], screens["hall"], screens["fx"]
    session = api_get(page, f"/api/sessions/{fx['session']}/")
    sitting = session["sittings"][0]
    people = api_get(page, f"/api/people/?council={session['council']}&on={sitting['date']}&page_size=500")
    ids = [p["id"] for p in people["results"]]
    done = post(page, f"/api/sittings/{sitting['id']}/attendance/bulk/", {"persons": ids, "status": "present"})
    assert done["status"] == 200 and done["body"]["changed"] == ids, done
    made = post(
        page,
        "/api/polls/",
        {"session": fx["session"], "sitting": sitting["id"], "title": "Biểu quyết thử đếm ngược", "kind": "procedural"},
    )
    assert made["status"] == 201, made
    tablet = tablet_open(screens)
    console_tab(page, "polls")
    page.select_option("#poll-duration", "30")
    page.click(f'button[data-poll="{made["body"]["id"]}"][data-act="open"]')
    page.wait_for_selector("#strip-countdown .clock-value", timeout=TIMEOUT)
    hall.wait_for_selector("#hall-countdown .clock-value", timeout=TIMEOUT)
    assert font_px(hall, "#hall-countdown .clock-value") >= 80
    shot(hall, "hall-countdown-1920x1080")
    # Run the clock out: the server's deadline is what the screens count to.
    page.wait_for_selector('#strip-countdown [data-over]:has-text("Hết giờ")', timeout=40_000)
    hall.wait_for_selector('#hall-countdown [data-over]:has-text("Hết giờ")', timeout=TIMEOUT)
    shot(page, "console-time-up-1366x768")
    poll = api_get(page, f"/api/polls/{made['body']['id']}/")
    assert poll["status"] == "open", "the deadline closes nothing: the chair does"
    # More time: counted from now once the time is up; the console and the hall count again.
    page.select_option("#strip-extend-min", "2")
    page.click("#strip-extend")
    page.wait_for_selector('#console-msg:has-text("Đã thêm 2 phút cho biểu quyết")', timeout=TIMEOUT)
    page.wait_for_selector("#strip-countdown .countdown:not([data-over]) .clock-value", timeout=TIMEOUT)
    hall.wait_for_selector("#hall-countdown .countdown:not([data-over]) .clock-value", timeout=TIMEOUT)
    left = page.inner_text("#strip-countdown .clock-value")
    assert left.startswith(("2:0", "1:5", "02:0", "01:5")), left
    extended = api_get(page, f"/api/polls/{made['body']['id']}/")
    assert extended["status"] == "open" and extended["deadline"] > poll["deadline"]
    tablet.wait_for_selector("#vote-countdown .countdown:not([data-over]) .clock-value", timeout=TIMEOUT)
    # The polls tab's own countdown follows the new deadline too.
    page.wait_for_selector("#polls nt-countdown .countdown:not([data-over]) .clock-value", timeout=TIMEOUT)
    found = axe_violations(page)
    assert found == [], found
    shot(page, "console-vote-more-time-1366x768")
    shot(tablet, "tablet-vote-more-time-800x1280")
    tablet.context.close()
    page.click("#strip-close")
    page.wait_for_selector("#strip-publish", timeout=TIMEOUT)


def tablet_open(screens):
    """A delegate's tablet (seat 2 of the commune council, the scenario's; seat 1 is the chair's account), portrait."""
    from demo import councils as demo

    live, browser, fx = screens["live"], screens["browser"], screens["fx"]
    tablet = login(browser, live, demo.COMMUNE.delegate_username(2), demo.DELEGATE_PASSWORD, viewport=TABLET)
    tablet.on("pageerror", lambda exc: screens["errors"].append(str(exc)))
    tablet.goto(f"{live.url}/screens/sessions/{fx['session']}/tablet/")
    tablet.wait_for_selector('#conn[data-status="live"]', state="attached", timeout=TIMEOUT)
    return tablet


def font_px(page, selector: str) -> float:
    return page.evaluate("(s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)", selector)


def test_close_from_the_sittings_tab_asks_then_reopen_with_a_reason(screens):
    page, fx = screens["console"], screens["fx"]
    session = api_get(page, f"/api/sessions/{fx['session']}/")
    sitting = session["sittings"][0]
    # Closing from the sittings tab asks first, as the strip does; going back changes nothing.
    console_tab(page, "sittings")
    page.click("#sitting-close-1")
    page.wait_for_selector(f'[data-confirm="sitting-close-{sitting["id"]}"]', timeout=TIMEOUT)
    assert page.evaluate("document.activeElement.id") == "confirm-yes"
    assert page.is_visible("#confirm-text") and "Kết thúc phiên họp 1?" in page.inner_text("#confirm-text")
    found = axe_violations(page)
    assert found == [], found
    shot(page, "console-sittings-close-confirm-1366x768")
    page.click("#confirm-no")
    page.wait_for_selector("[data-confirm]", state="detached", timeout=TIMEOUT)
    assert api_get(page, f"/api/sittings/{sitting['id']}/")["status"] == "open"
    page.click("#sitting-close-1")
    with page.expect_navigation(timeout=TIMEOUT):  # the sitting's status form posts, the page comes back
        page.click("#confirm-yes")
    assert api_get(page, f"/api/sittings/{sitting['id']}/")["status"] == "closed"
    page.wait_for_selector('#conn[data-status="live"]', timeout=TIMEOUT)
    page.wait_for_selector("#strip-sitting-reopen", timeout=TIMEOUT)  # the strip offers it too (its only sitting)
    page.goto(page.url.split("#")[0] + "#sittings")
    page.reload()  # the list of sittings is server-rendered
    button = f'[data-reopen="{sitting["id"]}"]'
    page.click(button, timeout=TIMEOUT)
    page.wait_for_selector('[data-confirm^="sitting-reopen"]', timeout=TIMEOUT)
    page.click("#confirm-yes")  # no reason: refused in place
    page.wait_for_selector('[data-confirm^="sitting-reopen"] .form-error:not([hidden])', timeout=TIMEOUT)
    page.fill("#confirm-reason", "Bế mạc nhầm khi còn nội dung chưa biểu quyết")
    page.click("#confirm-yes")
    page.wait_for_selector('#console-msg:has-text("Đã mở lại phiên 1.")', timeout=TIMEOUT)
    assert api_get(page, f"/api/sittings/{sitting['id']}/")["status"] == "open"

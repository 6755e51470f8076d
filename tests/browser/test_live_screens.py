"""The live screens at the sizes people use them, in a public session of its own (``scenario_live.py``):
tablets at 800×1280 and 1280×800, the console at 1366×768, the hall display at 1920×1080, the public page on a
390×844 phone. A question typed while another is on the floor keeps every character; the console's close
control is in view without scrolling during a vote; cancelling a vote asks first, with a reason; the hall's
type is measured; no page logs an error; axe finds nothing serious; screenshots go to tests/artifacts."""

from __future__ import annotations

import pytest

from tests.browser.conftest import api_get, axe_violations, console_tab, login, shot
from tests.browser.scenario_common import step_call

pytestmark = pytest.mark.browser

TIMEOUT = 15_000
PORTRAIT = {"width": 800, "height": 1280}
LANDSCAPE = {"width": 1280, "height": 800}
CONSOLE = {"width": 1366, "height": 768}
HALL = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
QUESTION = "Xin hỏi đồng chí Chủ tịch: bao giờ trường mầm non thôn Khe Đá xây"[:60]  # 60 characters


def step(live, *args: str) -> dict:
    return step_call("tests.browser.scenario_live", live.server.env, *args)


def watch_errors(page, errors: list[str]) -> None:
    page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))
    page.on("console", lambda msg: msg.type == "error" and errors.append(f"{page.url}: {msg.text}"))


def opened(page, url: str, errors: list[str]) -> None:
    watch_errors(page, errors)
    page.goto(url)
    page.wait_for_selector('#conn[data-status="live"]', state="attached", timeout=TIMEOUT)


def accessible(page, name: str) -> None:
    shot(page, name)
    assert axe_violations(page) == [], name


@pytest.fixture(scope="module")
def hall(live, browser):
    fx = step(live, "setup")
    base = f"{live.url}/screens/sessions/{fx['session']}"
    errors: list[str] = []
    tablets = []
    for name, size in zip(fx["tablets"], (PORTRAIT, LANDSCAPE)):
        page = login(browser, live, name, fx["tablet_password"], viewport=size)
        # After logging in, a delegate lands on the tablet of their current session.
        assert page.url.endswith(f"/screens/sessions/{fx['session']}/tablet/"), page.url
        opened(page, page.url, errors)
        tablets.append(page)
    console = login(browser, live, fx["secretariat"], fx["secretariat_password"], viewport=CONSOLE)
    opened(console, f"{base}/console/", errors)
    display = console.context.new_page()
    display.set_viewport_size(HALL)
    opened(display, f"{base}/display/", errors)
    public = browser.new_context(locale="vi-VN", viewport=PHONE).new_page()
    opened(public, f"{live.url}/public/sessions/{fx['session']}/", errors)
    yield {"fx": fx, "tablets": tablets, "console": console, "display": display, "public": public, "errors": errors}
    assert errors == []


def test_tablet_header_is_one_line_and_checks_in(hall):
    for page in hall["tablets"]:
        bar = page.locator(".tablet-bar").bounding_box()
        assert bar["height"] < 70, bar  # one line, also at 800 px
        page.click("#check-in")
        page.wait_for_selector("#checked-in", timeout=TIMEOUT)
    accessible(hall["tablets"][0], "live-tablet-portrait")
    accessible(hall["tablets"][1], "live-tablet-landscape")


def test_question_typed_during_a_live_question_keeps_every_character(live, hall):
    assert len(QUESTION) == 60
    step(live, "floor", "--question", str(hall["fx"]["question"]))
    for page in hall["tablets"]:
        page.wait_for_selector("nt-question-floor .clock-value", timeout=TIMEOUT)
        page.wait_for_selector("#q-text", timeout=TIMEOUT)
        renders = page.evaluate("document.querySelector('nt-question-form').renders")
        page.click("#q-text")
        page.keyboard.type(QUESTION, delay=40)  # 2.4 s: the clock ticks ten times meanwhile
        assert page.input_value("#q-text") == QUESTION
        assert page.evaluate("document.activeElement.id") == "q-text"
        # The ticking clock redraws the clock, never the form being typed into.
        assert page.evaluate("document.querySelector('nt-question-form').renders") == renders
    accessible(hall["tablets"][0], "live-tablet-question-typing")
    accessible(hall["display"], "live-hall-question")


def test_console_close_in_view_and_cancel_asks_first(live, hall):
    console, tablets = hall["console"], hall["tablets"]
    made = step(live, "poll", "--count", "2")
    console.wait_for_selector("#strip-close", timeout=TIMEOUT)
    for tablet in tablets:  # the progress reached the tablets, their question draft is still there
        tablet.wait_for_selector('button[data-choice="yes"]', timeout=TIMEOUT)
        assert tablet.input_value("#q-text") == QUESTION
    box = console.locator("#strip-close").bounding_box()
    assert console.evaluate("window.scrollY") == 0 and box["y"] >= 0 and box["y"] + box["height"] <= CONSOLE["height"]
    # Scrolled down to the setup panels (the polls tab), the pinned strip keeps Close in view.
    console_tab(console, "polls")
    console.mouse.wheel(0, 1500)
    console.wait_for_function("() => window.scrollY > 0")  # a function: a bare expression needs eval (CSP)
    box = console.locator("#strip-close").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= CONSOLE["height"]
    console.evaluate("window.scrollTo(0, 0)")
    accessible(console, "live-console-vote")
    # The chair's script calls the vote with its rule and present/total.
    chair = console.context.new_page()
    chair.set_viewport_size(CONSOLE)
    opened(chair, console.url.replace("/console/", "/chair/"), hall["errors"])
    line = chair.wait_for_selector(".chair-lines li.line-say", timeout=TIMEOUT).inner_text()
    assert line.startswith(f"Bây giờ, Hội đồng nhân dân biểu quyết: {made['title']}. Hiện có ")
    assert "đại biểu có mặt; nội dung được thông qua khi có quá 1/2 tổng số đại biểu tán thành." in line
    accessible(chair, "live-chair-vote")
    hall["chair"] = chair

    console.click("#strip-cancel")
    console.wait_for_selector('[data-confirm^="poll-cancel"]', timeout=TIMEOUT)
    assert api_get(console, f"/api/polls/{made['poll']}/")["status"] == "open"  # asking changed nothing
    console.click("#confirm-yes")  # no reason: refused
    console.wait_for_selector('[data-confirm^="poll-cancel"] .form-error:not([hidden])', timeout=TIMEOUT)
    accessible(console, "live-console-cancel-confirm")
    console.click("#confirm-no")
    assert console.locator("[data-confirm]").count() == 0
    assert api_get(console, f"/api/polls/{made['poll']}/")["status"] == "open"

    # The vote goes on: one tablet votes, the secretariat closes and publishes.
    tablets[0].click('button[data-choice="yes"]')
    tablets[0].click("#confirm-send")
    tablets[0].wait_for_selector("#voted", timeout=TIMEOUT)
    console.click("#strip-close")
    console.wait_for_selector("#strip-publish", timeout=TIMEOUT)
    console.wait_for_selector(f'#console-msg:has-text("Đã kết thúc biểu quyết “{made["title"]}”.")', timeout=TIMEOUT)
    console.click("#strip-publish")
    console.wait_for_selector(f'#console-msg:has-text("Đã công bố kết quả “{made["title"]}”.")', timeout=TIMEOUT)
    announced = hall["chair"].wait_for_selector('.chair-lines li:has-text("công bố kết quả")', timeout=TIMEOUT)
    assert (
        "Kết quả: được thông qua." in announced.inner_text()
        or "Kết quả: không được thông qua." in announced.inner_text()
    )
    shot(hall["chair"], "live-chair-result")


def test_hall_type_is_readable_from_the_back_row(hall):
    display = hall["display"]
    display.wait_for_selector(".result-table", timeout=TIMEOUT)
    size = display.evaluate("""() => Object.fromEntries(
        [".statement", ".result-table td", ".verdict", ".item-now", ".poll-title"].map(
          (s) => [s, parseFloat(getComputedStyle(document.querySelector(s)).fontSize)]))""")
    assert size[".statement"] >= 40 and size[".result-table td"] >= 40 and size[".verdict"] >= 40, size
    assert size[".item-now"] > max(size[".statement"], size[".result-table td"]), size
    assert display.locator("#conn").is_hidden()  # no "Trực tuyến" badge on a screen that is live
    # Everything on one screen: the hall cannot scroll (the floor beside the result when both are on).
    assert display.evaluate("document.documentElement.scrollHeight") <= HALL["height"]
    accessible(display, "live-hall-result")


def test_console_shows_holds_and_clears_the_hall(hall):
    console, display = hall["console"], hall["display"]
    console.click('[data-display="blank"]')
    display.wait_for_selector('body[data-display="blank"]', timeout=TIMEOUT)
    assert display.locator("#item-now, .result-table").count() == 0
    shot(display, "live-hall-blank")
    console.click('[data-display="item"]')
    display.wait_for_selector("#item-now", timeout=TIMEOUT)
    assert display.locator(".result-table").count() == 0
    console.click('[data-display="hold"]')
    display.wait_for_selector(".result-table", timeout=TIMEOUT)
    console.wait_for_selector('[data-display="hold"][aria-pressed="true"]', timeout=TIMEOUT)
    console.wait_for_selector('#console-msg:has-text("Màn hình hội trường: Giữ kết quả đang chiếu.")', timeout=TIMEOUT)
    console.click('[data-display="live"]')
    display.wait_for_selector('body[data-display="live"]', timeout=TIMEOUT)


def test_display_only_link(browser, hall):
    """The hall PC gets a link that shows the hall display and nothing else; the console can revoke it."""
    console = hall["console"]
    console.click("#display-link")
    url = console.wait_for_selector("#display-link-url", timeout=TIMEOUT).input_value()
    assert "/screens/display/" in url
    screen = browser.new_context(locale="vi-VN", viewport=HALL).new_page()  # no login
    errors: list[str] = []
    opened(screen, url, errors)
    screen.wait_for_selector("#item-now", timeout=TIMEOUT)
    refused = screen.evaluate("window.ntStream.command('display.set', {mode: 'blank'}).catch((e) => e.code)")
    assert refused == "stream.read_only"
    accessible(screen, "live-hall-display-only")
    assert errors == []
    assert screen.goto(url.replace("/screens/display/", "/screens/sessions/0/console/#")).url.count("/login/") == 1
    console.click("#display-unlink")
    console.wait_for_selector('#console-msg:has-text("Đã thu hồi liên kết trình chiếu.")', timeout=TIMEOUT)
    assert screen.goto(url).status == 404
    screen.context.close()


def test_cancelling_a_vote_with_a_reason(live, hall):
    console = hall["console"]
    made = step(live, "poll")
    console.wait_for_selector("#strip-cancel", timeout=TIMEOUT)
    console.click("#strip-cancel")
    console.fill("#confirm-reason", "Nhầm nội dung biểu quyết")
    console.click("#confirm-yes")
    console.wait_for_selector(f'#console-msg:has-text("Đã hủy biểu quyết “{made["title"]}”.")', timeout=TIMEOUT)
    assert api_get(console, f"/api/polls/{made['poll']}/")["status"] == "cancelled"


def test_public_page_on_a_phone(hall):
    public = hall["public"]
    public.wait_for_selector("nt-results .result-table", timeout=TIMEOUT)
    assert public.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert public.locator("#conn").is_hidden()
    assert public.locator("nt-results > ol > li").count() == 1  # the published result; not the cancelled vote
    accessible(public, "live-public-phone")

"""The screens the sitting test does not open: log-in, QR card printing, the tablet check-in page, the print
views (attendance sheet, result sheet in the official wording, draft minutes) and a published resolution's
page. Each is screenshotted (tests/artifacts/) and checked by axe for serious or critical violations."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS, axe_violations, login, shot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def printables(live):
    return live.scenario("printables")


def accessible(page, name: str) -> None:
    shot(page, name)
    assert axe_violations(page) == [], name


def test_login_page(live, browser):
    page = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 800}).new_page()
    page.goto(f"{live.url}/login/")
    assert page.locator("label[for=id_username]").count() == 1
    accessible(page, "login")
    page.fill("input[name=username]", live.fixture["secretariat"])
    page.fill("input[name=password]", "sai-mat-khau")
    page.click("main button[type=submit]")
    page.wait_for_selector(".errorlist, .error", timeout=10_000)
    accessible(page, "login-refused")
    page.context.close()


def test_qr_cards_are_printed_for_every_delegate(live, browser, printables):
    console = login(
        browser,
        live,
        live.fixture["secretariat"],
        live.fixture["secretariat_password"],
        viewport={"width": 1280, "height": 900},
    )
    console.goto(f"{live.url}/sessions/{printables['planned_session']}/qr-cards/")
    accessible(console, "qr-cards-form")
    console.click("main form button[type=submit]")
    console.wait_for_selector("article.card svg", timeout=15_000)
    assert console.locator("article.card").count() == 50
    accessible(console, "qr-cards")
    # Printed: six cards in official form on each A4 page (Decree 30/2020 header on every card).
    import io

    from pypdf import PdfReader

    pages = [p.extract_text() for p in PdfReader(io.BytesIO(console.pdf(format="A4"))).pages]
    pages = ["".join(text.split()) for text in pages]  # the PDF's text comes with spaces inside words
    assert [text.count("THẺĐĂNGNHẬPBẰNGMÃQR") for text in pages] == [6] * 8 + [2]
    for line in ("CỘNGHÒAXÃHỘICHỦNGHĨAVIỆTNAM", "Độclập-Tựdo-Hạnhphúc", "SôngLam,ngày"):
        assert [text.count(line) for text in pages] == [6] * 8 + [2], line
    console.emulate_media(media="print")
    console.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    console.screenshot(path=str(ARTIFACTS / "qr-cards-print.png"))
    console.context.close()


def test_tablet_check_in_page(live, browser, printables):
    tablet = login(
        browser,
        live,
        live.fixture["tablets"][0],
        live.fixture["tablet_password"],
        viewport={"width": 800, "height": 1280},
    )
    tablet.goto(f"{live.url}/sittings/{printables['planned_sitting']}/check-in/")
    accessible(tablet, "check-in")
    tablet.context.close()


@pytest.mark.parametrize(
    ("path", "name", "expected"),
    [
        ("print/sittings/{past_sitting}/attendance/", "print-attendance", "có mặt"),
        ("print/sessions/{past_session}/results/", "print-results", "tổng số đại biểu"),
        ("print/sessions/{past_session}/minutes/", "print-minutes", "BIÊN BẢN"),
    ],
)
def test_print_views(live, browser, printables, path, name, expected):
    page = login(
        browser,
        live,
        live.fixture["secretariat"],
        live.fixture["secretariat_password"],
        viewport={"width": 1240, "height": 1754},
    )
    page.goto(f"{live.url}/{path.format(**printables)}")
    assert expected.lower() in page.inner_text("main").lower()
    accessible(page, name)
    page.context.close()


def test_published_resolution_page(live, browser, printables):
    page = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{live.url}/public/resolutions/{printables['resolution']}/")
    assert page.locator("svg").count() >= 1  # the QR code of its permanent URL
    accessible(page, "public-resolution")
    page.context.close()


def test_published_resolution_page_fits_a_phone(live, browser, printables):
    page = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}).new_page()
    page.goto(f"{live.url}/public/resolutions/{printables['resolution']}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    accessible(page, "public-resolution-phone")
    page.context.close()

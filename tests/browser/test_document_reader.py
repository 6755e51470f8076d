"""The tablet's in-app document reader (vendored pdf.js, no browser viewer): a delegate opens a two-page PDF of
the item under way (``scenario reader_session``), sees page 1 drawn, goes to page 2, writes a private note; after
a reload the note (kept on the device only) and the page are still there. No script errors, axe clean."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_violations, login, shot

pytestmark = pytest.mark.browser

TIMEOUT = 20_000
NOTE = "Hỏi thêm về nguồn vốn đối ứng của dự án đường ven sông."


def painted(page) -> bool:
    """Whether the page canvas holds drawn pixels (not only the white background)."""
    return page.evaluate(
        """() => {
          const c = document.querySelector('canvas.pdf-page');
          if (!c || !c.width) return false;
          const d = c.getContext('2d').getImageData(0, 0, c.width, Math.min(c.height, 200)).data;
          for (let i = 0; i < d.length; i += 4) if (d[i] < 128 && d[i + 3] > 0) return true;
          return false;
        }"""
    )


def test_reader_draws_pages_with_pdfjs_and_keeps_private_notes(live, browser):
    fx = live.scenario("reader_session")
    page = login(browser, live, fx["delegate"], fx["delegate_password"], viewport={"width": 800, "height": 1280})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(f"{live.url}/screens/sessions/{fx['session']}/tablet/")
    page.click(f'button[data-doc="{fx["document"]}"]', timeout=TIMEOUT)
    page.wait_for_selector('canvas.pdf-page[data-page="1"]', timeout=TIMEOUT)
    assert page.inner_text("#pdf-status") == "Trang 1/2"
    assert painted(page), "page 1 is drawn on the canvas"
    assert page.locator("nt-reader iframe").count() == 0, "no browser PDF viewer"
    assert page.is_disabled("#pdf-prev") and page.is_enabled("#pdf-next")
    shot(page, "tablet-reader-800x1280")

    page.click("#pdf-next")
    page.wait_for_selector('canvas.pdf-page[data-page="2"]', timeout=TIMEOUT)
    assert page.inner_text("#pdf-status") == "Trang 2/2" and page.is_disabled("#pdf-next")
    assert painted(page)
    page.fill("#doc-note", NOTE)
    found = axe_violations(page)
    assert found == [], found

    page.reload()
    page.click(f'button[data-doc="{fx["document"]}"]', timeout=TIMEOUT)
    page.wait_for_selector('canvas.pdf-page[data-page="2"]', timeout=TIMEOUT)  # the page the delegate was on
    assert page.input_value("#doc-note") == NOTE
    stored = page.evaluate("() => Object.keys(localStorage).filter((k) => k.startsWith('nt-note-'))")
    assert len(stored) == 1, "the note is kept on this device, per person and document"
    page.click("#reader-close")
    assert page.is_hidden("nt-reader")
    assert errors == []
    page.context.close()

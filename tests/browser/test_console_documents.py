"""Documents of an agenda item from the secretariat console, in a session of its own (``scenario
documents_session``): uploading a PDF (listed live from the stream's documents), adding a second version, and
the server's refusal of a text file named .pdf shown next to the form (checked by content, not by name). The
REST API then holds exactly one document with two versions. Screenshotted and checked by axe."""

from __future__ import annotations

import pytest

from tests.browser.conftest import api_get, axe_violations, console_open, console_tab, shot

pytestmark = pytest.mark.browser

TIMEOUT = 15_000
TITLE = "Tờ trình về kế hoạch đầu tư công năm 2027"
PDF_1 = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PDF_2 = b"%PDF-1.7\n% second version\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
FAKE = "Đây không phải là tệp PDF, chỉ là văn bản đổi tên.\n".encode()


def pdf(name: str, data: bytes) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": data}


@pytest.fixture(scope="module")
def console(live, browser):
    fx = live.scenario("documents_session")
    page, errors = console_open(browser, live, fx)
    page.wait_for_selector(f'#doc-item option[value="{fx["item"]}"]', state="attached", timeout=TIMEOUT)
    yield page, fx
    assert errors == []
    page.context.close()


def test_upload_version_and_refusal(console):
    page, fx = console
    console_tab(page, "documents")
    page.click("#documents-setup-box > summary")
    group = f'#documents-list li.doc-group[data-item="{fx["item"]}"]'
    assert "Chưa có tài liệu." in page.inner_text(group)

    # "Thêm tài liệu" of the item chooses it in the upload form.
    page.select_option("#doc-item", "")
    page.click(f'{group} button[aria-label^="Thêm tài liệu"]')
    assert page.input_value("#doc-item") == str(fx["item"])
    page.fill("#doc-title", TITLE)
    page.select_option("#doc-kind", "submission")
    page.set_input_files("#doc-file", files=[pdf("to-trinh.pdf", PDF_1)])
    page.click("#doc-submit")
    row = f'{group} .docs li:has-text("{TITLE}")'
    page.wait_for_selector(row, timeout=TIMEOUT)
    text = page.inner_text(row)
    assert "Tờ trình" in text and "Không công khai" in text and "1 phiên bản" in text
    document = int(page.get_attribute(row, "data-document"))
    assert page.get_attribute(f"{row} a", "href") == f"/api/documents/{document}/file"
    assert page.is_hidden("#doc-form .form-error")
    page.wait_for_selector('#console-msg:has-text("Đã tải lên tài liệu")', timeout=TIMEOUT)

    # A second version of the same document.
    page.click(f'button[data-version-for="{document}"]')
    assert page.is_visible("#version-form") and TITLE in page.inner_text("#version-form-h")
    page.set_input_files("#version-file", files=[pdf("to-trinh-sua.pdf", PDF_2)])
    page.click("#version-submit")
    page.wait_for_selector(f'{row}:has-text("2 phiên bản")', timeout=TIMEOUT)
    page.wait_for_selector("#version-form", state="hidden", timeout=TIMEOUT)  # the stream may list it first

    # A text file named .pdf: refused by content, the server's message and code next to each form.
    page.fill("#doc-title", "Báo cáo giả")
    page.set_input_files("#doc-file", files=[pdf("bao-cao.pdf", FAKE)])
    page.click("#doc-submit")
    error = page.wait_for_selector("#doc-form .form-error:not([hidden])", timeout=TIMEOUT)
    assert "Tệp không phải PDF" in error.inner_text() and "document.type_not_allowed" not in error.inner_text()
    page.click(f'button[data-version-for="{document}"]')
    page.set_input_files("#version-file", files=[pdf("to-trinh-v3.pdf", FAKE)])
    page.click("#version-submit")
    error = page.wait_for_selector("#version-form .form-error:not([hidden])", timeout=TIMEOUT)
    assert "Tệp không phải PDF" in error.inner_text() and "document.type_not_allowed" not in error.inner_text()
    assert "2 phiên bản" in page.inner_text(row)

    # Server side: exactly one document with two PDF versions; the link serves the latest.
    rows = api_get(page, f"/api/documents/?item={fx['item']}&page_size=100")
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert [(d["id"], d["title"], d["kind"], d["is_public"]) for d in rows] == [(document, TITLE, "submission", False)]
    assert [(v["number"], v["content_type"], v["size"]) for v in rows[0]["versions"]] == [
        (1, "application/pdf", len(PDF_1)),
        (2, "application/pdf", len(PDF_2)),
    ]
    latest = page.evaluate(
        "async (url) => { const r = await fetch(url); return [r.status, await r.text()]; }",
        f"/api/documents/{document}/file",
    )
    assert latest == [200, PDF_2.decode()]

    shot(page, "console-documents")
    assert axe_violations(page) == []

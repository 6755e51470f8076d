"""More of the secretariat console's setup, in a fresh session of its own (``scenario console_session``):
editing a document's title, kind and public flag; deleting an agenda item after a confirmation, and the server's
refusal (an item with a document) shown in that confirmation; a delegate or an official as an item's presenter;
question slips grouped into a topic with its respondents and reordered. Screenshotted and checked by axe."""

from __future__ import annotations

import pytest

from tests.browser.conftest import api_get, axe_violations, console_open, console_tab, shot

pytestmark = pytest.mark.browser

TIMEOUT = 15_000
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def get(page, url: str):
    data = api_get(page, url)
    return data["results"] if isinstance(data, dict) and "results" in data else data


@pytest.fixture(scope="module")
def console(live, browser):
    fx = live.scenario("console_session")
    page, errors = console_open(browser, live, fx)
    page.wait_for_selector(f'#doc-item option[value="{fx["election_item"]}"]', state="attached", timeout=TIMEOUT)
    yield page, fx
    assert errors == []
    page.context.close()


def items(page, fx) -> list[dict]:
    return get(page, f"/api/agenda-items/?session={fx['session']}&page_size=100")


def test_document_edit(console):
    page, fx = console
    console_tab(page, "documents")
    page.click("#documents-setup-box > summary")
    page.select_option("#doc-item", str(fx["election_item"]))
    page.fill("#doc-title", "Danh sách ứng cử viên")
    page.set_input_files("#doc-file", files=[{"name": "ds.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.click("#doc-submit")
    row = '#documents-list .docs li:has-text("Danh sách ứng cử viên")'
    page.wait_for_selector(row, timeout=TIMEOUT)
    document = int(page.get_attribute(row, "data-document"))

    page.click(f'button[data-edit-doc="{document}"]')
    assert page.is_visible("#doc-edit-form")
    page.wait_for_function(
        "() => document.getElementById('doc-edit-title').value === 'Danh sách ứng cử viên'", timeout=TIMEOUT
    )
    # An empty title (spaces): the server's refusal next to the form.
    page.fill("#doc-edit-title", "   ")
    page.click("#doc-edit-submit")
    error = page.wait_for_selector("#doc-edit-form .form-error:not([hidden])", timeout=TIMEOUT)
    assert error.inner_text() == "Dữ liệu gửi lên không hợp lệ."  # in words, no raw code
    page.fill("#doc-edit-title", "Tờ trình về nhân sự bầu Phó Chủ tịch")
    page.select_option("#doc-edit-kind", "submission")
    page.check("#doc-edit-public")
    page.click("#doc-edit-submit")
    row = f'#documents-list li[data-document="{document}"]'
    page.wait_for_selector(f'{row}:has-text("Tờ trình về nhân sự bầu Phó Chủ tịch")', timeout=TIMEOUT)
    page.wait_for_selector("#doc-edit-form", state="hidden", timeout=TIMEOUT)
    # The list shows the effective visibility: the session itself is not public, so the document is not either.
    assert "Tờ trình" in page.inner_text(row)
    page.click(f'button[data-edit-doc="{document}"]')
    page.wait_for_function("() => document.getElementById('doc-edit-public').checked", timeout=TIMEOUT)
    assert page.input_value("#doc-edit-kind") == "submission"
    page.click("#doc-edit-cancel")
    doc = get(page, f"/api/documents/{document}/")
    assert (doc["title"], doc["kind"], doc["is_public"]) == ("Tờ trình về nhân sự bầu Phó Chủ tịch", "submission", True)


def test_item_delete_and_refusal(console):
    page, fx = console
    console_tab(page, "agenda")
    page.click("#agenda-setup-box > summary")
    page.fill("#item-title", "Mục tạm sẽ xóa")
    page.click("#item-submit")
    page.wait_for_selector('#nav li:has-text("Mục tạm sẽ xóa")', timeout=TIMEOUT)
    item = next(i for i in items(page, fx) if i["title"] == "Mục tạm sẽ xóa")

    # The first click only asks; cancelling keeps the item.
    page.click(f'button[data-delete-item="{item["id"]}"]')
    confirm = f'.delete-confirm[data-delete-for="{item["id"]}"]'
    assert "Không thể hoàn tác" in page.inner_text(confirm)
    page.click(f'{confirm} button[aria-label^="Hủy"]')
    assert page.query_selector(confirm) is None
    page.click(f'button[data-delete-item="{item["id"]}"]')
    page.click(f'button[data-delete-yes="{item["id"]}"]')
    page.wait_for_selector('#nav li:has-text("Mục tạm sẽ xóa")', state="detached", timeout=TIMEOUT)
    page.wait_for_selector('#console-msg:has-text("Đã xóa mục")', timeout=TIMEOUT)
    assert all(i["id"] != item["id"] for i in items(page, fx))

    # The election item has a document (test above): refused, the message and code in the confirmation.
    election = fx["election_item"]
    page.click(f'button[data-delete-item="{election}"]')
    page.click(f'button[data-delete-yes="{election}"]')
    error = page.wait_for_selector(f'.delete-confirm[data-delete-for="{election}"] .form-error', timeout=TIMEOUT)
    assert "Chỉ xóa được mục chưa thực hiện" in error.inner_text() and "(agenda.not_removable)" in error.inner_text()
    assert any(i["id"] == election for i in items(page, fx))
    page.click(f'.delete-confirm[data-delete-for="{election}"] button[aria-label^="Hủy"]')


def test_item_presenter_delegate_or_official(console):
    page, fx = console
    console_tab(page, "agenda")
    if not page.is_visible("#item-form"):
        page.click("#agenda-setup-box > summary")
    page.fill("#item-title", "Báo cáo của Ủy ban nhân dân xã")
    page.select_option("#item-sitting", str(fx["sittings"][0]))
    official = f'#item-presenter-pick option:has-text("{fx["official"]}")'
    page.wait_for_selector(official, state="attached", timeout=TIMEOUT)
    page.select_option("#item-presenter-pick", page.get_attribute(official, "value"))
    assert page.is_disabled("#item-presenter")
    page.click("#item-submit")
    title = "Báo cáo của Ủy ban nhân dân xã"
    page.wait_for_selector(f'#nav li:has-text("{title}")', timeout=TIMEOUT)
    rows = items(page, fx)
    assert any(i["title"] == title for i in rows), rows
    item = next(i for i in rows if i["title"] == title)
    assert item["presenter_official"] is not None and item["presenter_person"] is None and item["presenter_name"] == ""

    # Editing: the official is chosen in the form; change to a delegate.
    page.click(f'button[aria-label^="Sửa"][aria-label$="{title}"]')
    assert page.input_value("#item-presenter-pick") == f"official:{item['presenter_official']}"
    delegate = "#item-presenter-pick option[value^='person:']"
    page.wait_for_selector(delegate, state="attached", timeout=TIMEOUT)
    value = page.get_attribute(delegate, "value")
    page.select_option("#item-presenter-pick", value)
    page.click("#item-submit")
    page.wait_for_function("() => document.getElementById('item-cancel').hidden", timeout=TIMEOUT)
    item = next(i for i in items(page, fx) if i["title"] == title)
    assert item["presenter_person"] == int(value.split(":")[1]) and item["presenter_official"] is None

    # Back to an agency typed in (once the live state has the delegate).
    page.wait_for_function(
        "id => (window.ntStream.state.agenda.items[String(id)].presenter || {}).kind === 'delegate'",
        arg=item["id"],
        timeout=TIMEOUT,
    )
    page.click(f'button[aria-label^="Sửa"][aria-label$="{title}"]')
    assert page.input_value("#item-presenter-pick") == value
    page.select_option("#item-presenter-pick", "")
    page.fill("#item-presenter", "Văn phòng HĐND và UBND xã")
    page.click("#item-submit")
    page.wait_for_function("() => document.getElementById('item-cancel').hidden", timeout=TIMEOUT)
    item = next(i for i in items(page, fx) if i["title"] == title)
    assert (item["presenter_person"], item["presenter_official"], item["presenter_name"]) == (
        None,
        None,
        "Văn phòng HĐND và UBND xã",
    )


def test_topic_with_respondents_and_order(console):
    page, fx = console
    console_tab(page, "questioning")
    page.click("#questioning-setup-box > summary")
    page.wait_for_selector(
        f'#respondent-official option:has-text("{fx["official"]}")', state="attached", timeout=TIMEOUT
    )
    page.select_option(
        "#respondent-official", label=page.inner_text(f'#respondent-official option:has-text("{fx["official"]}")')
    )
    page.click("#respondent-form button[type=submit]")
    page.wait_for_selector(f'#respondents-now:has-text("{fx["official"]}")', timeout=TIMEOUT)
    page.wait_for_selector("#slip-respondent option:nth-child(2)", state="attached", timeout=TIMEOUT)
    page.wait_for_selector("#slip-asker option:nth-child(3)", state="attached", timeout=TIMEOUT)
    texts = ["Khi nào sửa xong đường liên thôn?", "Kế hoạch nạo vét kênh mương năm nay thế nào?"]
    for index, text in enumerate(texts, 1):
        page.select_option("#slip-asker", index=index)
        page.select_option("#slip-respondent", index=1)
        page.fill("#slip-text", text)
        page.click("#slip-form button[type=submit]")
        page.wait_for_selector(f'#questioning li:has-text("{text[:20]}")', timeout=TIMEOUT)

    page.fill("#topic-title", "Giao thông và thủy lợi")
    page.check("#topic-respondents input[type=checkbox] >> nth=0")
    page.click("#topic-submit")
    topic_li = '#topics-list li.topic:has-text("Giao thông và thủy lợi")'
    page.wait_for_selector(topic_li, timeout=TIMEOUT)
    assert fx["official"] in page.inner_text(topic_li)
    assert page.is_hidden("#topic-form .form-error")
    topic = int(page.get_attribute(topic_li, "data-topic-id"))

    for text in texts:
        option = f'#topic-slip-{topic} option:has-text("{text[:20]}")'
        page.wait_for_selector(option, state="attached", timeout=TIMEOUT)
        page.select_option(f"#topic-slip-{topic}", page.get_attribute(option, "value"))
        page.click(f"#topic-slip-add-{topic}")
        page.wait_for_selector(f'{topic_li} .topic-slips li:has-text("{text[:20]}")', timeout=TIMEOUT)
    order = lambda: page.eval_on_selector_all(
        f"{topic_li} .topic-slips li", "ls => ls.map(l => Number(l.dataset.question))"
    )
    first, second = order()
    page.click(f'{topic_li} .topic-slips li[data-question="{first}"] button[aria-label^="Xuống"]')
    page.wait_for_function(
        f"() => document.querySelector('#topics-list li.topic[data-topic-id=\"{topic}\"] .topic-slips li').dataset.question === '{second}'",
        timeout=TIMEOUT,
    )
    rows = get(page, f"/api/questions/?session={fx['session']}&page_size=100")
    grouped = sorted((q for q in rows if q["topic"] == topic), key=lambda q: q["position"])
    assert [q["id"] for q in grouped] == [second, first] and all(q["status"] == "grouped" for q in grouped)
    topics = get(page, f"/api/question-topics/?session={fx['session']}")
    assert [(t["title"], len(t["respondents"])) for t in topics] == [("Giao thông và thủy lợi", 1)]


def test_console_more_accessible(console):
    page, _ = console
    for box in ("#agenda-setup-box", "#documents-setup-box", "#questioning-setup-box"):
        page.eval_on_selector(box, "d => { d.open = true; }")
    # The edit form of a document and a delete confirmation open, for the check (each on its tab).
    console_tab(page, "documents")
    page.click("button[data-edit-doc]")
    assert axe_violations(page) == []
    console_tab(page, "agenda")
    page.click("button[data-delete-item] >> nth=0")
    shot(page, "console-more")
    assert axe_violations(page) == []

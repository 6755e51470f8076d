"""Setting up a session from the secretariat console, in a session of its own (``scenario console_session``):
an election poll with candidates and a confidence poll with the council's officials from the poll form (and
the server's refusal shown next to the form), manual check-in by choosing a delegate from the list of those
not present, adding, editing, reordering and deferring an agenda item, registering a respondent and a
question slip. The console is screenshotted and checked by axe."""

from __future__ import annotations

import pytest

from tests.browser.conftest import api_get, axe_violations, console_open, console_tab, shot

pytestmark = pytest.mark.browser

TIMEOUT = 15_000


@pytest.fixture(scope="module")
def console(live, browser):
    fx = live.scenario("console_session")
    page, errors = console_open(browser, live, fx)
    assert errors == []
    page.wait_for_selector(f'#poll-item option[value="{fx["election_item"]}"]', state="attached", timeout=TIMEOUT)
    yield page, fx
    assert errors == []


def poll_by_title(page, session: int, title: str) -> dict:
    rows = api_get(page, f"/api/polls/?session={session}&page_size=100")["results"]
    return next(p for p in rows if p["title"] == title)


def test_election_and_confidence_polls(console):
    page, fx = console
    console_tab(page, "polls")
    # Only the rules the server accepts for the kind are offered; secret kinds are secret ballots.
    page.select_option("#poll-kind", "recall_delegate")
    assert page.eval_on_selector_all("#poll-rule option", "os => os.map(o => o.value)") == ["", "ge_two_thirds_total"]
    assert page.input_value("#poll-method") == "secret"
    page.select_option("#poll-kind", "dismissal")  # removing an official: more than half of the total
    assert page.eval_on_selector_all("#poll-rule option", "os => os.map(o => o.value)") == ["", "gt_half_total"]
    assert page.input_value("#poll-method") == "secret"
    assert page.is_disabled("#poll-counts")
    page.select_option("#poll-kind", "resolution")
    assert "gt_half_cast" not in page.eval_on_selector_all("#poll-rule option", "os => os.map(o => o.value)")

    # An election: candidates and seats, linked to the election item.
    title = "Bầu Phó Chủ tịch Ủy ban nhân dân xã nhiệm kỳ 2026-2031"
    page.select_option("#poll-kind", "election")
    assert page.is_visible("#poll-candidates-set") and not page.is_visible("#poll-options-set")
    page.fill("#poll-title", title)
    page.select_option("#poll-item", str(fx["election_item"]))
    names = ["Nguyễn Văn Một", "Trần Thị Hai"]
    for row, name in zip(page.query_selector_all("#poll-candidates .candidate-row"), names):
        row.query_selector(".cand-name").fill(name)
    # More seats than candidates: the server refuses with a stable code, shown next to the form.
    page.fill("#poll-seats", "3")
    page.click("#poll-submit")
    error = page.wait_for_selector("#poll-form .form-error:not([hidden])", timeout=TIMEOUT)
    assert "Thiết lập biểu quyết không hợp lệ" in error.inner_text() and "poll." not in error.inner_text()
    page.click("#candidate-add")
    page.locator("#poll-candidates .candidate-row").nth(2).locator(".cand-name").fill("Lê Văn Ba")
    page.fill("#poll-seats", "1")
    page.click("#poll-submit")
    page.wait_for_selector(f'#polls li:has-text("{title}")', timeout=TIMEOUT)
    assert page.is_hidden("#poll-form .form-error")
    poll = poll_by_title(page, fx["session"], title)
    assert poll["kind"] == "election" and poll["method"] == "secret" and poll["seats"] == 1
    assert poll["agenda_item"] == fx["election_item"]
    assert [c["name"] for c in poll["candidates"]] == [*names, "Lê Văn Ba"]

    # A confidence vote: one official chosen from the council's officials, one typed in.
    title = "Lấy phiếu tín nhiệm đối với người giữ chức vụ do HĐND bầu"
    page.select_option("#poll-kind", "confidence")
    assert page.is_visible("#official-picker")
    page.fill("#poll-title", title)
    page.select_option("#poll-item", "")
    page.wait_for_selector(f'#poll-official option:has-text("{fx["official"]}")', state="attached", timeout=TIMEOUT)
    page.select_option("#poll-official", label=page.inner_text(f'#poll-official option:has-text("{fx["official"]}")'))
    page.click("#official-add")
    assert page.input_value("#poll-candidates .candidate-row >> nth=0 >> .cand-name") == fx["official"]
    page.click("#candidate-add")
    last = page.locator("#poll-candidates .candidate-row").last
    last.locator(".cand-name").fill("Phạm Văn Bốn")
    last.locator(".cand-title").fill("Chủ tịch UBND xã")
    page.click("#poll-submit")
    # NQ 96/2023: a commune council (setting off by default) at a thematic session holds no confidence vote;
    # the form says why, in words, and nothing is created.
    error = page.locator("form:has(#poll-submit) .form-error")
    error.wait_for(state="visible", timeout=TIMEOUT)
    assert "Hội đồng nhân dân cấp tỉnh" in error.inner_text() and "poll." not in error.inner_text()
    assert not [
        p for p in api_get(page, f"/api/polls/?session={fx['session']}&page_size=100")["results"] if p["title"] == title
    ]


def test_check_in_from_the_list(console):
    page, fx = console
    console_tab(page, "attendance")
    page.wait_for_selector("#attendance-form .checklist input[data-person]", timeout=TIMEOUT)
    first = page.eval_on_selector(
        ".checklist input[data-person]", "i => ({value: i.dataset.person, name: i.labels[0].textContent})"
    )
    page.check(f'.checklist input[data-person="{first["value"]}"]')
    page.select_option("#att-status", "present")
    page.click("#att-mark")
    page.wait_for_selector('#attendance .big-line:has-text("1/")', timeout=TIMEOUT)
    page.wait_for_selector('#console-msg:has-text("Đã ghi “Có mặt” cho 1 đại biểu.")', timeout=TIMEOUT)
    page.wait_for_selector(f'.checklist li.att-present input[data-person="{first["value"]}"]', timeout=TIMEOUT)
    records = api_get(page, f"/api/sittings/{fx['sittings'][0]}/attendance/")["records"]
    assert [(r["person"], r["status"]) for r in records] == [(int(first["value"]), "present")]


def test_excused_in_bulk(console):
    """Everyone not present, recorded "vắng có lý do" with the reason in one step: exactly the delegates in force
    who are not present, none of those present. (The polls tab's counting-committee panel has a checklist of
    the same delegates: every selector here is scoped to the attendance list.)"""
    page, fx = console
    sitting = fx["sittings"][0]
    console_tab(page, "attendance")
    page.wait_for_selector("#att-list input[data-person]", timeout=TIMEOUT)
    session = api_get(page, f"/api/sessions/{fx['session']}/")
    council, day = session["council"], next(s["date"] for s in session["sittings"] if s["id"] == sitting)
    people = api_get(page, f"/api/people/?council={council}&on={day}&page_size=500")
    in_force = {p["id"] for p in people["results"]}
    present = {
        r["person"]
        for r in api_get(page, f"/api/sittings/{sitting}/attendance/")["records"]
        if r["status"] == "present"
    }
    assert people["next"] is None and present and present < in_force
    rows = page.eval_on_selector_all("#att-list input[data-person]", "ins => ins.map(i => Number(i.dataset.person))")
    assert sorted(rows) == sorted(in_force)  # every delegate in force, once
    absent = in_force - present
    assert page.inner_text("#att-all-absent").endswith(f"({len(absent)})")
    page.click("#att-all-absent")
    checked = page.eval_on_selector_all("#att-list input:checked", "ins => ins.map(i => Number(i.dataset.person))")
    assert sorted(checked) == sorted(absent)
    page.select_option("#att-status", "excused")
    page.fill("#att-note", "Đi công tác")
    page.click("#att-mark")
    page.wait_for_selector(
        f'#console-msg:has-text("Đã ghi “Vắng có lý do” cho {len(absent)} đại biểu.")', timeout=30_000
    )
    records = api_get(page, f"/api/sittings/{sitting}/attendance/")["records"]
    assert {r["person"] for r in records if r["status"] == "excused"} == absent
    assert {r["person"] for r in records if r["status"] == "present"} == present
    assert {r.get("note") for r in records if r["status"] == "excused"} == {"Đi công tác"}
    # The list shows it, and nothing stays chosen.
    page.wait_for_selector(f"#att-list li.att-excused >> nth={len(absent) - 1}", timeout=TIMEOUT)
    assert page.locator("#att-list li.att-excused").count() == len(absent)
    assert page.locator("#att-list input:checked").count() == 0


def test_agenda_item_add_edit_move_defer(console):
    page, fx = console
    console_tab(page, "agenda")
    page.click("#agenda-setup-box > summary")
    page.fill("#item-title", "Thảo luận về kế hoạch đầu tư công")
    page.select_option("#item-kind", "discussion")
    page.select_option("#item-sitting", str(fx["sittings"][0]))
    page.fill("#item-presenter", "Ban Kinh tế - Ngân sách")
    page.fill("#item-minutes", "45")
    page.click("#item-submit")
    row = '#nav li:has-text("Thảo luận về kế hoạch đầu tư công")'
    page.wait_for_selector(row, timeout=TIMEOUT)
    assert page.inner_text("#nav li >> nth=1").startswith("2.")

    page.click('button[aria-label^="Sửa"][aria-label$="Thảo luận về kế hoạch đầu tư công"]')
    assert (
        page.input_value("#item-presenter") == "Ban Kinh tế - Ngân sách" and page.input_value("#item-minutes") == "45"
    )
    page.fill("#item-title", "Thảo luận về kế hoạch đầu tư công trung hạn")
    page.click("#item-submit")
    title = "Thảo luận về kế hoạch đầu tư công trung hạn"
    page.wait_for_selector(f'#nav li:has-text("{title}")', timeout=TIMEOUT)

    page.click(f'button[aria-label^="Lên"][aria-label$="{title}"]')
    page.wait_for_selector(f'#nav li:first-child:has-text("{title}")', timeout=TIMEOUT)

    page.click(f'button[aria-label^="Hoãn"][aria-label$="{title}"]')
    page.click(f'button[data-defer-to="{fx["sittings"][1]}"]')
    page.wait_for_selector(f'#nav li.state-deferred:has-text("{title}")', timeout=TIMEOUT)
    items = api_get(page, f"/api/agenda-items/?session={fx['session']}&page_size=100")
    item = next(i for i in (items["results"] if isinstance(items, dict) else items) if i["title"] == title)
    assert item["state"] == "deferred" and item["sitting"] == fx["sittings"][1] and item["planned_minutes"] == 45


def test_respondent_and_question_slip(console):
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
    # Registering the same official again: the server's refusal next to the form.
    page.wait_for_selector("#slip-respondent option:nth-child(2)", state="attached", timeout=TIMEOUT)
    page.wait_for_selector("#slip-asker option:nth-child(2)", state="attached", timeout=TIMEOUT)
    page.select_option("#slip-asker", index=1)
    page.select_option("#slip-respondent", index=1)
    page.fill("#slip-text", "Tiến độ các dự án trọng điểm của tỉnh năm 2026 ra sao?")
    page.click("#slip-form button[type=submit]")
    page.wait_for_selector('#questioning li:has-text("Tiến độ các dự án trọng điểm")', timeout=TIMEOUT)
    assert fx["official"] in page.inner_text('#questioning li:has-text("Tiến độ các dự án trọng điểm")')


def test_console_setup_accessible(console):
    page, _ = console
    console_tab(page, "polls")
    for box in ("#agenda-setup-box", "#questioning-setup-box"):
        page.eval_on_selector(box, "d => { d.open = true; }")
    page.select_option("#poll-kind", "confidence")
    shot(page, "console-setup")
    assert axe_violations(page) == []
    page.select_option("#poll-kind", "resolution")
    shot(page, "console-setup-poll-form")
    assert axe_violations(page) == []

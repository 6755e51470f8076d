"""Naming the counting committee (Ban kiểm phiếu) of a draft secret poll from the console
(``console_committee.js``): head and members among the delegates of the sitting's day, the server's refusal
in words, the members' keys shown as their tablets make them, and a change after the keys asked to be
confirmed (the keys are discarded). Screenshotted and checked by axe."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS, axe_violations, console_open, console_tab, shot

pytestmark = pytest.mark.browser

TIMEOUT = 15_000


@pytest.fixture(scope="module")
def console(live, browser):
    fx = live.scenario("committee", "--choice", "setup")
    page, errors = console_open(browser, live, fx)
    console_tab(page, "polls")  # the committee panel sits with its poll, on the console's polls tab
    page.wait_for_selector(f"#committee-form-{fx['poll']}", timeout=TIMEOUT)
    yield page, fx, live
    assert errors == []
    page.context.close()


def test_name_the_committee_then_keys_then_change_it(console):
    page, fx, live = console
    poll, people = fx["poll"], fx["delegates"]
    panel = f"#committee-{poll}"
    assert "chưa chỉ định" in page.inner_text(f"{panel} > summary")

    # A head alone: refused by the server, in words, nothing stored.
    page.select_option(f"#committee-head-{poll}", str(people[0][0]))
    page.click(f"#committee-form-{poll} button[type=submit]")
    error = page.wait_for_selector(f"#committee-msg-{poll}.error", timeout=TIMEOUT)
    assert error.inner_text() == "Ban kiểm phiếu không hợp lệ: cần một Trưởng ban và từ 1 đến 14 thành viên."
    assert live.scenario("committee", "--choice", "state", "--poll", str(poll))["committee"] == []

    # Head and two members.
    for person, _ in people[1:3]:
        page.check(f"#committee-m-{poll}-{person}")
    page.click(f"#committee-form-{poll} button[type=submit]")
    page.wait_for_selector(f"{panel} .committee-list li:nth-child(3)", timeout=TIMEOUT)
    lines = page.locator(f"{panel} .committee-list li").all_inner_texts()
    assert lines[0].startswith(f"{people[0][1]} — Trưởng ban") and "chưa tạo khóa" in lines[0]
    assert [line.split(" — ")[1].split(" · ")[0] for line in lines] == ["Trưởng ban", "Thành viên", "Thành viên"]
    # The stream may redraw the list before the POST's reply: the refusal above is gone, the reply's words follow.
    page.wait_for_selector(f"#committee-msg-{poll}:not(.error):has-text('Đã chỉ định Ban kiểm phiếu')", timeout=TIMEOUT)
    stored = live.scenario("committee", "--choice", "state", "--poll", str(poll))["committee"]
    assert stored == [
        [1, people[0][0], "head", False],
        [2, people[1][0], "member", False],
        [3, people[2][0], "member", False],
    ]

    # The members' tablets make their keys: the console shows it live.
    live.scenario("committee", "--choice", "keys", "--poll", str(poll))
    page.wait_for_function(
        f"() => document.querySelectorAll('#committee-{poll} .committee-list .ok-line').length === 3", timeout=TIMEOUT
    )

    # Changing it now asks for a confirmation (the keys are discarded); declined, nothing changes.
    assert page.get_attribute(panel, "open") is None  # every key in: the panel folds
    page.click(f"{panel} > summary")
    shot(page, "console-committee")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator(f"#polls li:has({panel})").screenshot(path=str(ARTIFACTS / "console-committee-panel.png"))
    assert axe_violations(page) == []
    dialogs = []
    page.once("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.select_option(f"#committee-head-{poll}", str(people[3][0]))
    page.click(f"#committee-form-{poll} button[type=submit]")
    page.wait_for_selector(f"#committee-msg-{poll}.error:has-text('hủy các khóa')", timeout=TIMEOUT)
    assert dialogs and "Đã có 3 thành viên Ban kiểm phiếu tạo khóa" in dialogs[0]
    assert live.scenario("committee", "--choice", "state", "--poll", str(poll))["committee"] == stored[:0] + [
        [1, people[0][0], "head", True],
        [2, people[1][0], "member", True],
        [3, people[2][0], "member", True],
    ]
    page.once("dialog", lambda d: d.accept())
    page.select_option(f"#committee-head-{poll}", str(people[3][0]))
    page.click(f"#committee-form-{poll} button[type=submit]")
    page.wait_for_function(
        f"() => (document.querySelector('#committee-{poll} .committee-list li') || {{}}).textContent?.includes('{people[3][1]}')",
        timeout=TIMEOUT,
    )
    after = live.scenario("committee", "--choice", "state", "--poll", str(poll))["committee"]
    assert after[0] == [1, people[3][0], "head", False] and not any(row[3] for row in after)

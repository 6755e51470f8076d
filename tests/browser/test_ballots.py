"""The secret ballots on the delegate tablet, in a session of its own of phường Cửa Lam (``scenario ballots``):
an election (three candidates, two seats: the tablet never lets a delegate choose a third) and a confidence
vote (a line per official, three levels). The counting committee (two of the tablets) make their key shares
and recovery cards on their tablets; three tablets check in, choose, confirm and send an *encrypted* ballot;
the secretariat closes; the hall display says whom the tally waits for; the two members decrypt on their
tablets; the secretariat publishes; the counts are those the tablets' choices imply, every tablet shows the
result, each tablet finds its receipt on the public board, and the stand-alone verifier recomputes the
counts from that board. Each ballot state is screenshotted at 1280×800 and 800×1280 and checked by axe."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest

from bench.session_load import ROOT
from tests.browser.conftest import api_get, axe_violations, console_open, login, shot

pytestmark = pytest.mark.browser

TIMEOUT = 15_000
LANDSCAPE = {"width": 1280, "height": 800}
PORTRAIT = {"width": 800, "height": 1280}
LEVELS = {"high": "Tín nhiệm cao", "normal": "Tín nhiệm", "low": "Tín nhiệm thấp"}
PASSPHRASE = "thẻ khôi phục kiểm phiếu 2026"


def step(live, *args: str) -> dict:
    return live.scenario("ballots", *args)


def poll_step(live, action: str, poll: int) -> dict:
    return step(live, "--choice", action, "--poll", str(poll))


def assert_accessible(page, name: str) -> None:
    shot(page, name)
    assert axe_violations(page) == [], name


def both_sizes(tablets, name: str) -> None:
    """Screenshot and check the first tablet (landscape) and the second (portrait) in the same state."""
    assert tablets[0].viewport_size == LANDSCAPE and tablets[1].viewport_size == PORTRAIT
    assert_accessible(tablets[0], f"{name}-landscape")
    assert_accessible(tablets[1], f"{name}-portrait")


def confirm_and_send(page, expected_summary: str) -> str:
    page.wait_for_selector("#confirm-send", timeout=TIMEOUT)
    assert expected_summary in page.inner_text(".confirm-q")
    page.click("#confirm-send")
    page.wait_for_selector("#voted .receipt", timeout=TIMEOUT)
    assert "Đại biểu đã biểu quyết" in page.inner_text("#voted")
    # A secret ballot's choice is never shown again once sent.
    assert page.locator("#voted .voted-choice").count() == 0
    return page.inner_text("#voted .receipt")


@pytest.fixture(scope="module")
def ballots(live, browser):
    fx = step(live, "--choice", "setup")
    base = f"{live.url}/screens/sessions/{fx['session']}"
    tablets, errors = [], []
    for name, size in zip(fx["tablets"], [LANDSCAPE, PORTRAIT, LANDSCAPE]):
        page = login(browser, live, name, fx["tablet_password"], viewport=size)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/tablet/")
        page.wait_for_selector(
            '#conn[data-status="live"]', state="attached", timeout=TIMEOUT
        )  # the tablet hides it while live
        page.click("#check-in")
        page.wait_for_selector("#checked-in", timeout=TIMEOUT)
        tablets.append(page)
    console, console_errors = console_open(browser, live, fx)  # the secretariat sees the committee and its keys
    members = f"#committee-{fx['election']} .committee-list li"
    console.wait_for_selector(members, state="attached", timeout=TIMEOUT)
    assert console.locator(members).count() == 2
    assert "chưa tạo khóa" in console.inner_text(f"#committee-{fx['election']}")
    for member in tablets[:2]:  # the counting committee's key ceremony, on the members' own tablets
        for poll in (fx["election"], fx["confidence"]):
            member.fill(f"#committee-key-{poll} input[name=passphrase]", PASSPHRASE)
            member.click(f"#committee-key-{poll} button[type=submit]")
            member.wait_for_selector(f"#committee-card-{poll}", timeout=TIMEOUT * 2)
    assert_accessible(tablets[0], "tablet-committee-card-landscape")
    # The recovery card prints as an official document (Decree 30/2020) with the member's signature block.
    with tablets[0].expect_popup() as popup:
        tablets[0].click(f"#committee-card-{fx['election']} button")
    card = popup.value
    card.wait_for_selector("svg", timeout=TIMEOUT)
    text = card.inner_text("body")
    for line in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "THẺ KHÔI PHỤC KHÓA",
        "TRƯỞNG BAN KIỂM PHIẾU",
        "(Ký, ghi rõ họ tên)",
        "HỘI ĐỒNG NHÂN DÂN",
        ", ngày ",
    ):
        assert line in text, line
    shot(card, "tablet-recovery-card")
    card.close()
    # A function, not an expression: Playwright evaluates a bare expression with eval, which the CSP forbids.
    console.wait_for_function(
        f"() => document.querySelector('#committee-{fx['election']}').textContent.split('✓').length === 3",
        timeout=TIMEOUT,
    )
    shot(console, "console-committee-keys-in")
    assert console_errors == []
    console.context.close()
    hall = login(browser, live, fx["secretariat"], fx["secretariat_password"], viewport=LANDSCAPE)
    hall.goto(f"{base}/display/")
    hall.wait_for_selector('#conn[data-status="live"]', state="attached", timeout=TIMEOUT)  # hidden while live
    yield {"fx": fx, "tablets": tablets, "hall": hall}
    hall.context.close()
    assert errors == []
    for page in tablets:
        page.context.close()


def published_on_tablets(live, ballots, poll: int, name: str, receipts_kept=(0, 1, 2)) -> dict:
    """Close through the services; the hall says the tally waits for the committee; the two members decrypt
    on their tablets; publish; every tablet shows the stored statement and finds its receipt on the board;
    the stand-alone verifier recomputes the counts from the public board."""
    tablets, hall = ballots["tablets"], ballots["hall"]
    closed = poll_step(live, "close", poll)
    assert closed["status"] == "closed" and closed["result"] is None
    hall.wait_for_selector(f"#tally-waiting-{poll}", timeout=TIMEOUT)
    waiting = hall.inner_text(f"#tally-waiting-{poll}")
    assert "Đang chờ Ban kiểm phiếu" in waiting
    shot(hall, f"hall-{name}-waiting-committee")
    for member in tablets[:2]:
        member.wait_for_selector(f"#committee-decrypt-{poll}", timeout=TIMEOUT)
        if member is tablets[0]:
            assert_accessible(member, f"tablet-{name}-committee-decrypt-landscape")
        member.fill(f"#committee-decrypt-{poll} input[name=passphrase]", PASSPHRASE)
        member.click(f"#committee-decrypt-{poll} button[type=submit]")
        member.wait_for_selector(f"#committee-decrypt-{poll}", state="detached", timeout=TIMEOUT * 2)
    counted = poll_step(live, "result", poll)
    assert counted["result"] is not None
    board = api_get(tablets[2], f"/api/polls/{poll}/board/")
    path = ROOT / "tests" / "artifacts" / f"board-{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(board))
    verified = subprocess.run(
        [sys.executable, "-m", "voting.crypto.verify", str(path)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert verified.returncode == 0, verified.stdout
    recomputed = {k: v for k, v in json.loads(verified.stdout)["counts"].items() if v}
    assert recomputed == counted["result"]["counts"]
    published = poll_step(live, "publish", poll)
    assert published["status"] == "published"
    statement = published["result"]["wording"]["statement"]["vi"]
    for page in tablets:
        page.wait_for_selector("#vote .statement", timeout=TIMEOUT)
        assert page.inner_text("#vote .statement") == statement
    verdict = published["result"]["wording"]["verdict"]["vi"]
    if verdict:
        assert tablets[0].inner_text("#vote .verdict") == verdict
    both_sizes(tablets, f"tablet-{name}-result")
    hall.wait_for_selector("#poll .statement", timeout=TIMEOUT)
    assert hall.inner_text("#poll .statement") == statement
    shot(hall, f"hall-{name}-result")
    for i in receipts_kept:  # each tablet still holding its receipt (in memory only) finds it on the public board
        tablets[i].wait_for_selector("#receipt-on-board", timeout=TIMEOUT)
    return published


def test_election_ballot(live, ballots):
    fx, tablets = ballots["fx"], ballots["tablets"]
    poll = fx["election"]
    opened = poll_step(live, "open", poll)
    assert opened["status"] == "open" and opened["eligible"] == 6  # three by hand, three tablets
    ids = opened["candidates"]
    a, b, c = (ids[n] for n in fx["candidates"])
    box = lambda cid: f"#cand-{poll}-{cid}"  # noqa: E731
    label = lambda cid: f'label[for="cand-{poll}-{cid}"]'  # noqa: E731
    for page in tablets:
        page.wait_for_selector(".ballot.election", timeout=TIMEOUT)
        assert f"{fx['seats']}" in page.inner_text(".ballot.election legend")
    both_sizes(tablets, "tablet-election-choose")

    # Up to N: with two chosen the third is disabled and cannot be ticked; untick one and it comes back.
    first = tablets[0]
    first.click(label(a))
    first.click(label(b))
    first.wait_for_selector(f"{box(c)}:disabled")
    assert first.is_checked(box(a)) and first.is_checked(box(b))
    first.click(label(c), force=True)  # a tap on the disabled line changes nothing
    assert not first.is_checked(box(c)) and first.locator(".ballot.election input:checked").count() == 2
    shot(first, "tablet-election-full-landscape")
    first.click(label(b))
    first.wait_for_selector(f"{box(c)}:enabled")
    first.click(label(b))
    first.wait_for_selector(f"{box(c)}:disabled")
    assert_accessible(first, "tablet-election-chosen-landscape")

    # The server refuses more than N too (a tablet that has not voted yet, outside its UI).
    refused = tablets[2].evaluate(
        """async ([poll, chosen]) => {
            const token = document.querySelector('meta[name="csrf-token"]').content;
            const r = await fetch(`/api/polls/${poll}/votes/`, {method: "POST", headers: {"Content-Type": "application/json",
              "X-CSRFToken": token}, body: JSON.stringify({choice: chosen, client_id: crypto.randomUUID()})});
            return {status: r.status, body: await r.text()};
        }""",
        [poll, [a, b, c]],
    )
    assert refused["status"] == 400 and "ballot.malformed" in refused["body"], refused  # only encrypted ballots

    # Sending with nobody chosen asks first whether a blank paper is meant; "Chọn lại" goes back to the ballot.
    third = tablets[2]
    third.click(".ballot.election button.big")
    third.wait_for_selector(".confirm-blank #confirm-send", timeout=TIMEOUT)
    assert third.inner_text(".confirm-q") == (
        "Phiếu trắng: đại biểu chưa đánh dấu ô nào trên phiếu. Đại biểu chắc chắn nộp phiếu trắng?"
    )
    assert third.inner_text("#confirm-send") == "Nộp phiếu trắng"
    assert_accessible(third, "tablet-election-blank-confirm-landscape")
    third.click(".confirm button.secondary")
    third.wait_for_selector(".ballot.election", timeout=TIMEOUT)

    choices = {0: [a, b], 1: [b], 2: []}  # the third paper is returned blank
    names = {v: k for k, v in ids.items()}
    first.click(".ballot.election button.big")
    first.wait_for_selector("#confirm-send", timeout=TIMEOUT)
    tablets[1].click(label(b))
    tablets[1].click(".ballot.election button.big")
    tablets[1].wait_for_selector("#confirm-send", timeout=TIMEOUT)
    both_sizes(tablets, "tablet-election-confirm")
    receipts = [confirm_and_send(first, ", ".join(names[x] for x in choices[0]))]
    receipts.append(confirm_and_send(tablets[1], names[b]))
    both_sizes(tablets, "tablet-election-voted")
    third.click(".ballot.election button.big")
    receipts.append(confirm_and_send(third, "Phiếu trắng"))
    assert len(set(receipts)) == 3

    # After a reload the tablet still knows it voted (from the server), and offers no ballot.
    first.reload()
    first.wait_for_selector(
        '#conn[data-status="live"]', state="attached", timeout=TIMEOUT
    )  # the tablet hides it while live
    first.wait_for_selector("#voted", timeout=TIMEOUT)
    assert "Đại biểu đã biểu quyết" in first.inner_text("#voted") and first.locator(".ballot.election").count() == 0

    published = published_on_tablets(live, ballots, poll, "election", receipts_kept=(1, 2))  # the first reloaded
    result = published["result"]
    expected = Counter(cid for chosen in choices.values() for cid in chosen)
    assert result["cast"] == 3 and result["eligible"] == 6 and result["seats"] == fx["seats"]
    assert {k: v for k, v in result["counts"].items() if v} == {
        **{f"c{cid}": n for cid, n in expected.items()},
        "blank": 1,
    }
    rows = {r["name"]: r for r in result["candidates"]}
    for name, cid in ids.items():
        assert rows[name]["votes"] == expected.get(cid, 0), name
        assert rows[name]["elected"] == (expected.get(cid, 0) >= result["required"]), name
    assert result["committee"] == {"issued": 6, "returned": 3, "valid": 3, "invalid": 0, "blank": 1}
    for name in fx["candidates"]:
        assert f"{name} được {rows[name]['votes']} phiếu" in tablets[0].inner_text("#vote .statement")
    assert "1 phiếu trắng" in tablets[0].inner_text("#vote .statement")
    hall = ballots["hall"]  # the hall's table has the blank papers' line
    assert hall.inner_text("#poll .result-table .row-blank").split()[-1] == "1"


def test_confidence_ballot(live, ballots):
    fx, tablets = ballots["fx"], ballots["tablets"]
    poll = fx["confidence"]
    opened = poll_step(live, "open", poll)
    assert opened["status"] == "open"
    ids = opened["candidates"]
    one, two = (ids[n] for n in fx["officials"])
    radio = lambda cid, level: f"#conf-{poll}-{cid}-{level}"  # noqa: E731
    label = lambda cid, level: f'label[for="conf-{poll}-{cid}-{level}"]'  # noqa: E731
    for page in tablets:
        page.wait_for_selector(".ballot.confidence", timeout=TIMEOUT)
        assert page.locator(".ballot.confidence fieldset.official").count() == 2
        for name in fx["officials"]:
            assert name in page.inner_text(".ballot.confidence")
        assert page.locator(".ballot.confidence .level").count() == 6
        for text in LEVELS.values():
            assert page.locator(f'.ballot.confidence label:text-is("{text}")').count() == 2
    both_sizes(tablets, "tablet-confidence-choose")

    choices = {0: {one: "high", two: "normal"}, 1: {one: "normal", two: "low"}, 2: {}}  # the third paper blank
    # One level per official: a second choice on the same line replaces the first; a missing line is refused.
    first = tablets[0]
    first.click(label(one, "low"))
    first.click(label(one, "high"))
    assert first.is_checked(radio(one, "high")) and not first.is_checked(radio(one, "low"))
    first.click(".ballot.confidence button.big")
    first.wait_for_selector("#toast:not([hidden])", timeout=TIMEOUT)
    assert first.inner_text("#toast") == "Hãy chọn mức tín nhiệm cho tất cả mọi người."
    assert first.locator("#confirm-send").count() == 0
    first.click(label(two, "normal"))
    both_sizes(tablets, "tablet-confidence-chosen")

    names = {v: k for k, v in ids.items()}
    summary = lambda i: "; ".join(f"{names[cid]}: {LEVELS[lv]}" for cid, lv in choices[i].items()) or "Phiếu trắng"  # noqa: E731
    for i, page in enumerate(tablets):
        if i:
            for cid, level in choices[i].items():
                page.click(label(cid, level))
        page.click(".ballot.confidence button.big")
        page.wait_for_selector("#confirm-send", timeout=TIMEOUT)
    both_sizes(tablets, "tablet-confidence-confirm")
    receipts = [confirm_and_send(page, summary(i)) for i, page in enumerate(tablets)]
    assert len(set(receipts)) == 3
    both_sizes(tablets, "tablet-confidence-voted")

    published = published_on_tablets(live, ballots, poll, "confidence")
    result = published["result"]
    assert result["cast"] == 3 and result["committee"]["blank"] == 1
    expected = Counter(f"c{cid}:{level}" for chosen in choices.values() for cid, level in chosen.items())
    assert {k: v for k, v in result["counts"].items() if v} == {**expected, "blank": 1}
    for official in result["officials"]:
        cid = ids[official["name"]]
        assert {lv["key"]: lv["count"] for lv in official["levels"]} == {
            k: expected.get(f"c{cid}:{k}", 0) for k in LEVELS
        }
        assert [lv["label"] for lv in official["levels"]] == list(LEVELS.values())
        assert official["low"] == expected.get(f"c{cid}:low", 0)
    statement = tablets[1].inner_text("#vote .statement")
    for name in fx["officials"]:
        assert f"{name}: tín nhiệm cao" in statement

"""The activity screens in a real browser, on the live server's demo data (``demo.activity``: two years of
activity, last year's published commune-councils score sheet, this year's draft): the public statistics
dashboard and a bad period, the public ranking and its printed form, the secretariat's sheet editor, then the
scoring page through scoring, ranking, locking and publishing. Every screen is screenshotted
(tests/artifacts/) and checked by axe."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_violations, login, shot

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1366, "height": 900}


def assert_accessible(page, name: str) -> None:
    shot(page, name)
    assert axe_violations(page) == [], name


@pytest.fixture(scope="module")
def demo(live):
    return live.scenario("activity")


@pytest.fixture(scope="module")
def secretariat(live, browser, demo):
    page = login(browser, live, demo["secretariat"], demo["secretariat_password"], viewport=VIEWPORT)
    page.on("dialog", lambda dialog: dialog.accept())  # the lock and delete buttons ask for confirmation
    yield page
    page.context.close()


@pytest.fixture
def public(browser):
    context = browser.new_context(locale="vi-VN", viewport=VIEWPORT)
    yield context.new_page()
    context.close()


def test_public_dashboard_and_a_bad_period(live, demo, public):
    public.goto(f"{live.url}/activity/statistics/?council={demo['commune']}")
    assert "kiến nghị đã giải quyết, đạt" in public.inner_text("#petitions-wording")
    assert public.locator("svg[role=img]").count() == 2
    assert public.locator("#comparison-table tbody tr").count() == 4  # the demo province's four communes
    assert public.locator("#delegates-table").count() == 0
    assert_accessible(public, "activity-dashboard")

    public.check("input[name=half][value=custom]")
    public.fill("#start", "2026-06-30")
    public.fill("#end", "2026-01-01")
    public.click("main form button[type=submit]")
    alert = public.locator("[role=alert]")
    # The refusal in words only: no raw error code on a citizen's page.
    assert "trước ngày bắt đầu" in alert.inner_text() and "statistics.period_invalid" not in alert.inner_text()
    assert public.locator("#figures-h").count() == 0
    assert_accessible(public, "activity-dashboard-bad-period")


def test_dashboard_shows_delegates_to_the_councils_secretariat(live, demo, secretariat):
    secretariat.goto(f"{live.url}/activity/statistics/?council={demo['province']}&half=1")
    assert secretariat.locator("#delegates-table tbody tr").count() == 50
    assert "6 tháng đầu năm" in secretariat.inner_text("#figures-h")
    assert_accessible(secretariat, "activity-dashboard-delegates")


def test_public_ranking_and_its_print(live, demo, public):
    public.goto(f"{live.url}/activity/score-sheets/")
    assert public.locator("#sheets tbody tr").count() == 1  # drafts are not public
    assert_accessible(public, "activity-sheets-public")
    public.click("#sheets a:has-text('Xếp hạng')")
    public.wait_for_url(f"**/activity/score-sheets/{demo['published']}/ranking/")
    assert public.locator("#ranking tbody tr").count() == 4
    assert public.locator("#ranking-chart-title").count() == 1
    assert "Bằng điểm thì xét lần lượt" in public.inner_text(".tie-rule")
    assert public.locator("#locked-banner").is_visible()
    assert_accessible(public, "activity-ranking")

    public.click("text=Bản in xếp hạng (A4)")
    public.wait_for_url(f"**/print/score-sheets/{demo['published']}/ranking/")
    public.emulate_media(media="print")
    assert "KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA NĂM" in public.inner_text("h1")
    assert_accessible(public, "activity-ranking-print")


def test_sheet_editor_adds_a_criterion_and_refuses_bad_input(live, demo, secretariat):
    secretariat.goto(f"{live.url}/activity/score-sheets/{demo['draft']}/")
    assert_accessible(secretariat, "activity-editor")
    form = secretariat.locator("#add-criterion form")
    form.locator("#criterion-title").fill("Khảo sát theo chuyên đề của kỳ họp")
    form.locator("#criterion-method").select_option("computed")
    form.locator("#criterion-max_points").fill("-1")
    form.locator("#criterion-rule_type").select_option("per_unit")
    form.locator("#criterion-statistic").select_option("surveys")
    form.locator("#criterion-points").fill("1,5")
    form.locator("#criterion-per").fill("1")
    form.locator("button[type=submit]").click()
    alert = secretariat.locator("#add-criterion [role=alert]")
    assert "Điểm không được âm" in alert.inner_text()
    assert secretariat.locator("#criterion-title").input_value() == "Khảo sát theo chuyên đề của kỳ họp"
    assert_accessible(secretariat, "activity-editor-refused")

    secretariat.fill("#criterion-max_points", "4,5")
    secretariat.click("#add-criterion button[type=submit]")
    row = secretariat.locator("#criteria tr", has_text="Khảo sát theo chuyên đề của kỳ họp")
    assert "1,5 điểm cho mỗi đơn vị “Khảo sát”" in row.inner_text() and "4,5" in row.inner_text()
    assert "Đã thêm tiêu chí" in secretariat.inner_text(".messages")


def test_scoring_ranking_lock_and_publish(live, demo, secretariat, public):
    sheet = demo["draft"]
    secretariat.goto(f"{live.url}/activity/score-sheets/{sheet}/scoring/")
    assert secretariat.locator(".cell-missing").count() > 0
    assert_accessible(secretariat, "activity-scoring")

    target = secretariat.locator("details.target-form[open] form").first
    inputs = target.locator("input[name$='-points']")
    for index in range(inputs.count()):
        inputs.nth(index).fill("4")
    inputs.first.fill("40")
    target.locator("button[type=submit]").click()
    refused = secretariat.locator("details.target-form[open] [role=alert]")
    assert "vượt quá điểm tối đa" in refused.inner_text()
    assert_accessible(secretariat, "activity-scoring-refused")

    target = secretariat.locator("details.target-form[open] form").first
    target.locator("input[name$='-points']").first.fill("7,5")
    target.locator("button[type=submit]").click()
    assert "Đã lưu" in secretariat.inner_text(".messages")
    assert secretariat.locator("#steps .cell-missing").count() == 0

    secretariat.click("#step-score")
    assert "Đã tính điểm và xếp hạng." in secretariat.inner_text(".messages")
    secretariat.click("#step-lock")
    assert secretariat.locator("#locked-banner").is_visible()
    assert secretariat.locator("details.target-form").count() == 0
    assert_accessible(secretariat, "activity-scoring-locked")
    secretariat.click("#step-publish")
    secretariat.wait_for_url(f"**/activity/score-sheets/{sheet}/ranking/")

    public.goto(f"{live.url}/activity/score-sheets/{sheet}/ranking/")
    assert public.locator("#ranking tbody tr").count() == 4
    assert_accessible(public, "activity-ranking-this-year")

"""Promises (lời hứa) in the past-year import (``activity.services.backfill.promises``): keyed to a question of the
questioning sheet by session and question number, made on the question's sitting day, done or open, reported on;
a dry run, every refusal with its stable code, nothing saved; and counted in the statistics as the promise list
counts them with the same council and year (docs/activity.md, "Date basis")."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from agenda.models import Official, Promise, Question
from sessions_app.models import AuditEntry
from tests.activity import test_backfill
from tests.activity.archive_lists import excel_csv as csv
from tests.activity.archive_lists import questioning_figures, workbook
from tests.activity.test_backfill import ALL, ASKED, QUESTIONS, YEAR, errors_of, post, state

pytestmark = pytest.mark.django_db

HEADER = ["Kỳ họp thứ", "Số câu hỏi", "Người hứa", "Chức vụ", "Cơ quan", "Nội dung lời hứa", "Hạn thực hiện"]
HEADER += ["Tình trạng", "Ngày hoàn thành", "Báo cáo kết quả", "Ngày báo cáo"]
KEPT = ["11", "1", "", "", "", "Sửa xong đường trong quý IV", "31/12/2025", "Đã hoàn thành", "20/12/2025"]
KEPT += ["Đã sửa xong, nghiệm thu ngày 20/12.", "22/12/2025"]
PROMISES = [
    HEADER,
    KEPT,
    ["11", "3", "", "", "", "Bổ sung thuốc cho trạm y tế", "30/09/2025"],  # open, overdue since
    ["12", "", "Phạm Văn Mới", "Giám đốc Sở Tài chính", "Sở Tài chính", "Rà soát đất công", "30/06/2027"]
    + ["Đang thực hiện"],  # made at the session, answering no question
]
# The questioning sheet with its "Số câu hỏi" column (empty: the next number, 1, 2, … in each session).
NUMBERED = [QUESTIONS[0] + ["Số câu hỏi"], *QUESTIONS[1:]]
WITH_PROMISES = {**ALL, "Chất vấn": NUMBERED, "Lời hứa": PROMISES}


council = test_backfill.council  # the fixture: a term of 2021-2026, six seats (seat 3 "Hồ Thị Mai"), its secretariat


def everything() -> tuple[int, ...]:
    return (*state(), Promise.objects.count())


def test_promises_are_imported_with_their_questions_dated_by_the_sitting(council):
    before = everything()
    preview = post(council, dry_run=True, workbook=workbook(WITH_PROMISES))
    assert preview.status_code == 200, preview.json()
    assert preview.json()["counts"]["promises"] == 3
    assert everything() == before
    done = post(council, workbook=workbook(WITH_PROMISES))
    assert done.status_code == 201, done.json()
    rows = done.json()["sheets"]["promises"]
    assert [(r["session"], r["question"], r["status"]) for r in rows] == [
        (11, 1, "done"),
        (11, 3, "open"),
        (12, None, "open"),
    ]
    kept, medicine, land = (Promise.objects.get(pk=r["promise"]) for r in rows)
    assert kept.question.text == "Khi nào sửa đường?" and kept.official.full_name == "Trịnh Văn Khải"
    assert kept.created_at.date() == dt.date(2025, 7, 8)  # the sitting's day, not the import's
    assert (kept.done_at.date(), kept.reported_at.date(), kept.report_text) == (
        dt.date(2025, 12, 20),
        dt.date(2025, 12, 22),
        "Đã sửa xong, nghiệm thu ngày 20/12.",
    )
    assert medicine.question.text == "Thiếu thuốc ở trạm y tế?" and medicine.official.full_name == "Đỗ Thị Lan"
    assert land.question is None and land.created_at.date() == dt.date(2025, 12, 30)
    assert Official.objects.filter(council=council, full_name="Phạm Văn Mới", agency="Sở Tài chính").exists()
    assert AuditEntry.objects.filter(action="promise.record", council_id=council.pk).count() == 3
    client = APIClient()
    client.force_authenticate(council.sec)
    stats = client.get(f"/api/statistics/councils/{council.pk}/", {"year": YEAR}).json()["statistics"]
    lists = questioning_figures(client, council=council.pk, year=YEAR)
    assert {key: stats[key] for key in lists} == lists
    assert (lists["promises_total"], lists["promises_done"], lists["promises_overdue"]) == (3, 1, 1)
    assert questioning_figures(client, council=council.pk, year=YEAR + 1)["promises_total"] == 0


def test_promises_as_csv_files_refer_to_the_numbers_given_to_the_questions(council):
    numbered = [NUMBERED[0], *(row + [""] * (12 - len(row)) + [str(n)] for n, row in zip((5, 7, 9), NUMBERED[1:4]))]
    numbered.append(NUMBERED[4])  # no number: the session's next, 1
    promises = [
        HEADER,
        ["11", "7", "", "", "", "Giải ngân hết vốn", "31/12/2025"],
        ["12", "1", "", "", "", "Trả lời sau", "31/01/2026"],
    ]
    files = {"sessions": csv(ALL["Kỳ họp"]), "sittings": csv(ALL["Phiên họp"]), "questions": csv(numbered)}
    done = post(council, **files, promises=csv(promises))
    assert done.status_code == 201, done.json()
    assert [r["number"] for r in done.json()["sheets"]["questions"]] == [5, 7, 9, 1]
    texts = Promise.objects.order_by("pk").values_list("question__text", flat=True)
    assert list(texts) == ["Vì sao chậm giải ngân?", "Chưa kịp trả lời"]


def _broken(sheet: str, row: list[str]) -> dict[str, list[list[str]]]:
    sheets = {k: [list(r) for r in v] for k, v in WITH_PROMISES.items()}
    sheets[sheet].append(row)
    return sheets


ON_Q1 = ["11", "1", "", "", ""]  # a promise answering the first question (sitting of 08/07/2025)


@pytest.mark.parametrize(
    ("sheet", "row", "code"),
    [
        ("Lời hứa", ["11", "9", "", "", "", "Hứa", "31/12/2025"], "backfill.question_not_found"),
        ("Lời hứa", ["14", "1", "", "", "", "Hứa", "31/12/2025"], "backfill.session_unknown"),
        ("Lời hứa", ["11", "một", "", "", "", "Hứa", "31/12/2025"], "import.value_invalid"),
        ("Lời hứa", [*ON_Q1, "", "31/12/2025"], "import.value_missing"),
        ("Lời hứa", [*ON_Q1, "Hứa", ""], "import.value_missing"),
        ("Lời hứa", [*ON_Q1, "Hứa", "31-31-2025"], "import.value_invalid"),
        ("Lời hứa", [*ON_Q1, "Hứa", "01/07/2025"], "backfill.promise_before_made"),
        ("Lời hứa", [*ON_Q1, "Hứa", "31/12/2025", "Đã hoàn thành"], "backfill.promise_done_mismatch"),
        ("Lời hứa", [*ON_Q1, "Hứa", "31/12/2025", "", "20/12/2025"], "backfill.promise_done_mismatch"),
        ("Lời hứa", [*ON_Q1, "Hứa", "31/12/2025", "Đã hoàn thành", "01/07/2025"], "backfill.promise_before_made"),
        ("Lời hứa", [*ON_Q1, "Hứa", "31/12/2025", "Đã hoàn thành", "01/01/2099"], "backfill.date_future"),
        ("Lời hứa", [*ON_Q1, "Hứa", "31/12/2025", "Đã hoàn thành", "20/12/2024"], "backfill.date_outside_year"),
        ("Lời hứa", [*ON_Q1, "Hứa", "31/12/2025", "", "", "Báo cáo"], "backfill.promise_report_mismatch"),
        ("Lời hứa", [*ON_Q1, "Hứa", "31/12/2025", "", "", "", "22/12/2025"], "backfill.promise_report_mismatch"),
        ("Lời hứa", [*ON_Q1, "Hứa", "31/12/2025", "", "", "Báo cáo", "07/07/2025"], "backfill.promise_before_made"),
        ("Lời hứa", [*ON_Q1, "Hứa", "31/12/2025", "Bỏ dở"], "import.value_invalid"),
        ("Lời hứa", ["12", "", "", "", "", "Hứa mà không rõ ai hứa", "31/12/2025"], "import.value_missing"),
        ("Lời hứa", ["12", "", "Người Mới", "", "Sở Mới", "Hứa", "31/12/2025"], "import.value_missing"),
        ("Chất vấn", [*ASKED, "", "", "", "1"], "backfill.question_number_taken"),
        ("Chất vấn", [*ASKED, "", "", "", "0"], "import.value_invalid"),
    ],
)
def test_every_promise_refusal_has_its_code_and_nothing_is_saved(council, sheet, row, code):
    before = everything()
    errors = errors_of(post(council, workbook=workbook(_broken(sheet, row))))
    assert (sheet, len(WITH_PROMISES[sheet]) + 1, code) in errors, errors
    assert everything() == before


def test_a_question_number_given_twice_in_a_session_is_a_duplicate(council):
    sheets = {
        **WITH_PROMISES,
        "Chất vấn": [*NUMBERED, [*ASKED, "", "", "", "8"], [*ASKED[:8], "Khác", "", "", "", "8"]],
    }
    errors = errors_of(post(council, workbook=workbook(sheets)))
    assert ("Chất vấn", len(NUMBERED) + 2, "import.duplicate") in errors, errors
    assert Question.objects.count() == 0

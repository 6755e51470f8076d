"""Backfill of a past year (``activity.services.backfill``, ``POST /api/imports/council-year/``): one workbook or
a set of CSVs, a dry run, every record at its legal date, and every refusal with its stable code, nothing saved."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from openpyxl import load_workbook
from rest_framework.test import APIClient

from activity.models import AnsweringAgency, CitizenReception, SupervisionMission, VoterPetition
from agenda.models import Official, Question, QuestionTopic, SessionRespondent
from sessions_app.models import Attendance, AuditEntry, Committee, CouncilRoleKind, Person, Session, Sitting, Term
from tests.activity.archive_lists import excel_csv as csv
from tests.activity.archive_lists import workbook
from tests.factories import make_council, make_delegate, make_role_user
from voting.models import Poll, Resolution

pytestmark = pytest.mark.django_db
YEAR = 2025

SESSIONS = [
    ["Kỳ họp thứ", "Loại kỳ họp", "Tên kỳ họp", "Ngày khai mạc", "Ngày bế mạc", "Địa điểm"],
    ["11", "Thường lệ", "Kỳ họp thứ mười một", "08/07/2025", "09/07/2025", "Hội trường"],
    ["12", "Chuyên đề", "Kỳ họp thứ mười hai (chuyên đề)", "2025-12-30", "2025-12-30", ""],
]
SITTINGS = [
    ["Kỳ họp thứ", "Phiên số", "Ngày", "Giờ bắt đầu", "Giờ kết thúc", "Nội dung phiên họp", "Ghế vắng mặt"],
    ["11", "1", "08/07/2025", "08:00", "11:30", "Khai mạc", "6"],
    ["11", "2", "09/07/2025", "8h00", "", "Bế mạc", ""],
    ["12", "1", "30/12/2025", "14:00", "17:00", "", "5; 6"],
]
RESOLUTIONS = [
    ["Kỳ họp thứ", "Phiên số", "Số nghị quyết", "Lĩnh vực", "Tên nghị quyết", "Tán thành", "Không tán thành"],
    ["11", "1", "07/NQ-HĐND", "Ngân sách, kinh tế - xã hội", "Nghị quyết về dự toán", "5", "0"],
    ["11", "2", "03/2025/NQ-HĐND", "normative", "Nghị quyết quy định mức thu phí", "4", "1"],
    ["12", "1", "", "personnel", "Nghị quyết về tổ chức bộ máy", "4", "0"],
    ["12", "1", "", "", "Nghị quyết không được thông qua", "3", "1"],
]
SUPERVISIONS = [
    ["Chuyên đề giám sát", "Ban thực hiện", "Từ ngày", "Đến ngày", "Hạn nộp báo cáo", "Ngày nộp báo cáo"],
    ["Giám sát đất công", "Ban Pháp chế", "01/03/2025", "15/03/2025", "30/03/2025", "05/01/2026"],
]
RECEPTIONS = [
    ["Hình thức tiếp", "Ngày tiếp", "Lượt công dân", "Ý kiến, kiến nghị, phản ánh", "Đơn thư tiếp nhận"],
    ["Định kỳ", "15/05/2025", "12", "9", "3"],
    ["Thường xuyên", "16/05/2025", "30", "20", "14"],
]
QUESTIONS = [
    [
        "Kỳ họp thứ",
        "Phiên số",
        "Số ghế",
        "Đại biểu chất vấn",
        "Người bị chất vấn",
        "Chức vụ",
        "Cơ quan",
        "Nhóm vấn đề",
        "Nội dung chất vấn",
        "Kết quả trả lời",
        "Nội dung trả lời bằng văn bản",
        "Ngày trả lời bằng văn bản",
    ],
    ["11", "1", "2", "", "Trịnh Văn Khải", "Giám đốc Sở Xây dựng", "Sở Xây dựng", "Giao thông", "Khi nào sửa đường?"],
    [
        "11",
        "1",
        "",
        "Hồ Thị Mai",
        "trinh van khai",
        "",
        "",
        "giao thông",
        "Vì sao chậm giải ngân?",
        "",
        "Đã giải ngân 80%.",
        "25/07/2025",
    ],
    [
        "11",
        "2",
        "4",
        "",
        "Đỗ Thị Lan",
        "Giám đốc Sở Y tế",
        "Sở Y tế",
        "",
        "Thiếu thuốc ở trạm y tế?",
        "Trả lời bằng văn bản",
    ],
    ["12", "1", "1", "", "Đỗ Thị Lan", "", "", "", "Chưa kịp trả lời", "Chưa trả lời"],
]
PETITIONS = [
    [
        "Nội dung kiến nghị",
        "Lĩnh vực",
        "Thẩm quyền giải quyết",
        "Ngày tiếp nhận",
        "Tình trạng",
        "Ngày cập nhật tình trạng",
        "Kết quả trả lời, giải quyết",
        "Kỳ họp thứ",
        "Thời điểm tiếp xúc",
        "Cơ quan trả lời",
        "Ngày chuyển cơ quan trả lời",
        "Văn bản trả lời",
    ],
    [
        "Sửa đường liên thôn",
        "Giao thông - xây dựng",
        "Cấp tỉnh",
        "20/06/2025",
        "Đã giải quyết",
        "20/09/2025",
        "Đã sửa xong.",
    ]
    + ["11", "Trước kỳ họp", "Sở Xây dựng", "01/07/2025", "Công văn số 12/SXD-KH"],
    ["Bổ sung thuốc", "Y tế", "Cấp tỉnh", "20/06/2025", "", ""],
    ["Lắp đèn đường", "", "Cấp xã", "10/07/2025", "", "", "", "11", "Sau kỳ họp", "Ủy ban nhân dân xã", "", ""],
]
PETITION = ["Kiến nghị thử", "", "Cấp xã", "20/06/2025"]  # a valid start of a petition row
ASKED = ["11", "1", "2", "", "Trịnh Văn Khải", "", "", "", "Một câu hỏi"]  # a valid start of a question row
QUESTION_TEXTS = ("Khi nào sửa đường?", "Vì sao chậm giải ngân?", "Thiếu thuốc ở trạm y tế?", "Chưa kịp trả lời")
ALL = {
    "Kỳ họp": SESSIONS,
    "Phiên họp": SITTINGS,
    "Nghị quyết": RESOLUTIONS,
    "Chất vấn": QUESTIONS,
    "Giám sát": SUPERVISIONS,
    "Tiếp công dân": RECEPTIONS,
    "Kiến nghị cử tri": PETITIONS,
}


@pytest.fixture
def council():
    council = make_council()
    term = Term.objects.create(
        council=council,
        label="2021-2026",
        ordinal="khóa X",
        start_date=dt.date(2021, 7, 1),
        end_date=dt.date(2026, 6, 30),
    )
    for seat in range(1, 7):
        person = make_delegate(council, term, seat=seat, start=term.start_date, with_user=False)
        if seat == 3:
            Person.objects.filter(pk=person.pk).update(full_name="Hồ Thị Mai")
    Committee.objects.create(council=council, term=term, name="Ban Pháp chế")
    council.sec = make_role_user(council, CouncilRoleKind.SECRETARIAT)
    return council


def post(council, *, year: int = YEAR, dry_run: bool = False, user=None, **files: bytes):
    client = APIClient()
    client.force_authenticate(user if user is not None else council.sec)
    body = {"council": council.pk, "year": year}
    body |= {key: SimpleUploadedFile(f"{key}.xlsx", data) for key, data in files.items()}
    return client.post(f"/api/imports/council-year/{'?dry_run=1' if dry_run else ''}", body, format="multipart")


def state() -> tuple[int, ...]:
    return (
        Session.objects.count(),
        Sitting.objects.count(),
        Poll.objects.count(),
        Resolution.objects.count(),
        Attendance.objects.count(),
        SupervisionMission.objects.count(),
        CitizenReception.objects.count(),
        VoterPetition.objects.count(),
        AnsweringAgency.objects.count(),
        Question.objects.count(),
        Official.objects.count(),
        SessionRespondent.objects.count(),
        QuestionTopic.objects.count(),
        AuditEntry.objects.count(),
    )


def errors_of(response) -> list[tuple[str, int, str]]:
    assert response.status_code == 400, response.json()
    body = response.json()["error"]
    assert body["code"] == "import.rows_invalid", body
    return [(e["sheet"], e["row"], e["code"]) for e in body["details"]["errors"]]


def test_a_whole_year_in_one_workbook_dry_run_first_then_saved_at_its_legal_dates(council):
    before = state()
    preview = post(council, dry_run=True, workbook=workbook(ALL))
    assert preview.status_code == 200, preview.json()
    assert preview.json()["counts"] == {
        "sessions": 2,
        "sittings": 3,
        "resolutions": 4,
        "questions": 4,
        "supervisions": 1,
        "receptions": 2,
        "petitions": 3,
    }
    assert state() == before
    done = post(council, workbook=workbook(ALL))
    assert done.status_code == 201, done.json()
    sessions = Session.objects.filter(council=council).order_by("number")
    assert [s.status for s in sessions] == ["closed", "closed"]
    assert [s.type for s in sessions] == ["regular", "thematic"]
    assert set(Sitting.objects.filter(session__council=council).values_list("status", flat=True)) == {"closed"}
    first = Sitting.objects.get(session__number=11, number=1)
    assert first.attendance.filter(status="present").count() == 5
    assert first.attendance.get(status="absent").checked_in_at is None
    numbers = dict(Resolution.objects.filter(council=council).values_list("title", "number"))
    assert numbers == {
        "Nghị quyết về dự toán": "07/NQ-HĐND",
        "Nghị quyết quy định mức thu phí": "03/2025/NQ-HĐND",
        "Nghị quyết về tổ chức bộ máy": "08/NQ-HĐND",  # the next free number of the year
        "Nghị quyết không được thông qua": "",
    }
    fee = Resolution.objects.get(number="03/2025/NQ-HĐND")
    assert (fee.kind, fee.category.code, fee.status, fee.adopted_on) == (
        "normative",
        "normative",
        "published",
        dt.date(2025, 7, 9),
    )
    assert Resolution.objects.get(title="Nghị quyết không được thông qua").status == "rejected"
    poll = Poll.objects.get(resolution__number="07/NQ-HĐND")
    assert (poll.method, poll.status, poll.result["counts"]["yes"], poll.total_delegates) == (
        "show_of_hands",
        "published",
        5,
        6,
    )
    assert AuditEntry.objects.filter(action="sitting.status", data__recorded=True).count() == 3
    mission = SupervisionMission.objects.get(council=council)
    assert (mission.committee.name, mission.report_submitted_on) == ("Ban Pháp chế", dt.date(2026, 1, 5))
    road = VoterPetition.objects.get(content="Sửa đường liên thôn")
    assert (road.status, road.session.number, road.session_phase, road.agency.name) == (
        "resolved",
        11,
        "before",
        "Sở Xây dựng",
    )
    assert (road.assigned_on, road.answered_on, road.answer_document, road.response) == (
        dt.date(2025, 7, 1),
        dt.date(2025, 9, 20),
        "Công văn số 12/SXD-KH",
        "Đã sửa xong.",
    )
    lights = VoterPetition.objects.get(content="Lắp đèn đường")
    assert (lights.status, lights.session_phase, lights.agency.name) == ("in_progress", "after", "Ủy ban nhân dân xã")
    assert VoterPetition.objects.get(content="Bổ sung thuốc").status == "received"
    assert AnsweringAgency.objects.filter(council=council).count() == 2  # added to the council's list on first use
    questions = {q.text: q for q in Question.objects.filter(session__council=council)}
    road_q, money, medicine, late = (questions[t] for t in QUESTION_TEXTS)
    assert (road_q.status, road_q.registered_at.date(), road_q.asker.full_name[:12]) == (
        "answered",
        dt.date(2025, 7, 8),
        "Đại biểu Thử",
    )
    assert list(road_q.steps.values_list("kind", flat=True)) == ["ask", "answer"]
    assert (money.asker.full_name, money.respondent_id, money.topic_id) == (
        "Hồ Thị Mai",
        road_q.respondent_id,
        road_q.topic_id,
    )
    assert (money.status, money.written_answer, money.written_answered_at.date()) == (
        "answered",
        "Đã giải ngân 80%.",
        dt.date(2025, 7, 25),
    )
    assert (medicine.status, medicine.written_due) == ("written", dt.date(2025, 7, 29))
    assert (late.status, list(late.steps.values_list("kind", flat=True))) == ("asked", ["ask"])
    assert Official.objects.filter(council=council).count() == 2
    assert SessionRespondent.objects.filter(session__council=council).count() == 3  # Đỗ Thị Lan in two sessions
    assert AuditEntry.objects.filter(action="question.record").count() == 4

    client = APIClient()
    client.force_authenticate(council.sec)
    stats = client.get(f"/api/statistics/councils/{council.pk}/", {"year": YEAR}).json()["statistics"]
    assert (stats["sessions_total"], stats["sittings"], stats["resolutions_adopted"]) == (2, 3, 3)
    assert (stats["receptions_periodic"], stats["receptions_regular"], stats["petitions_total"]) == (1, 1, 3)
    assert (stats["questions_registered"], stats["questions_asked"], stats["questions_answered_live"]) == (4, 2, 1)
    assert (stats["questions_answered_written"], stats["questions_written_pending"]) == (1, 1)


def test_a_documented_set_of_csv_files_does_the_same(council):
    files = {
        "sessions": csv(SESSIONS),
        "sittings": csv(SITTINGS),
        "resolutions": csv(RESOLUTIONS),
        "receptions": csv(RECEPTIONS),
        "questions": csv(QUESTIONS),
    }
    before = state()
    with override_settings(NT={**__import__("django.conf").conf.settings.NT, "IMPORT_MAX_ROWS": 14}):
        file_error(post(council, **files), "import.file_too_large")  # 15 rows in all the files together
    assert state() == before
    done = post(council, **files)
    assert done.status_code == 201, done.json()
    assert done.json()["counts"] == {"sessions": 2, "sittings": 3, "resolutions": 4, "questions": 4, "receptions": 2}


def _broken(sheet: str, row: list[str], *, at: int | None = None) -> dict[str, list[list[str]]]:
    sheets = {k: [list(r) for r in v] for k, v in ALL.items()}
    if at is None:
        sheets[sheet].append(row)
    else:
        sheets[sheet][at] = row
    return sheets


@pytest.mark.parametrize(
    ("sheet", "row", "at", "code"),
    [
        ("Kỳ họp", ["13", "", "Kỳ họp năm trước", "08/07/2024", "08/07/2024", ""], None, "backfill.date_outside_year"),
        ("Kỳ họp", ["11", "", "Trùng số", "08/07/2025", "08/07/2025", ""], None, "import.duplicate"),
        ("Kỳ họp", ["13", "Họp kín", "Loại sai", "08/07/2025", "08/07/2025", ""], None, "import.value_invalid"),
        ("Kỳ họp", ["13", "", "", "08/07/2025", "08/07/2025", ""], None, "import.value_missing"),
        (
            "Kỳ họp",
            ["13", "", "Không có phiên", "08/08/2025", "08/08/2025", ""],
            None,
            "backfill.session_without_sitting",
        ),
        ("Kỳ họp", ["13", "", "Ngày ngược", "09/08/2025", "08/08/2025", ""], None, "session.dates_invalid"),
        ("Phiên họp", ["14", "1", "08/07/2025", "08:00", "", "", ""], None, "backfill.session_unknown"),
        ("Phiên họp", ["11", "3", "10/07/2025", "08:00", "", "", ""], None, "sitting.outside_session"),
        ("Phiên họp", ["11", "3", "09/07/2025", "25:00", "", "", ""], None, "import.value_invalid"),
        ("Phiên họp", ["11", "3", "09/07/2025", "08:00", "", "", "41"], None, "attendance.seat_unknown"),
        ("Phiên họp", ["11", "1", "09/07/2025", "14:00", "", "", ""], None, "import.duplicate"),
        ("Nghị quyết", ["11", "9", "", "", "Phiên không có", "4", ""], None, "backfill.sitting_unknown"),
        ("Nghị quyết", ["11", "1", "12/2024/NQ-HĐND", "", "Sai năm", "4", ""], None, "backfill.number_invalid"),
        ("Nghị quyết", ["11", "1", "NQ số 5", "", "Sai mẫu", "4", ""], None, "backfill.number_invalid"),
        ("Nghị quyết", ["11", "1", "07/NQ-HĐND", "", "Trùng số", "4", ""], None, "resolution.number_taken"),
        (
            "Nghị quyết",
            ["11", "1", "09/NQ-HĐND", "", "Không thông qua", "2", "3"],
            None,
            "backfill.number_for_rejected",
        ),
        ("Nghị quyết", ["11", "1", "", "Thể thao", "Lĩnh vực lạ", "4", ""], None, "import.value_unknown"),
        ("Nghị quyết", ["11", "1", "", "", "Quá số có mặt", "5", "1"], None, "poll.hands_invalid"),
        ("Nghị quyết", ["11", "1", "", "", "Thiếu số tán thành", "", ""], None, "import.value_missing"),
        ("Giám sát", ["Ban lạ", "Ban Kinh tế", "01/03/2025", "15/03/2025", "", ""], None, "import.value_unknown"),
        ("Giám sát", ["Sau hôm nay", "", "01/03/2025", "15/03/2025", "", "01/01/2099"], None, "backfill.date_future"),
        ("Giám sát", ["Ngày ngược", "", "15/03/2025", "01/03/2025", "", ""], None, "activity.dates_invalid"),
        ("Tiếp công dân", ["Hằng tuần", "15/05/2025", "3", "", ""], None, "import.value_invalid"),
        ("Tiếp công dân", ["Định kỳ", "15/05/2025", "-3", "", ""], None, "import.value_invalid"),
        ("Kiến nghị cử tri", ["Thẩm quyền lạ", "", "Cấp huyện", "20/06/2025", "", ""], None, "import.value_invalid"),
        ("Kiến nghị cử tri", ["Lùi ngày", "", "Cấp xã", "20/06/2025", "Đã giải quyết", "01/06/2025"], None, None),
        ("Kiến nghị cử tri", [*PETITION, "", "", "", "11", "", "", "", ""], None, "activity.petition_session_invalid"),
        (
            "Kiến nghị cử tri",
            [*PETITION, "", "", "", "", "Sau kỳ họp", "", "", ""],
            None,
            "activity.petition_session_invalid",
        ),
        (
            "Kiến nghị cử tri",
            [*PETITION, "", "", "", "14", "Trước kỳ họp", "", "", ""],
            None,
            "backfill.session_not_found",
        ),
        ("Kiến nghị cử tri", [*PETITION, "", "", "", "11", "Giữa kỳ họp", "", "", ""], None, "import.value_invalid"),
        (
            "Kiến nghị cử tri",
            [*PETITION, "Đã tiếp nhận", "", "", "", "", "Sở Y tế", "", ""],
            None,
            "backfill.petition_status_agency",
        ),
        (
            "Kiến nghị cử tri",
            [*PETITION, "", "", "", "", "", "Sở Y tế", "", "CV 1/SYT"],
            None,
            "backfill.petition_not_answered",
        ),
        (
            "Kiến nghị cử tri",
            [*PETITION, "Đã giải quyết", "01/08/2025", "", "", "", "Sở Y tế", "", ""],
            None,
            "activity.petition_answer_required",
        ),
        ("Kiến nghị cử tri", [*PETITION, "", "", "", "", "", "", "01/07/2025", ""], None, "import.value_missing"),
        (
            "Kiến nghị cử tri",
            [*PETITION, "", "", "", "", "", "Sở Y tế", "01/06/2025", ""],
            None,
            "activity.petition_date_invalid",
        ),
        (
            "Chất vấn",
            ["11", "9", "2", "", "Trịnh Văn Khải", "", "", "", "Phiên không có"],
            None,
            "backfill.sitting_unknown",
        ),
        (
            "Chất vấn",
            ["14", "1", "2", "", "Trịnh Văn Khải", "", "", "", "Kỳ họp không có"],
            None,
            "backfill.session_unknown",
        ),
        ("Chất vấn", ["11", "1", "41", "", "Trịnh Văn Khải", "", "", "", "Ghế không có"], None, "import.value_unknown"),
        (
            "Chất vấn",
            ["11", "1", "", "Người Lạ", "Trịnh Văn Khải", "", "", "", "Tên không có"],
            None,
            "import.value_unknown",
        ),
        (
            "Chất vấn",
            ["11", "1", "", "", "Trịnh Văn Khải", "", "", "", "Không ghi đại biểu"],
            None,
            "import.value_missing",
        ),
        (
            "Chất vấn",
            ["11", "1", "2", "", "Người Mới", "", "Sở Mới", "", "Thiếu chức vụ"],
            None,
            "import.value_missing",
        ),
        (
            "Chất vấn",
            ["11", "1", "2", "", "Người Mới", "Giám đốc", "", "", "Thiếu cơ quan"],
            None,
            "import.value_missing",
        ),
        ("Chất vấn", ["11", "1", "2", "", "Trịnh Văn Khải", "", "", "", ""], None, "import.value_missing"),
        (
            "Chất vấn",
            ["11", "1", "2", "", "Trịnh Văn Khải", "", "", "", "Kết quả lạ", "Hoãn"],
            None,
            "import.value_invalid",
        ),
        (
            "Chất vấn",
            [*ASKED, "Trả lời tại phiên họp", "Văn bản", "25/07/2025"],
            None,
            "backfill.question_answer_mismatch",
        ),
        ("Chất vấn", [*ASKED, "Trả lời bằng văn bản", "Văn bản", ""], None, "backfill.question_answer_mismatch"),
        ("Chất vấn", [*ASKED, "", "", "25/07/2025"], None, "backfill.question_answer_mismatch"),
        (
            "Chất vấn",
            ["11", "2", "2", "", "Trịnh Văn Khải", "", "", "", "Trả lời trước phiên", "", "Có", "01/07/2025"],
            None,
            "backfill.answer_before_sitting",
        ),
        ("Chất vấn", [*ASKED, "", "Văn bản", "25/07/2024"], None, "backfill.date_outside_year"),
        ("Chất vấn", QUESTIONS[1], None, "import.duplicate"),
    ],
)
def test_every_row_error_has_its_code_its_sheet_and_row_and_nothing_is_saved(council, sheet, row, at, code):
    before = state()
    errors = errors_of(post(council, workbook=workbook(_broken(sheet, row, at=at))))
    line = len(ALL[sheet]) + 1
    if code is None:  # a petition's status date before its reception: the service's own code
        assert [(s, r) for s, r, _ in errors] == [(sheet, line)]
    else:
        assert (sheet, line, code) in errors, errors
    assert state() == before


def test_a_year_without_a_term_is_refused_row_by_row(council):
    Term.objects.filter(council=council).update(start_date=dt.date(2025, 9, 1))
    errors = errors_of(post(council, workbook=workbook({"Kỳ họp": SESSIONS[:2], "Phiên họp": SITTINGS[:3]})))
    assert ("Kỳ họp", 2, "backfill.no_term") in errors
    assert ("Phiên họp", 2, "backfill.session_unknown") in errors


def file_error(response, code: str, status: int = 400) -> dict:
    assert response.status_code == status, response.content
    body = response.json()["error"]
    assert body["code"] == code, body
    return body


def test_whole_file_refusals_have_their_codes_and_save_nothing(council, django_user_model):
    before = state()
    file_error(post(council, workbook=workbook({"Lịch công tác": [["A"], ["1"]]})), "backfill.sheet_unknown")
    file_error(post(council, workbook=workbook({"Hướng dẫn": [["Đọc kỹ"]]})), "backfill.nothing")
    file_error(post(council), "backfill.nothing")
    both = post(council, workbook=workbook(ALL), sessions=csv(SESSIONS))
    file_error(both, "backfill.workbook_and_files")
    file_error(post(council, year=2099, workbook=workbook(ALL)), "backfill.year_invalid")
    file_error(post(council, year=1999, workbook=workbook(ALL)), "backfill.year_invalid")
    header = file_error(
        post(council, workbook=workbook({"Kỳ họp": [["Số", "Tên"], ["1", "x"]]})), "import.header_invalid"
    )
    assert header["details"]["sheet"] == "Kỳ họp"
    file_error(post(council, workbook=csv(SESSIONS)), "import.file_type")
    file_error(
        post(council, sessions="Kỳ họp thứ;Tên".encode("cp1258", errors="replace") + b"\xe0\xff"), "import.encoding"
    )
    with override_settings(NT={**__import__("django.conf").conf.settings.NT, "IMPORT_MAX_ROWS": 5}):
        file_error(post(council, workbook=workbook(ALL)), "import.file_too_large")
    other = make_role_user(make_council(), CouncilRoleKind.SECRETARIAT)
    file_error(post(council, user=other, workbook=workbook(ALL)), "council.forbidden", 403)
    assert state() == before


def test_the_templates_are_the_columns_the_import_reads(council):
    client = APIClient()
    response = client.get("/api/imports/council-year/template/")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    titles = list(ALL)
    assert book.sheetnames == ["Hướng dẫn", *titles[:4], "Lời hứa", *titles[4:]]
    assert [c.value for c in book["Nghị quyết"][1]][:6] == [
        "Kỳ họp thứ",
        "Phiên số",
        "Số nghị quyết",
        "Loại nghị quyết",
        "Lĩnh vực",
        "Tên nghị quyết",
    ]
    sessions = client.get("/api/imports/council-year/template/", {"sheet": "sessions"})
    assert sessions.content.decode("utf-8-sig").startswith("Kỳ họp thứ,Loại kỳ họp,Tên kỳ họp")
    assert client.get("/api/imports/council-year/template/", {"sheet": "x"}).status_code == 400
    # the empty template imports as "nothing", not as an error of its own
    client.force_authenticate(council.sec)
    file_error(post(council, workbook=response.content), "backfill.nothing")


def test_the_console_page_checks_then_imports_and_shows_row_errors(client, council):
    url = f"/console/councils/{council.pk}/import-year/"
    client.force_login(council.sec)
    page = client.get(url)
    assert page.status_code == 200
    assert b"/api/imports/council-year/template/" in page.content and "Nhập dữ liệu một năm đã qua" in page.text
    before = state()
    checked = client.post(url, {"year": YEAR, "dry_run": "1", "workbook": SimpleUploadedFile("n.xlsx", workbook(ALL))})
    assert checked.status_code == 200 and "chưa lưu" in checked.text and state() == before
    broken = _broken("Nghị quyết", ["11", "1", "NQ số 5", "", "Sai mẫu", "4", ""])
    refused = client.post(
        url, {"year": YEAR, "dry_run": "0", "workbook": SimpleUploadedFile("n.xlsx", workbook(broken))}
    )
    assert refused.status_code == 400 and 'id="row-errors"' in refused.text
    assert "Số nghị quyết “NQ số 5” không đúng mẫu" in refused.text and state() == before
    saved = client.post(url, {"year": YEAR, "dry_run": "0", "workbook": SimpleUploadedFile("n.xlsx", workbook(ALL))})
    assert saved.status_code == 200 and "Đã nhập và lưu dữ liệu năm 2025" in saved.text
    assert Session.objects.filter(council=council).count() == 2
    client.force_login(make_role_user(make_council(), CouncilRoleKind.SECRETARIAT))
    assert client.get(url).status_code == 403

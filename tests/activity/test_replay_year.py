"""Replaying a small council's year through the documented interfaces only: the REST API and the imports. The
test writes nothing through the ORM (its one account is made by ``createsuperuser``, as a deployment does);
then every council statistic of that year equals the count of its archive list with the same filters
(docs/activity.md, "Date basis"), and the year after holds none of it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from rest_framework.test import APIClient

from tests.activity.archive_lists import (
    ADOPTED,
    RECORD_LISTS,
    assert_figures_are_lists,
    excel_csv,
    list_count,
    status_count,
    workbook,
)

pytestmark = pytest.mark.django_db
YEAR = 2025

DELEGATES = [
    ["Số ghế", "Họ và tên", "Giới tính", "Năm sinh", "Chức vụ HĐND", "Ban", "Từ ngày"],
    ["1", "Hà Minh Quang", "Nam", "1972", "Chủ tịch HĐND", "", "01/07/2025"],
    ["2", "Lục Thị Thu Trang", "Nữ", "1980", "Phó Chủ tịch HĐND", "", "01/07/2025"],
    ["3", "Thân Văn Hậu", "Nam", "1976", "Trưởng ban", "Ban Kinh tế - Ngân sách", "01/07/2025"],
    ["4", "Khổng Thị Yến", "Nữ", "1985", "Trưởng ban", "Ban Văn hóa - Xã hội", "01/07/2025"],
    ["5", "Lã Đức Thịnh", "Nam", "1979", "Đại biểu", "Ban Kinh tế - Ngân sách", "01/07/2025"],
    ["6", "Quách Thị Ngân", "Nữ", "1990", "Đại biểu", "Ban Văn hóa - Xã hội", "01/07/2025"],
    ["7", "Doãn Văn Lộc", "Nam", "1968", "Đại biểu", "", "01/07/2025"],
]
YEAR_BOOK = {
    "Kỳ họp": [
        ["Kỳ họp thứ", "Loại kỳ họp", "Tên kỳ họp", "Ngày khai mạc", "Ngày bế mạc"],
        ["1", "Chuyên đề", "Kỳ họp thứ nhất sau khi thành lập xã", "02/07/2025", "02/07/2025"],
        ["2", "Thường lệ", "Kỳ họp thường lệ cuối năm 2025", "16/12/2025", "17/12/2025"],
    ],
    "Phiên họp": [
        ["Kỳ họp thứ", "Phiên số", "Ngày", "Giờ bắt đầu", "Ghế vắng mặt"],
        ["1", "1", "02/07/2025", "08:00", ""],
        ["2", "1", "16/12/2025", "08:00", "7"],
        ["2", "2", "17/12/2025", "08:00", "6; 7"],
    ],
    "Nghị quyết": [
        ["Kỳ họp thứ", "Phiên số", "Số nghị quyết", "Lĩnh vực", "Tên nghị quyết", "Tán thành", "Không tán thành"],
        ["1", "1", "01/NQ-HĐND", "Nhân sự, tổ chức bộ máy", "Nghị quyết thành lập các Ban", "7", "0"],
        ["1", "1", "02/NQ-HĐND", "Khác", "Nghị quyết về chương trình kỳ họp cuối năm", "6", "1"],
        ["2", "2", "03/NQ-HĐND", "Ngân sách, kinh tế - xã hội", "Nghị quyết về dự toán ngân sách năm 2026", "5", "0"],
        ["2", "2", "", "Ngân sách, kinh tế - xã hội", "Nghị quyết về đặt tên đường", "2", "3"],
    ],
    "Chất vấn": [
        ["Kỳ họp thứ", "Phiên số", "Số ghế", "Đại biểu chất vấn", "Người bị chất vấn", "Chức vụ", "Cơ quan"]
        + ["Nội dung chất vấn", "Kết quả trả lời", "Nội dung trả lời bằng văn bản", "Ngày trả lời bằng văn bản"],
        ["2", "1", "5", "", "Trần Quốc Việt", "Chủ tịch Ủy ban nhân dân xã", "Ủy ban nhân dân xã Sông Đào"]
        + ["Khi nào sửa xong cầu tràn thôn Đông?", "Trả lời tại phiên họp", "", ""],
        ["2", "1", "", "Quách Thị Ngân", "Trần Quốc Việt", "", "", "Rác thải ở chợ xã thu gom thế nào?"]
        + ["Trả lời bằng văn bản", "Đã ký hợp đồng thu gom hằng ngày.", "05/01/2026"],
        ["2", "2", "3", "", "Phan Văn Tú", "Trưởng Công an xã", "Công an xã Sông Đào", "An ninh trật tự ở chợ?"]
        + ["Trả lời bằng văn bản", "", ""],
        ["2", "2", "4", "", "Phan Văn Tú", "", "", "Lắp camera ở ngã ba?", "Chưa trả lời", "", ""],
    ],
    "Lời hứa": [  # question 1 of session 2: the first row of that session in the questioning sheet
        ["Kỳ họp thứ", "Số câu hỏi", "Nội dung lời hứa", "Hạn thực hiện", "Tình trạng", "Ngày hoàn thành"],
        ["2", "1", "Sửa xong cầu tràn thôn Đông trước Tết", "31/01/2026", "Đã hoàn thành", "20/01/2026"],
        ["2", "3", "Bố trí công an viên trực chợ phiên", "31/03/2026", "Đang thực hiện", ""],  # overdue since
    ],
    "Giám sát": [
        ["Chuyên đề giám sát", "Ban thực hiện", "Từ ngày", "Đến ngày", "Hạn nộp báo cáo", "Ngày nộp báo cáo"],
        ["Giám sát bếp ăn trường học", "Ban Văn hóa - Xã hội", "01/10/2025", "20/10/2025", "05/11/2025", "20/11/2025"],
    ],
    "Tiếp công dân": [
        ["Hình thức tiếp", "Ngày tiếp", "Lượt công dân", "Ý kiến, kiến nghị, phản ánh", "Đơn thư tiếp nhận"],
        ["Định kỳ", "15/08/2025", "9", "6", "2"],
        ["Thường xuyên", "10/09/2025", "14", "10", "5"],
    ],
    "Kiến nghị cử tri": [
        ["Nội dung kiến nghị", "Thẩm quyền giải quyết", "Ngày tiếp nhận", "Tình trạng", "Ngày cập nhật tình trạng"]
        + ["Kỳ họp thứ", "Thời điểm tiếp xúc", "Cơ quan trả lời", "Kết quả trả lời, giải quyết", "Văn bản trả lời"],
        ["Sửa chữa cầu tràn thôn Đông", "Cấp xã", "20/11/2025", "Đã giải quyết", "10/12/2025", "2", "Trước kỳ họp"]
        + ["Ủy ban nhân dân xã Sông Đào", "Đã sửa xong cầu tràn.", "Công văn số 45/UBND-KT"],
        ["Bổ sung đèn chiếu sáng", "Cấp xã", "20/11/2025", "Đang giải quyết", "01/12/2025", "2", "Trước kỳ họp"]
        + ["Ủy ban nhân dân xã Sông Đào", "", ""],
        ["Cấp giấy chứng nhận quyền sử dụng đất", "Cấp tỉnh", "20/11/2025", "", ""],
    ],
}


def _ok(response, status: int = 201) -> dict:
    assert response.status_code == status, response.content
    return response.json()


@pytest.fixture
def api(monkeypatch) -> APIClient:
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "quantri-thu-nghiem-2026")
    call_command("createsuperuser", "--noinput", username="quantri", email="qt@example.invalid", verbosity=0)
    client = APIClient(enforce_csrf_checks=True)
    token = _ok(client.get("/api/auth/login/"), 200)["csrf_token"]  # the documented REST log-in (session + CSRF)
    me = client.post(
        "/api/auth/login/",
        {"username": "quantri", "password": "quantri-thu-nghiem-2026"},
        format="json",
        HTTP_X_CSRFTOKEN=token,
    )
    client.credentials(HTTP_X_CSRFTOKEN=_ok(me, 200)["csrf_token"])
    return client


def replay(api: APIClient) -> int:
    council = _ok(
        api.post(
            "/api/councils/",
            {
                "name": "Hội đồng nhân dân xã Sông Đào",
                "level": "commune",
                "code": "song-dao",
                "place_name": "xã Sông Đào",
            },
            format="json",
        )
    )["id"]
    term = _ok(
        api.post(
            "/api/terms/",
            {
                "council": council,
                "label": "2021-2026",
                "ordinal": "nhiệm kỳ 2021-2026",
                "start_date": "2025-07-01",
                "end_date": "2026-03-15",
            },
            format="json",
        )
    )["id"]
    for name in ("Ban Kinh tế - Ngân sách", "Ban Văn hóa - Xã hội"):
        _ok(api.post("/api/committees/", {"term": term, "name": name}, format="json"))
    group = _ok(api.post("/api/delegate-groups/", {"term": term, "name": "Tổ đại biểu thôn Đông"}, format="json"))
    seats = _ok(
        api.post(
            "/api/imports/delegates/",
            {"council": council, "term": term, "file": SimpleUploadedFile("daibieu.csv", excel_csv(DELEGATES))},
            format="multipart",
        )
    )
    assert seats["count"] == 7
    book = {"council": council, "year": YEAR, "workbook": SimpleUploadedFile("nam-2025.xlsx", workbook(YEAR_BOOK))}
    preview = _ok(api.post("/api/imports/council-year/?dry_run=1", book, format="multipart"), 200)
    assert preview["saved"] is False
    book["workbook"].seek(0)
    done = _ok(api.post("/api/imports/council-year/", book, format="multipart"))
    assert done["counts"] == {
        "sessions": 2,
        "sittings": 3,
        "resolutions": 4,
        "questions": 4,
        "promises": 2,
        "supervisions": 1,
        "receptions": 2,
        "petitions": 3,
    }
    # what the import does not carry goes through the REST records
    people = [row["person"] for row in seats["rows"]]
    _ok(
        api.post(
            "/api/activity/surveys/",
            {"council": council, "title": "Khảo sát điểm trường", "date": "2025-09-05", "delegates": people[:2]},
            format="json",
        )
    )
    _ok(
        api.post(
            "/api/activity/voter-meetings/",
            {"council": council, "group": group["id"], "date": "2025-11-20", "voters_attending": 85},
            format="json",
        )
    )
    _ok(
        api.post(
            "/api/activity/good-practices/",
            {
                "council": council,
                "title": "Tổ tự quản đường làng",
                "description": "Mô tả",
                "recognized_on": "2025-12-01",
            },
            format="json",
        )
    )
    _ok(
        api.post(
            "/api/activity/surveys/",
            {"council": council, "title": "Khảo sát năm sau", "date": "2026-01-10"},
            format="json",
        )
    )
    return int(council)


def test_a_replayed_year_gives_statistics_equal_to_the_archive_lists(api):
    council = replay(api)
    stats = _ok(api.get(f"/api/statistics/councils/{council}/", {"year": YEAR}), 200)["statistics"]
    same = {"council": council, "year": YEAR}
    records = {**dict.fromkeys(RECORD_LISTS, 1), "citizen_receptions": 2, "petitions_total": 3}
    held = {"sessions_total": 2, "sessions_regular": 1, "sessions_thematic": 1, "sittings": 3}
    # questioning and its promises: dated by their sitting, listed by the same council and year
    questioning = {"questions_registered": 4, "questions_asked": 2, "questions_answered_live": 1}
    questioning |= {"questions_answered_written": 1, "questions_written_pending": 1, "questions_written_overdue": 1}
    questioning |= {"promises_total": 2, "promises_done": 1, "promises_overdue": 1}
    expected = {**held, "polls": 4, "resolutions_adopted": 3, **records, **questioning}
    assert_figures_are_lists(api, stats, council=council, year=YEAR, expected=expected)
    by_category = {row["category"]: row["count"] for row in stats["resolutions_by_category"]}
    for code in ("personnel", "other", "budget"):
        assert by_category[code] == status_count(api, "/api/resolutions/", *ADOPTED, category=code, **same) == 1, code
    assert status_count(api, "/api/resolutions/", "rejected", **same) == 1  # the draft not adopted has no number
    for key, status in (
        ("petitions_resolved", "resolved"),
        ("petitions_in_progress", "in_progress"),
        ("petitions_received", "received"),
    ):
        assert stats[key] == list_count(api, "/api/activity/petitions/", status=status, **same) == 1, key

    # the written answer of January 2026 stays the 2025 sitting's
    assert list_count(api, "/api/questions/", council=council, year=YEAR, answered="true") == 2
    assert list_count(api, "/api/questions/", council=council, year=YEAR + 1) == 0
    assert list_count(api, "/api/promises/", council=council, year=YEAR + 1) == 0
    assert list_count(api, "/api/promises/", council=council, due_year=YEAR + 1) == 2
    # petitions per session, with their agency
    session_2 = api.get("/api/sessions/", {"council": council, "year": YEAR, "status": "closed"}).json()["results"]
    second = next(row["id"] for row in session_2 if row["number"] == 2)
    assert list_count(api, "/api/activity/petitions/", session=second, session_phase="before") == 2
    assert (
        list_count(api, "/api/activity/petitions/", session=second, status="resolved")
        == stats["petitions_resolved"]
        == 1
    )
    assert (stats["receptions_periodic"], stats["citizens_periodic"], stats["complaints_periodic"]) == (1, 9, 2)
    assert (stats["receptions_regular"], stats["citizens_regular"], stats["complaints_regular"]) == (1, 14, 5)
    assert stats["supervision_reports_late"] == 1  # filed 20/11 for a report due 05/11

    # The resolutions carry their legal dates and Decree 30 numbers in the archive too.
    published = api.get("/api/resolutions/", {"council": council, "year": YEAR, "status": "published"}).json()
    numbers = sorted(r["number"] for r in published["results"])
    assert numbers == ["01/NQ-HĐND", "02/NQ-HĐND", "03/NQ-HĐND"]

    after = _ok(api.get(f"/api/statistics/councils/{council}/", {"year": YEAR + 1}), 200)["statistics"]
    assert (after["sessions_total"], after["resolutions_adopted"], after["polls"]) == (0, 0, 0)
    assert after["surveys"] == list_count(api, "/api/activity/surveys/", council=council, year=YEAR + 1) == 1

"""Importing a delegate list from CSV/XLSX: preview, per-row errors, all or nothing, clear refusals."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from rest_framework.test import APIClient

from core.audit import audit_verify
from sessions_app.models import AuditEntry, Committee, DelegateGroup, Membership, Person
from tests.factories import Council_

pytestmark = pytest.mark.django_db

HEADER = "Số ghế;Họ và tên;Giới tính;Năm sinh;Chức vụ HĐND;Ban;Tổ đại biểu;Chuyên trách;Từ ngày"
ROWS = [
    "6;Trương Thị Mỹ Hạnh;Nữ;1981;Phó Trưởng ban;Ban Pháp chế;Tổ số 1;không;01/07/2026",
    "7;Lương Đình Khoa;nam;1975;Đại biểu;;Tổ số 1;;2026-07-01",
]


@pytest.fixture
def c():
    council = Council_(n=5)
    Committee.objects.create(council=council.council, term=council.term, name="Ban Pháp chế")
    DelegateGroup.objects.create(council=council.council, term=council.term, name="Tổ số 1")
    return council


def upload(c, content: bytes, *, name: str = "daibieu.csv", dry_run: bool = False, user=None):
    client = APIClient()
    client.force_authenticate(user if user is not None else c.secretariat)
    query = "?dry_run=1" if dry_run else ""
    return client.post(
        f"/api/imports/delegates/{query}",
        {
            "council": c.council.pk,
            "term": c.term.pk,
            "file": SimpleUploadedFile(name, content),
        },
        format="multipart",
    )


def csv_bytes(*lines: str, bom: bool = True) -> bytes:
    return ("\ufeff" if bom else "").encode() + "\r\n".join(lines).encode("utf-8")


def cp1258(text: str) -> bytes:
    """Windows-1258 as old Excel writes it: precomposed base letters (ô, ư, đ...) plus a combining tone mark."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        out.append(
            unicodedata.normalize("NFC", "".join(p for p in parts if p not in tones))
            + "".join(p for p in parts if p in tones)
        )
    return "".join(out).encode("cp1258")


def state() -> tuple[int, int, int]:
    return Membership.objects.count(), Person.objects.count(), AuditEntry.objects.count()


def test_dry_run_previews_and_saves_nothing_then_the_import_saves_every_row(c):
    before = state()
    preview = upload(c, csv_bytes(HEADER, *ROWS), dry_run=True)
    assert preview.status_code == 200, preview.json()
    assert preview.json()["saved"] is False and [r["seat"] for r in preview.json()["rows"]] == [6, 7]
    assert state() == before
    done = upload(c, csv_bytes(HEADER, *ROWS))
    assert done.status_code == 201 and done.json()["count"] == 2
    hanh = Membership.objects.get(council=c.council, seat=6)
    assert hanh.person.full_name == "Trương Thị Mỹ Hạnh" and hanh.person.gender == "female"
    assert hanh.role == "committee_deputy" and hanh.committee.name == "Ban Pháp chế" and hanh.group.name == "Tổ số 1"
    assert hanh.start_date == dt.date(2026, 7, 1) and not hanh.full_time
    assert audit_verify() is None


def test_headers_match_without_diacritics_and_a_plain_utf8_csv_is_accepted(c):
    content = csv_bytes("SO GHE,ho va ten,TU NGAY", "8,Mai Văn Sơn,01/07/2026", bom=False)
    response = upload(c, content)
    assert response.status_code == 201 and Membership.objects.filter(council=c.council, seat=8).exists()


def test_xlsx_with_typed_cells(c):
    book = Workbook()
    sheet = book.active
    sheet.append(["Số ghế", "Họ và tên", "Năm sinh", "Từ ngày"])
    sheet.append([9, "Đinh Thị Vân", 1990, dt.datetime(2026, 7, 1)])
    buffer = io.BytesIO()
    book.save(buffer)
    response = upload(c, buffer.getvalue(), name="daibieu.xlsx")
    assert response.status_code == 201, response.json()
    seat = Membership.objects.get(council=c.council, seat=9)
    assert seat.person.birth_year == 1990 and seat.start_date == dt.date(2026, 7, 1)


def test_windows_1258_csv_is_refused_with_a_clear_message(c):
    before = state()
    content = cp1258("\r\n".join([HEADER, ROWS[1]]))
    response = upload(c, content)
    error = response.json()["error"]
    assert response.status_code == 400 and error["code"] == "import.encoding"
    assert "CSV UTF-8" in error["messages"]["vi"] and "Windows-1258" in error["messages"]["en"]
    assert state() == before


def test_wrong_header_names_the_missing_and_unknown_columns(c):
    response = upload(c, csv_bytes("Ghế;Họ và tên;Quê quán", "1;A;B"))
    error = response.json()["error"]
    assert response.status_code == 400 and error["code"] == "import.header_invalid"
    assert error["details"] == {"missing": ["Số ghế", "Từ ngày"], "unknown": ["Ghế", "Quê quán"]}


def test_every_bad_row_is_reported_and_nothing_is_saved(c):
    before = state()
    rows = [
        ROWS[0],
        "6;Người Trùng Ghế;Nữ;1980;;;;;01/07/2026",  # seat 6 again
        "10;Trương Thị Mỹ Hạnh;Nữ;1981;;;;;01/07/2026",  # same person again
        "11;Ngày Sai;Nam;1970;;;;;31/02/2026",  # no such date
        "12;Ban Lạ;Nam;1970;;Ban Không Có;;;01/07/2026",  # unknown committee
        "13;Giới Lạ;Không rõ;1970;;;;;01/07/2026",  # bad gender
        "1;Ghế Đã Có;Nam;1970;;;;;01/07/2026",  # seat held by a current delegate
        "14;;Nam;1970;;;;;01/07/2026",  # no name
        ROWS[1],
    ]
    response = upload(c, csv_bytes(HEADER, *rows))
    error = response.json()["error"]
    assert response.status_code == 400 and error["code"] == "import.rows_invalid"
    reported = {e["row"]: e["code"] for e in error["details"]["errors"]}
    assert reported == {
        3: "import.duplicate",
        4: "import.duplicate",
        5: "import.value_invalid",
        6: "import.value_unknown",
        7: "import.value_invalid",
        8: "membership.seat_taken",
        9: "import.value_missing",
    }
    assert all(e["messages"]["vi"] and e["messages"]["en"] for e in error["details"]["errors"])
    assert state() == before


def test_importing_the_same_list_twice_reports_the_overlap(c):
    assert upload(c, csv_bytes(HEADER, *ROWS)).status_code == 201
    before = state()
    response = upload(c, csv_bytes(HEADER, *ROWS))
    codes = {e["row"]: e["code"] for e in response.json()["error"]["details"]["errors"]}
    assert codes == {2: "membership.overlap", 3: "membership.overlap"}
    assert state() == before


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "import.file_empty"),
        (csv_bytes(HEADER), "import.file_empty"),
        (b"PK\x03\x04 not really a workbook", "import.file_type"),
    ],
)
def test_empty_and_broken_files(c, content, code):
    response = upload(c, content)
    assert response.status_code == 400 and response.json()["error"]["code"] == code


def test_only_the_council_secretariat_may_import(c):
    other = Council_(n=1)
    assert upload(c, csv_bytes(HEADER, *ROWS), user=other.secretariat).status_code == 403
    assert upload(c, csv_bytes(HEADER, *ROWS), user=c.delegates[0].user).status_code == 403
    anonymous = APIClient().post(
        "/api/imports/delegates/",
        {"council": c.council.pk, "term": c.term.pk, "file": SimpleUploadedFile("a.csv", b"x")},
    )
    assert anonymous.status_code in (401, 403) and anonymous.json()["error"]["code"] == "auth.required"


def test_bad_form_input(c):
    client = APIClient()
    client.force_authenticate(c.secretariat)
    assert (
        client.post("/api/imports/delegates/", {"council": "x", "term": c.term.pk}).json()["error"]["code"]
        == "request.invalid"
    )
    response = client.post(
        "/api/imports/delegates/?dry_run=maybe",
        {"council": c.council.pk, "term": c.term.pk, "file": SimpleUploadedFile("a.csv", b"x")},
    )
    assert response.status_code == 400 and response.json()["error"]["code"] == "request.invalid"
    other = Council_(n=1)
    response = client.post(
        "/api/imports/delegates/",
        {"council": c.council.pk, "term": other.term.pk, "file": SimpleUploadedFile("a.csv", csv_bytes(HEADER, *ROWS))},
    )
    assert response.status_code == 400 and response.json()["error"]["code"] == "session.term_mismatch"

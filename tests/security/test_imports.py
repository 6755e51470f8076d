"""Hostile import files (issue 14, point 9): each is refused with 400 and a code, at bounded cost, and
nothing is saved. Times and memory are measured in the report, not asserted."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from rest_framework.test import APIClient

from sessions_app.models import Membership
from tests.factories import Council_

pytestmark = pytest.mark.django_db
HEADER = "Số ghế;Họ và tên;Giới tính;Năm sinh;Chức vụ HĐND;Ban;Tổ đại biểu;Chuyên trách;Từ ngày"


def _upload(hall: Council_, content: bytes, name: str):
    client = APIClient()
    client.force_authenticate(hall.secretariat)
    return client.post(
        "/api/imports/delegates/",
        {"council": hall.council.pk, "term": hall.term.pk, "file": SimpleUploadedFile(name, content)},
        format="multipart",
    )


def _xlsx(**replace: bytes) -> bytes:
    """A real workbook with some parts replaced by the given bytes."""
    book = Workbook()
    book.active.append(HEADER.split(";"))
    book.active.append(["6", "Trương Thị Mỹ Hạnh", "Nữ", "1981", "Đại biểu", "", "", "", "01/07/2026"])
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, replace.pop(info.filename, source.read(info.filename)))
        for name, data in replace.items():
            target.writestr(name, data)
    return out.getvalue()


def _refused(hall: Council_, content: bytes, name: str, code: str) -> None:
    before = Membership.objects.count()
    response = _upload(hall, content, name)
    assert response.status_code == 400, response.content[:300]
    assert response.json()["error"]["code"] == code
    assert Membership.objects.count() == before


@pytest.fixture
def hall(db) -> Council_:
    return Council_(n=1)


def test_a_csv_field_over_the_csv_limit_is_refused(hall) -> None:
    content = (HEADER + "\r\n6;" + '"' + "A" * 200_000 + '"' + ";Nữ;1981;Đại biểu;;;;01/07/2026\r\n").encode()
    _refused(hall, content, "a.csv", "import.malformed")


def test_a_long_cell_under_the_csv_limit_is_refused_too(hall) -> None:
    content = (HEADER + "\r\n6;" + "A" * 100_000 + ";Nữ;1981;Đại biểu;;;;01/07/2026\r\n").encode()
    _refused(hall, content, "a.csv", "import.malformed")


def test_malformed_sheet_xml_is_refused(hall) -> None:
    _refused(
        hall, _xlsx(**{"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row><c"}), "a.xlsx", "import.malformed"
    )


def test_entity_expansion_is_refused(hall) -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><si><t>&lol3;</t></si></sst>'
    )
    _refused(hall, _xlsx(**{"xl/sharedStrings.xml": laughs}), "a.xlsx", "import.malformed")


def _sheet(rows: bytes) -> bytes:
    return (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>" + rows + b"</sheetData></worksheet>"
    )


def test_a_zip_bomb_is_refused_from_the_directory(hall) -> None:
    bomb = _xlsx(**{"xl/worksheets/sheet1.xml": _sheet(b"<row/>" * 6_000_000)})
    assert len(bomb) < 200_000
    _refused(hall, bomb, "a.xlsx", "import.file_too_large")


def test_blank_rows_under_the_size_bound_stop_at_the_row_cap(hall, settings) -> None:
    rows = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' + b"<row/>" * 600_000
    _refused(hall, _xlsx(**{"xl/worksheets/sheet1.xml": _sheet(rows)}), "a.xlsx", "import.file_too_large")


def test_too_many_rows_stop_reading(hall, settings) -> None:
    settings.NT = {**settings.NT, "IMPORT_MAX_ROWS": 50}
    lines = [HEADER] + [f"{n};Người Thử {n};Nữ;1981;Đại biểu;;;;01/07/2026" for n in range(10, 200)]
    _refused(hall, "\r\n".join(lines).encode(), "a.csv", "import.file_too_large")


def test_a_huge_shared_string_table_is_refused(hall) -> None:
    strings = (
        b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + "<si><t>Nguyễn Văn A</t></si>".encode() * 400_000
        + b"</sst>"
    )
    _refused(hall, _xlsx(**{"xl/sharedStrings.xml": strings}), "a.xlsx", "import.file_too_large")

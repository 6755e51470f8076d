"""Importing paper question slips: matched delegates and respondents, all or nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from agenda.models import Question
from agenda.services import official_create, session_respondent_add
from sessions_app.models import AuditEntry
from tests.factories import Council_
from tests.opendata.test_imports_delegates import cp1258

pytestmark = pytest.mark.django_db
HEADER = "Số ghế,Đại biểu,Người bị chất vấn,Nội dung chất vấn"


@pytest.fixture
def c():
    council = Council_(n=3)
    council.official = official_create(
        actor=council.secretariat,
        council=council.council,
        full_name="Quan Chức Thử",
        title="Giám đốc Sở Y tế",
        agency="Sở Y tế",
    )
    session_respondent_add(actor=council.secretariat, session=council.session, official=council.official)
    return council


def upload(c, *lines: str, dry_run: bool = False, user=None):
    return upload_bytes(c, ("\ufeff" + "\r\n".join(lines)).encode("utf-8"), dry_run=dry_run, user=user)


def upload_bytes(c, content: bytes, *, dry_run: bool = False, user=None):
    client = APIClient()
    client.force_authenticate(user or c.secretariat)
    return client.post(
        f"/api/imports/question-slips/{'?dry_run=1' if dry_run else ''}",
        {
            "session": c.session.pk,
            "file": SimpleUploadedFile("phieu.csv", content),
        },
        format="multipart",
    )


def test_slips_are_registered_for_their_delegates(c):
    second = c.delegates[1]
    lines = [
        HEADER,
        "1,,quan chuc thu,Vì sao trạm y tế xã thiếu thuốc?",
        f",{second.full_name.upper()},Quan Chức Thử,Kế hoạch nâng cấp bệnh viện huyện?",
    ]
    preview = upload(c, *lines, dry_run=True)
    assert preview.status_code == 200 and preview.json()["count"] == 2 and not Question.objects.exists()
    response = upload(c, *lines)
    assert response.status_code == 201
    questions = list(Question.objects.order_by("pk"))
    assert [(q.asker, q.respondent, q.source) for q in questions] == [
        (c.delegates[0], c.official, "secretariat"),
        (second, c.official, "secretariat"),
    ]


def test_unknown_delegates_respondents_and_repeated_slips_are_reported_and_nothing_saved(c):
    response = upload(
        c,
        HEADER,
        "1,,Quan Chức Thử,Câu hỏi hợp lệ",
        "99,,Quan Chức Thử,Ghế không có",
        ",Người Lạ,Quan Chức Thử,Không phải đại biểu",
        "2,,Ông Không Có,Người trả lời lạ",
        "1,,Quan Chức Thử,Câu hỏi hợp lệ",
        "3,,Quan Chức Thử,",
    )
    errors = {e["row"]: e["code"] for e in response.json()["error"]["details"]["errors"]}
    assert errors == {
        3: "import.value_unknown",
        4: "import.value_unknown",
        5: "import.value_unknown",
        6: "import.duplicate",
        7: "import.value_missing",
    }
    assert not Question.objects.exists()


def test_delegates_cannot_import_slips(c):
    response = upload(c, HEADER, "1,,Quan Chức Thử,Câu hỏi", user=c.delegates[0].user)
    assert response.status_code == 403 and not Question.objects.exists()


def test_a_windows_1258_file_is_refused_with_a_clear_message(c):
    before = AuditEntry.objects.count()
    response = upload_bytes(c, cp1258("\r\n".join([HEADER, "1,,Quan Chức Thử,Vì sao đường liên xã chậm tiến độ?"])))
    error = response.json()["error"]
    assert response.status_code == 400 and error["code"] == "import.encoding"
    assert "Windows-1258" in error["messages"]["en"]
    assert not Question.objects.exists() and AuditEntry.objects.count() == before


def test_a_wrong_header_names_the_missing_and_unknown_columns(c):
    response = upload(c, "Số ghế,Người hỏi,Nội dung chất vấn", "1,A,Câu hỏi")
    error = response.json()["error"]
    assert response.status_code == 400 and error["code"] == "import.header_invalid"
    assert error["details"] == {"missing": ["Người bị chất vấn"], "unknown": ["Người hỏi"]}
    assert not Question.objects.exists()

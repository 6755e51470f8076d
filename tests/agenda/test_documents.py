import pytest
from rest_framework.test import APIClient

from agenda import services
from agenda.models import Document, DocumentVersion
from agenda.selectors import documents_state
from core.errors import ServiceError
from core.uploads import upload_sniff
from tests.agenda.helpers import Replay, office_bytes, pdf_bytes, upload
from tests.factories import Council_

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("to-trinh.bin", pdf_bytes(), "application/pdf"),
        (
            "du-thao.pdf",
            office_bytes("word"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("bang.docx", office_bytes("xl"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("anh.jpg", PNG, "image/png"),
        ("anh.png", JPEG, "image/jpeg"),
    ],
)
def test_type_comes_from_content_not_name(name, content, expected):
    file = upload(name, content)
    assert upload_sniff(file, size=file.size).content_type == expected


@pytest.mark.parametrize(
    "content",
    [b"<html><script>alert(1)</script></html>", b"PK\x03\x04not really a zip", office_bytes("ppt"), b"%PD"],
)
def test_files_that_are_not_what_they_claim_are_refused(content):
    file = upload("bao-cao.pdf", content, "application/pdf")
    with pytest.raises(ServiceError) as err:
        upload_sniff(file, size=file.size)
    assert err.value.code == "document.type_not_allowed"


@pytest.fixture
def c():
    c = Council_(n=2)
    c.item = services.agenda_item_create(actor=c.secretariat, session=c.session, title="Dự toán ngân sách")
    return c


def test_upload_versions_and_public_flag_reach_the_stream(c):
    replay = Replay(c.session)
    document = services.document_upload(
        actor=c.secretariat, item=c.item, title="Tờ trình dự toán", kind="submission", file=upload("a.pdf", pdf_bytes())
    )
    services.document_version_add(actor=c.secretariat, document=document, file=upload("b.docx", office_bytes("word")))
    assert list(document.versions.values_list("number", "content_type")) == [
        (1, "application/pdf"),
        (2, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ]
    assert documents_state(session=c.session, audience="public") == {}
    services.document_update(actor=c.secretariat, document=document, is_public=True)
    public = documents_state(session=c.session, audience="public")[str(document.pk)]
    assert public["latest"]["number"] == 2 and public["kind"] == "submission"
    services.document_update(actor=c.secretariat, document=document, is_public=False)
    frames = replay.check()
    assert [f["type"] for f in frames["public"]] == ["document.updated", "document.updated"]


def test_oversized_and_fake_files_change_nothing(c, settings):
    settings.NT = {**settings.NT, "UPLOAD_MAX_BYTES": 1024}
    events = c.session.stream_events.count()
    big = upload("lon.pdf", pdf_bytes() + b"0" * 2000)
    with pytest.raises(ServiceError) as err:
        services.document_upload(actor=c.secretariat, item=c.item, title="Quá lớn", file=big)
    assert err.value.code == "document.too_large"
    assert err.value.status == 413
    assert "tối đa 1 KB" in err.value.message_vi
    with pytest.raises(ServiceError) as err:
        services.document_upload(
            actor=c.secretariat,
            item=c.item,
            title="Giả PDF",
            file=upload("gia.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"),
        )
    assert err.value.code == "document.type_not_allowed"
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()
    assert c.session.stream_events.count() == events


def test_download_inline_pdf_with_nosniff_and_private_documents_only_for_the_council(c):
    public_doc = services.document_upload(
        actor=c.secretariat, item=c.item, title="Báo cáo công khai", file=upload("x.pdf", pdf_bytes()), is_public=True
    )
    private_doc = services.document_upload(
        actor=c.secretariat, item=c.item, title="Dự thảo nội bộ", file=upload("y.xlsx", office_bytes("xl"))
    )
    anonymous = APIClient()
    response = anonymous.get(f"/api/documents/{public_doc.pk}/file")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == pdf_bytes()
    response = anonymous.get(f"/api/documents/{private_doc.pk}/versions/1/file")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "auth.required"
    stranger = APIClient()
    stranger.force_login(Council_(n=1).delegates[0].user)
    assert stranger.get(f"/api/documents/{private_doc.pk}/file").json()["error"]["code"] == "council.forbidden"
    member = APIClient()
    member.force_login(c.delegates[0].user)
    response = member.get(f"/api/documents/{private_doc.pk}/file")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert member.get(f"/api/documents/{private_doc.pk}/versions/9/file").status_code == 404
    listed = anonymous.get("/api/documents/", {"session": c.session.pk}).json()["results"]
    assert [d["id"] for d in listed] == [public_doc.pk]


def test_rest_upload_refuses_a_fake_pdf_with_a_clear_error(c):
    client = APIClient()
    client.force_login(c.secretariat)
    fake = upload("to-trinh.pdf", b"GIF89a definitely not a pdf", "application/pdf")
    response = client.post(
        "/api/documents/",
        {"item": c.item.pk, "title": "Tờ trình", "kind": "submission", "file": fake},
        format="multipart",
    )
    assert response.status_code == 415
    body = response.json()["error"]
    assert body["code"] == "document.type_not_allowed"
    assert body["messages"]["en"].startswith("The file is not")
    assert not Document.objects.exists()
    good = upload("to-trinh.pdf", pdf_bytes(), "application/pdf")
    response = client.post(
        "/api/documents/",
        {"item": c.item.pk, "title": "Tờ trình", "kind": "submission", "file": good},
        format="multipart",
    )
    assert response.status_code == 201
    assert response.json()["versions"][0]["content_type"] == "application/pdf"

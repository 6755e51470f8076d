"""Resolution documents get the checks of agenda documents (issue 14, point 8); OPTIONS never fails
(point 10)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from tests.agenda.helpers import pdf_bytes
from tests.factories import Council_
from voting.models import Resolution

pytestmark = pytest.mark.django_db


def _create(hall: Council_, document: SimpleUploadedFile):
    client = APIClient()
    client.force_authenticate(hall.secretariat)
    return client.post(
        "/api/resolutions/",
        {"session": hall.session.pk, "number": "01/2026/NQ-HĐND", "title": "Nghị quyết thử", "document": document},
        format="multipart",
    )


@pytest.mark.parametrize(
    "name, content",
    [
        ("nq.html", b"<html><script>alert(1)</script></html>"),
        ("nq.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("nq.pdf", b"<html>not a pdf</html>"),
    ],
)
def test_resolution_documents_are_recognised_by_content(name, content) -> None:
    hall = Council_(n=1)
    response = _create(hall, SimpleUploadedFile(name, content, content_type="application/pdf"))
    assert response.status_code == 415 and response.json()["error"]["code"] == "document.type_not_allowed"
    assert not Resolution.objects.exists()


def test_resolution_documents_have_the_upload_limit(settings) -> None:
    settings.NT = {**settings.NT, "UPLOAD_MAX_BYTES": 1024}
    hall = Council_(n=1)
    response = _create(hall, SimpleUploadedFile("nq.pdf", pdf_bytes() + b"0" * 2048, content_type="application/pdf"))
    assert response.status_code == 413 and response.json()["error"]["code"] == "document.too_large"
    assert not Resolution.objects.exists()


def test_a_real_pdf_is_stored_under_a_name_the_server_chooses() -> None:
    hall = Council_(n=1)
    response = _create(hall, SimpleUploadedFile("../../x.html", pdf_bytes(), content_type="text/html"))
    assert response.status_code == 201
    resolution = Resolution.objects.get()
    assert resolution.document.name.endswith(f"nghi-quyet-{resolution.pk}.pdf")


@pytest.mark.parametrize(
    "path",
    [
        "/api/sittings/{id}/attendance/",
        "/api/sittings/{id}/check-in/",
        "/api/polls/",
        "/api/resolutions/",
        "/api/agenda-items/",
    ],
)
def test_anonymous_options_is_answered_not_failed(path) -> None:
    hall = Council_(n=1)
    response = APIClient().options(path.format(id=hall.sitting.pk))
    assert response.status_code == 405 and response.json()["error"]["code"] == "method.not_allowed"
    assert "Allow" in response

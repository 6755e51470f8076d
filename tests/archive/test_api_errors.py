"""The API answers JSON errors everywhere, and its schema documents them."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/api/councils/1.5/",
        "/api/no-such-endpoint/",
        "/api/resolutions/x/akn.xml",
        "/api/sittings/%C2%8F%C2%88/attendance/",
    ],
)
def test_unmatched_or_malformed_ids_get_the_json_envelope(path):
    response = APIClient().get(path)
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == "not_found"


def test_pages_outside_the_api_keep_the_html_404():
    response = APIClient().get("/khong-co-trang-nay/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


def test_every_operation_documents_the_error_envelope():
    schema = APIClient().get("/api/schema/", HTTP_ACCEPT="application/json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status in ("400", "401", "403", "404", "429"):
                assert status in operation["responses"], (method, path, status)
    assert "ErrorEnvelope" in schema["components"]["schemas"]

"""Conditional requests on the archive: an ETag on lists and details, 304 when it still matches."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from voting.models import Resolution

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/api/resolutions/",
        "/api/sessions/",
        "/api/councils/",
        "/api/popolo/vote-events/",
        "/api/polls/",
        "/api/questions/",
    ],
)
def test_lists_answer_304_while_nothing_changed(record, path):
    client = APIClient()
    first = client.get(path)
    assert first.status_code == 200 and first["ETag"]
    again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert client.get(path, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_a_detail_etag_changes_when_the_resource_changes(record):
    client = APIClient()
    resolution = record.resolutions["named"]
    path = f"/api/resolutions/{resolution.pk}/"
    etag = client.get(path)["ETag"]
    assert client.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304
    Resolution.objects.filter(pk=resolution.pk).update(title="Kế hoạch đầu tư công năm 2027 (sửa đổi)")
    changed = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_akn_and_exports_are_conditional_too(record):
    client = APIClient()
    for path in (f"/api/resolutions/{record.resolutions['named'].pk}/akn.xml", "/api/exports/resolutions.csv"):
        etag = client.get(path)["ETag"]
        assert client.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304

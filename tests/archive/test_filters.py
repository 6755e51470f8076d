"""Archive filters, ordering, diacritics-insensitive search and their bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from tests.factories import make_session
from voting.models import Resolution


def get(path: str, **params):
    return APIClient().get(path, params)


def numbers(response) -> list[str]:
    return [r["number"] for r in response.json()["results"]]


def test_resolution_search_ignores_diacritics_and_case(record):
    assert numbers(get("/api/resolutions/", search="KE HOACH dau tu")) == ["15/2026/NQ-HĐND"]
    assert numbers(get("/api/resolutions/", search="phí tham quan")) == ["17/2026/NQ-HĐND"]
    assert numbers(get("/api/resolutions/", search="giao uy ban", ordering="number")) == [
        "15/2026/NQ-HĐND",
        "16/2026/NQ-HĐND",
        "17/2026/NQ-HĐND",
    ]
    assert numbers(get("/api/resolutions/", search="không có chữ này")) == []


def test_resolution_filters_and_ordering(record):
    council = record.hall.c.council
    assert numbers(get("/api/resolutions/", ordering="-number")) == [
        "17/2026/NQ-HĐND",
        "16/2026/NQ-HĐND",
        "15/2026/NQ-HĐND",
    ]
    assert len(numbers(get("/api/resolutions/", council=council.pk, level="province", status="published"))) == 3
    assert numbers(get("/api/resolutions/", level="commune")) == []
    # A resolution's date is its adopting sitting's, not the moment someone clicked.
    Resolution.objects.filter(number="16/2026/NQ-HĐND").update(
        decided_at=dt.datetime(2027, 6, 1, 3, tzinfo=dt.UTC), adopted_on=dt.date(2025, 6, 1)
    )
    assert numbers(get("/api/resolutions/", year=2025)) == ["16/2026/NQ-HĐND"]
    assert numbers(get("/api/resolutions/", date_from="2025-05-01", date_to="2025-06-30")) == ["16/2026/NQ-HĐND"]


def test_session_filters(record):
    c = record.hall.c
    other = make_session(c.council, c.term, number=2)
    other.type = "thematic"
    other.title = "Kỳ họp chuyên đề về đất đai"
    other.save()
    titles = lambda response: [s["title"] for s in response.json()["results"]]  # noqa: E731
    assert titles(get("/api/sessions/", type="thematic")) == ["Kỳ họp chuyên đề về đất đai"]
    assert titles(get("/api/sessions/", search="DAT DAI")) == ["Kỳ họp chuyên đề về đất đai"]
    assert titles(get("/api/sessions/", council=c.council.pk, ordering="number")) == [
        "Kỳ họp thứ 1",
        "Kỳ họp chuyên đề về đất đai",
    ]
    assert titles(get("/api/sessions/", year=1999)) == []


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/api/resolutions/", {"ordering": "password"}, "ordering"),
        ("/api/resolutions/", {"date_from": "31/12/2026"}, "date_from"),
        ("/api/resolutions/", {"date_from": "2026-02-30"}, "date_from"),
        ("/api/resolutions/", {"date_from": "2026-12-31", "date_to": "2026-01-01"}, "date_to"),
        ("/api/resolutions/", {"year": "năm nay"}, "year"),
        ("/api/resolutions/", {"council": "99999999999999999999999"}, "council"),
        ("/api/resolutions/", {"level": "galaxy"}, "level"),
        ("/api/sessions/", {"type": "secret"}, "type"),
        ("/api/sessions/", {"ordering": "-id; drop table"}, "ordering"),
        ("/api/sessions/", {"council": "abc"}, "council"),
    ],
)
def test_malformed_filters_are_refused_with_the_field_named(record, path, params, field):
    response = get(path, **params)
    error = response.json()["error"]
    assert response.status_code == 400 and error["code"] == "request.invalid"
    assert field in str(error["details"])


@pytest.mark.parametrize("page", ["999", "0", "x"])
def test_pages_out_of_range_are_not_found(record, page):
    response = get("/api/resolutions/", page=page)
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"

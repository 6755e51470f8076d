"""Closed-door sittings and non-public sessions in the open data.

The rule (design.md "Public pages show only published, non-closed content"; domain.md "closed content is
never shown publicly"): a resolution adopted in a closed-door sitting is published like any other (number,
title, text), but the vote of the closed sitting is not: no result, counts or wording in Akoma Ntoso,
CSV/XLSX, Popolo or REST. Nothing of a session that is not public is public at all."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import pytest
from lxml import etree
from openpyxl import load_workbook
from rest_framework.test import APIClient

from tests.factories import make_session, make_sitting, make_user
from tests.opendata.conftest import Record, build_record
from tests.opendata.standards import akn_errors
from tests.voting.conftest import check_in, numbered
from voting import selectors, services
from voting.models import Poll, Resolution, ResolutionStatus
from voting.opendata.akn import AKN_NS, NT_NS
from voting.opendata.tables import RESOLUTION_HEADER

NS = {"a": AKN_NS, "nt": NT_NS}
VOTE_COLUMNS = [
    "Hình thức biểu quyết",
    "Tổng số đại biểu",
    "Số tham gia",
    "Tán thành",
    "Tỷ lệ tán thành (% tổng số)",
    "Kết quả",
]


@dataclass
class Hidden:
    record: Record
    closed_poll: Poll
    closed_resolution: Resolution
    private_poll: Poll
    private_resolution: Resolution


def _adopted(record: Record, sitting, number: str, title: str) -> tuple[Poll, Resolution]:
    """A poll of ``sitting`` that adopts a resolution, both published (4 of 5 delegates vote yes)."""
    hall = record.hall
    check_in(sitting, hall.present)
    poll = services.poll_create(actor=hall.sec, session=sitting.session, sitting=sitting, title=f"Thông qua {title}")
    resolution = services.resolution_create(
        actor=hall.sec, session=sitting.session, title=title, text=f"Điều 1. {title}.", poll=poll
    )
    poll = services.poll_open(actor=hall.sec, poll=poll)
    for i in range(len(hall.present)):
        hall.vote(poll, i, "yes")
    poll = services.poll_publish(actor=hall.sec, poll=services.poll_close(actor=hall.sec, poll=poll))
    resolution.refresh_from_db()
    assert resolution.status == ResolutionStatus.ADOPTED
    resolution = services.resolution_publish(actor=hall.sec, resolution=numbered(hall.sec, resolution, number))
    return poll, resolution


@pytest.fixture
def hidden(db) -> Hidden:
    record = build_record()
    c = record.hall.c
    closed_sitting = make_sitting(c.session, number=3, closed_door=True)
    closed_poll, closed_resolution = _adopted(
        record, closed_sitting, "18/2026/NQ-HĐND", "Nghị quyết về công tác cán bộ"
    )
    private_session = make_session(c.council, c.term, number=2, public=False)
    private_sitting = make_sitting(private_session)
    private_poll, private_resolution = _adopted(
        record, private_sitting, "19/2026/NQ-HĐND", "Nghị quyết kỳ họp không công khai"
    )
    return Hidden(record, closed_poll, closed_resolution, private_poll, private_resolution)


def test_the_rule_in_one_selector(hidden):
    public = hidden.record.polls["named"]
    assert selectors.poll_result_public(public)
    assert not selectors.poll_result_public(hidden.closed_poll)
    assert not selectors.poll_result_public(hidden.private_poll)
    assert not selectors.poll_result_public(hidden.record.polls["unpublished"])
    assert not selectors.poll_result_public(None)
    in_query = set(Poll.objects.filter(selectors.poll_result_public_q()).values_list("pk", flat=True))
    assert in_query == {p.pk for p in Poll.objects.all() if selectors.poll_result_public(p)}


def test_akn_of_a_closed_door_resolution_has_its_text_but_no_vote(hidden):
    response = APIClient().get(f"/api/resolutions/{hidden.closed_resolution.pk}/akn.xml")
    assert response.status_code == 200
    assert akn_errors(response.content) == []
    doc = etree.fromstring(response.content)
    assert doc.find(".//a:FRBRWork/a:FRBRnumber", NS).get("value") == "18/2026/NQ-HĐND"
    assert [p.text for p in doc.findall(".//a:mainBody/a:p", NS)] == ["Điều 1. Nghị quyết về công tác cán bộ."]
    assert doc.find(".//a:analysis", NS) is None and doc.find(".//nt:voteResult", NS) is None
    assert b"tham gia bi\xe1\xbb\x83u quy\xe1\xba\xbft" not in response.content  # "tham gia biểu quyết"
    assert f"/api/polls/{hidden.closed_poll.pk}/".encode() not in response.content


def test_akn_of_a_non_public_session_is_not_found(hidden):
    response = APIClient().get(f"/api/resolutions/{hidden.private_resolution.pk}/akn.xml")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def _csv_rows() -> dict[str, dict[str, str]]:
    response = APIClient().get("/api/exports/resolutions.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == RESOLUTION_HEADER
    return {row[0]: dict(zip(rows[0], row)) for row in rows[1:]}


def test_resolutions_csv_lists_the_closed_door_resolution_without_its_vote(hidden):
    rows = _csv_rows()
    assert "19/2026/NQ-HĐND" not in rows
    closed = rows["18/2026/NQ-HĐND"]
    assert closed["Trích yếu"] == "Nghị quyết về công tác cán bộ"
    assert [closed[column] for column in VOTE_COLUMNS] == [""] * len(VOTE_COLUMNS)
    assert rows["15/2026/NQ-HĐND"]["Tán thành"] == "3"  # an open sitting's vote is still there


def test_resolutions_xlsx_likewise(hidden):
    response = APIClient().get("/api/exports/resolutions.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    by_number = {row[0]: dict(zip(RESOLUTION_HEADER, row)) for row in rows[1:]}
    assert "19/2026/NQ-HĐND" not in by_number
    closed = by_number["18/2026/NQ-HĐND"]
    assert all(closed[column] in (None, "") for column in VOTE_COLUMNS), closed


def test_poll_results_export_and_popolo_leave_both_votes_out(hidden):
    hidden_ids = {hidden.closed_poll.pk, hidden.private_poll.pk}
    response = APIClient().get("/api/exports/poll-results.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {int(row[0]) for row in rows[1:]}.isdisjoint(hidden_ids)
    for kind, prefix in (("motions", "motion-"), ("vote-events", "vote-event-")):
        objects = APIClient().get(f"/api/popolo/{kind}/", {"page_size": 500}).json()["results"]
        assert objects and {o["id"] for o in objects}.isdisjoint({f"{prefix}{pk}" for pk in hidden_ids})
        assert not {o.get("identifier") for o in objects} & {"18/2026/NQ-HĐND", "19/2026/NQ-HĐND"}
    events = APIClient().get("/api/popolo/events/", {"page_size": 500}).json()["results"]
    assert f"session-{hidden.private_poll.session_id}" not in {e["id"] for e in events}


def test_rest_resolutions_hide_a_non_public_session_from_outsiders(hidden):
    for client in (APIClient(), _client(make_user())):
        listed = client.get("/api/resolutions/", {"page_size": 100}).json()["results"]
        numbers = {r["number"] for r in listed}
        assert "18/2026/NQ-HĐND" in numbers and "19/2026/NQ-HĐND" not in numbers
        missing = client.get(f"/api/resolutions/{hidden.private_resolution.pk}/")
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
        assert client.get(f"/api/resolutions/{hidden.closed_resolution.pk}/").status_code == 200
        for poll in (hidden.closed_poll, hidden.private_poll):
            result = client.get(f"/api/polls/{poll.pk}/results/")
            assert result.status_code == 404 and result.json()["error"]["code"] == "not_found"
    outsider = make_user()
    assert not selectors.resolutions_visible(user=outsider).filter(pk=hidden.private_resolution.pk).exists()


def test_the_council_still_sees_its_own_closed_records(hidden):
    member = _client(hidden.record.hall.user(0))
    numbers = {r["number"] for r in member.get("/api/resolutions/", {"page_size": 100}).json()["results"]}
    assert {"18/2026/NQ-HĐND", "19/2026/NQ-HĐND"} <= numbers
    result = member.get(f"/api/polls/{hidden.closed_poll.pk}/results/")
    assert result.status_code == 200 and result.json()["passed"] is True


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client

"""Popolo exports: every object validates against the Popolo schemas, and our own invariants hold (counts
add up to the ballots, no per-person vote of a secret poll, nothing closed-door or unpublished)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from agenda.services import (
    official_create,
    question_answer_written,
    question_finish,
    question_floor,
    question_register,
    question_step,
    questions_to_writing,
    session_respondent_add,
)
from tests.opendata.standards import popolo_errors

SCHEMA_OF = {
    "organizations": "organization",
    "persons": "person",
    "memberships": "membership",
    "events": "event",
    "motions": "motion",
    "vote-events": "vote_event",
    "speeches": "speech",
}


def popolo(kind: str, **params) -> list[dict]:
    response = APIClient().get(f"/api/popolo/{kind}/", {"page_size": 500, **params})
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.mark.parametrize("kind", SCHEMA_OF)
def test_every_object_validates_against_its_popolo_schema(record, kind):
    objects = popolo(kind, council=record.hall.c.council.pk)
    if kind != "speeches":
        assert objects
    for obj in objects:
        assert popolo_errors(SCHEMA_OF[kind], obj) == [], obj
    for vote_event in popolo("vote-events") if kind == "vote-events" else []:
        for vote in vote_event.get("votes", []):
            assert popolo_errors("vote", vote) == []
        for count in vote_event["counts"]:
            assert popolo_errors("count", count) == []


def test_vote_events_only_for_published_public_polls_and_counts_add_up(record):
    events = {e["id"]: e for e in popolo("vote-events")}
    polls = record.polls
    assert set(events) == {f"vote-event-{polls[k].pk}" for k in ("named", "secret", "hands", "confidence")}
    for key in ("named", "secret", "hands"):
        event = events[f"vote-event-{polls[key].pk}"]
        assert sum(c["value"] for c in event["counts"]) == polls[key].result["cast"]
        assert {c["option"] for c in event["counts"]} == {"yes", "no", "abstain"}
    confidence = events[f"vote-event-{polls['confidence'].pk}"]
    assert sum(c["value"] for c in confidence["counts"]) == polls["confidence"].result["cast"] == 4


def test_named_votes_are_listed_and_secret_ballots_never(record):
    events = {e["id"]: e for e in popolo("vote-events")}
    named = events[f"vote-event-{record.polls['named'].pk}"]
    voters = {v["voter_id"]: v["option"] for v in named["votes"]}
    delegates = record.hall.delegates
    assert voters == {
        f"person-{delegates[0].pk}": "yes",
        f"person-{delegates[1].pk}": "yes",
        f"person-{delegates[2].pk}": "yes",
        f"person-{delegates[3].pk}": "no",
    }
    for key in ("secret", "confidence", "hands"):
        assert "votes" not in events[f"vote-event-{record.polls[key].pk}"]


def test_motions_carry_the_resolution_number_and_result(record):
    motions = {m["id"]: m for m in popolo("motions")}
    named = motions[f"motion-{record.polls['named'].pk}"]
    assert named["identifier"] == "15/2026/NQ-HĐND" and named["result"] == "passed"
    assert named["legislative_session_id"] == f"session-{record.hall.c.session.pk}"


def test_private_data_is_never_exported(record):
    persons = popolo("persons")
    assert persons and not any("email" in p or "contact_details" in p for p in persons)
    session = record.hall.c.session
    session.is_public = False
    session.save()
    assert popolo("vote-events") == [] and popolo("motions") == []
    assert not any(e["id"] == f"session-{session.pk}" for e in popolo("events"))


def test_closed_door_sittings_are_not_events(record):
    ids = {e["id"] for e in popolo("events")}
    sittings = {s.pk: s.is_closed_door for s in record.hall.c.session.sittings.all()}
    assert {f"sitting-{pk}" for pk, closed in sittings.items() if not closed} <= ids
    assert not {f"sitting-{pk}" for pk, closed in sittings.items() if closed} & ids


def test_questions_and_written_answers_are_speeches(record):
    hall = record.hall
    official = official_create(
        actor=hall.sec,
        council=hall.c.council,
        full_name="Quan chức Thử Nghiệm",
        title="Giám đốc Sở Giao thông",
        agency="Sở Giao thông vận tải",
    )
    session_respondent_add(actor=hall.sec, session=hall.c.session, official=official)
    asked = question_register(
        actor=hall.user(0), session=hall.c.session, respondent=official, text="Khi nào sửa xong cầu Bến Đò?"
    )
    live = question_register(actor=hall.user(2), session=hall.c.session, respondent=official, text="Đường tỉnh 5?")
    unasked = question_register(actor=hall.user(1), session=hall.c.session, respondent=official, text="Chưa hỏi")
    questions_to_writing(actor=hall.sec, session=hall.c.session, sitting=hall.c.sitting, question_ids=[asked.pk])
    asked.refresh_from_db()
    question_answer_written(actor=hall.sec, question=asked, text="Quý II năm 2027 hoàn thành.")
    live = question_floor(actor=hall.sec, question=live)
    question_step(actor=hall.sec, question=live, kind="answer")
    question_finish(actor=hall.sec, question=live)
    speeches = popolo("speeches")
    for speech in speeches:
        assert popolo_errors("speech", speech) == []
    ids = {s["id"]: s for s in speeches}
    assert ids[f"question-{asked.pk}"]["creator_id"] == f"person-{hall.delegates[0].pk}"
    assert ids[f"question-{asked.pk}-written"]["text"] == "Quý II năm 2027 hoàn thành."
    assert ids[f"question-{live.pk}-turn-1"]["creator_id"] == f"person-{hall.delegates[2].pk}"
    assert ids[f"question-{live.pk}-turn-2"]["creator_id"] == f"official-{official.pk}"
    assert ids[f"question-{live.pk}-turn-2"]["type"] == "answer"
    assert f"question-{unasked.pk}" not in ids


@pytest.mark.parametrize("params", [{"council": "abc"}, {"council": "-1"}, {"page": "999"}, {"page": "x"}])
def test_bad_filters_get_a_clear_error(record, params):
    response = APIClient().get("/api/popolo/motions/", params)
    body = response.json()
    assert response.status_code in (400, 404)
    assert body["error"]["code"] in ("request.invalid", "not_found") and body["error"]["messages"]["vi"]

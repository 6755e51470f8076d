"""A draft-resolution agenda item creates its poll and draft resolution in one step (service and REST); every
refusal changes nothing. Also: the questioning resolution really links its questions."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.test import APIClient

from agenda import services as agenda
from agenda.models import ItemKind, Question, QuestionStatus
from core.errors import ServiceError
from sessions_app.models import AuditEntry, Session, SessionStatus, StreamEvent
from tests.agenda.helpers import Replay, make_official
from tests.factories import make_sitting
from tests.voting.conftest import Hall
from voting import services
from voting.models import MajorityRule, Poll, PollOption, Resolution, ResolutionStatus

pytestmark = pytest.mark.django_db

ITEM_TITLE = "Dự thảo Nghị quyết về kế hoạch đầu tư công trung hạn 2026-2030"


def _item(hall: Hall, *, kind: str = ItemKind.DRAFT_RESOLUTION, sitting=True, title: str = ITEM_TITLE):
    return agenda.agenda_item_create(
        actor=hall.sec,
        session=hall.c.session,
        title=title,
        kind=kind,
        sitting=hall.c.sitting if sitting is True else sitting,
    )


def _counts() -> tuple[int, int, int, int, int]:
    return (
        Poll.objects.count(),
        PollOption.objects.count(),
        Resolution.objects.count(),
        AuditEntry.objects.count(),
        StreamEvent.objects.count(),
    )


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


# Service ------------------------------------------------------------------------------------------


def test_one_step_creates_the_linked_poll_and_draft_resolution(hall, django_capture_on_commit_callbacks):
    item = _item(hall)
    replay = Replay(hall.c.session)
    audit_before = AuditEntry.objects.count()
    with django_capture_on_commit_callbacks() as callbacks:
        poll, resolution = services.resolution_poll_create_for_item(
            actor=hall.sec, item=item, text="Điều 1. Thông qua kế hoạch."
        )
    assert len(callbacks) == 2  # poll.created and resolution.created, published only after commit
    poll.refresh_from_db()
    assert (poll.kind, poll.method, poll.status, poll.majority_rule) == (
        "resolution",
        "named",
        "draft",
        MajorityRule.GT_HALF_TOTAL,
    )
    assert (poll.session_id, poll.sitting_id, poll.agenda_item_id, poll.title) == (
        hall.c.session.pk,
        hall.c.sitting.pk,
        item.pk,
        ITEM_TITLE,
    )
    assert list(poll.options.values_list("key", "approves")) == [("yes", True), ("no", False), ("abstain", False)]
    resolution.refresh_from_db()
    assert (resolution.number, resolution.title, resolution.text, resolution.status, resolution.poll_id) == (
        "",
        ITEM_TITLE,
        "Điều 1. Thông qua kế hoạch.",
        ResolutionStatus.DRAFT,
        poll.pk,
    )
    assert resolution.session_id == hall.c.session.pk and resolution.council_id == hall.c.council.pk
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)[audit_before:])
    assert actions == ["poll.create", "resolution.create", "resolution.create_for_item"]
    assert AuditEntry.objects.get(action="resolution.create_for_item").data == {"item": item.pk, "poll": poll.pk}
    types = list(StreamEvent.objects.filter(session=hall.c.session).order_by("seq").values_list("type", flat=True))
    assert types[-2:] == ["poll.created", "resolution.created"]
    replay.check()


def test_titles_and_method_may_be_given_and_the_vote_decides_the_resolution(hall):
    item = _item(hall)
    poll, resolution = services.resolution_poll_create_for_item(
        actor=hall.sec,
        item=item,
        title="Nghị quyết về kế hoạch đầu tư công",
        poll_title="Thông qua Nghị quyết về kế hoạch đầu tư công",
        method="show_of_hands",
    )
    assert (poll.title, poll.method, resolution.title) == (
        "Thông qua Nghị quyết về kế hoạch đầu tư công",
        "show_of_hands",
        "Nghị quyết về kế hoạch đầu tư công",
    )
    poll = services.poll_open(actor=hall.sec, poll=poll)
    poll = services.poll_hands_record(actor=hall.sec, poll=poll, counts={"yes": 4, "no": 1})
    services.poll_publish(actor=hall.sec, poll=services.poll_close(actor=hall.sec, poll=poll))
    resolution.refresh_from_db()
    assert resolution.status == ResolutionStatus.ADOPTED


def test_a_cancelled_poll_does_not_block_a_new_one(hall):
    item = _item(hall)
    old = services.poll_create(
        actor=hall.sec, session=hall.c.session, sitting=hall.c.sitting, agenda_item=item, title="Thông qua dự thảo"
    )
    services.poll_cancel(actor=hall.sec, poll=old, reason="nhầm hình thức")
    poll, resolution = services.resolution_poll_create_for_item(actor=hall.sec, item=item)
    assert poll.pk != old.pk and resolution.poll_id == poll.pk


def _other_kind(hall):
    return _item(hall, kind=ItemKind.REPORT), hall.sec, "resolution.item_kind_invalid"


def _no_sitting(hall):
    return _item(hall, sitting=None), hall.sec, "resolution.item_no_sitting"


def _has_poll(hall):
    item = _item(hall)
    services.poll_create(
        actor=hall.sec, session=hall.c.session, sitting=hall.c.sitting, agenda_item=item, title="Thông qua dự thảo"
    )
    return item, hall.sec, "resolution.item_taken"


def _has_resolution(hall):
    item = _item(hall)
    services.resolution_poll_create_for_item(actor=hall.sec, item=item)
    return item, hall.sec, "resolution.item_taken"


def _resolution_on_cancelled_poll(hall):
    item = _item(hall)
    poll, _ = services.resolution_poll_create_for_item(actor=hall.sec, item=item)
    services.poll_cancel(actor=hall.sec, poll=poll)
    return item, hall.sec, "resolution.item_taken"


def _other_council(hall):
    return _item(hall), Hall(n=1).sec, "council.forbidden"


def _delegate(hall):
    return _item(hall), hall.user(0), "council.forbidden"


def _anonymous(hall):
    return _item(hall), AnonymousUser(), "auth.required"


def _session_closed(hall):
    item = _item(hall)
    Session.objects.filter(pk=hall.c.session.pk).update(status=SessionStatus.CLOSED)
    item.refresh_from_db()
    return item, hall.sec, "session.closed"


REFUSALS = [
    _other_kind,
    _no_sitting,
    _has_poll,
    _has_resolution,
    _resolution_on_cancelled_poll,
    _other_council,
    _delegate,
    _anonymous,
    _session_closed,
]


@pytest.mark.parametrize("case", REFUSALS, ids=lambda f: f.__name__.strip("_"))
def test_every_refusal_has_a_stable_code_and_changes_nothing(hall, case):
    item, actor, code = case(hall)
    before = _counts()
    with pytest.raises(ServiceError) as refused:
        services.resolution_poll_create_for_item(actor=actor, item=item)
    assert refused.value.code == code
    assert refused.value.message_vi != refused.value.message_en
    assert _counts() == before


# REST ---------------------------------------------------------------------------------------------


def test_rest_creates_both_in_one_call(hall):
    item = _item(hall)
    response = client_for(hall.sec).post(
        f"/api/agenda-items/{item.pk}/resolution-poll/", {"method": "secret"}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["poll"]["kind"] == "resolution" and body["poll"]["method"] == "secret"
    assert body["poll"]["status"] == "draft" and body["poll"]["agenda_item"] == item.pk
    assert [o["key"] for o in body["poll"]["options"]] == ["yes", "no", "abstain"]
    assert body["resolution"]["number"] == "" and body["resolution"]["title"] == ITEM_TITLE
    assert body["resolution"]["poll"] == body["poll"]["id"] and body["resolution"]["status"] == "draft"
    assert Resolution.objects.get(pk=body["resolution"]["id"]).poll.agenda_item_id == item.pk


@pytest.mark.parametrize("case", REFUSALS, ids=lambda f: f.__name__.strip("_"))
def test_rest_refusals_carry_the_code_in_both_languages_and_change_nothing(hall, case):
    item, actor, code = case(hall)
    before = _counts()
    user = None if not getattr(actor, "is_authenticated", False) else actor
    response = client_for(user).post(f"/api/agenda-items/{item.pk}/resolution-poll/", {}, format="json")
    assert response.status_code in {401, 403, 409}, response.json()
    assert response.json()["error"]["code"] == code
    assert set(response.json()["error"]["messages"]) == {"vi", "en"}
    assert _counts() == before


def test_rest_bad_input_and_unknown_item(hall):
    item = _item(hall)
    before = _counts()
    sec = client_for(hall.sec)
    missing = sec.post(f"/api/agenda-items/{item.pk}/resolution-poll/", {"title": "x" * 401}, format="json")
    assert missing.status_code == 400 and missing.json()["error"]["code"] == "request.invalid"
    bad_method = sec.post(f"/api/agenda-items/{item.pk}/resolution-poll/", {"method": "proxy"}, format="json")
    assert bad_method.json()["error"]["code"] == "request.invalid"
    unknown = sec.post("/api/agenda-items/999999/resolution-poll/", {}, format="json")
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "not_found"
    assert _counts() == before


# The questioning resolution -----------------------------------------------------------------------


def test_questions_link_resolution_links_the_questions_to_the_questioning_resolution(hall):
    session = hall.c.session
    officials = [make_official(hall.c.council, n, listed_in=session) for n in (1, 2)]
    asked = [
        agenda.question_register(
            actor=hall.user(i), session=session, respondent=officials[i % 2], text=f"Câu hỏi chất vấn số {i}"
        )
        for i in range(3)
    ]
    withdrawn = agenda.question_register(
        actor=hall.user(3), session=session, respondent=officials[0], text="Câu hỏi rút lại"
    )
    agenda.question_withdraw(actor=hall.user(3), question=withdrawn)
    item = _item(hall, title="Nghị quyết về hoạt động chất vấn tại kỳ họp")
    _, resolution = services.resolution_poll_create_for_item(actor=hall.sec, item=item)
    number = "22/2026/NQ-HĐND"  # as the secretariat writes it into the questions' record

    with pytest.raises(ServiceError) as refused:
        agenda.questions_link_resolution(
            actor=Hall(n=1).sec, session=session, resolution_id=resolution.pk, resolution_number=number
        )
    assert refused.value.code == "council.forbidden"
    assert not Question.objects.filter(resolution_id__isnull=False).exists()

    count = agenda.questions_link_resolution(
        actor=hall.sec, session=session, resolution_id=resolution.pk, resolution_number=number
    )
    assert count == 3
    linked = Question.objects.filter(resolution_id=resolution.pk)
    assert sorted(linked.values_list("pk", flat=True)) == sorted(q.pk for q in asked)
    assert set(linked.values_list("resolution_number", flat=True)) == {"22/2026/NQ-HĐND"}
    withdrawn.refresh_from_db()
    assert withdrawn.status == QuestionStatus.WITHDRAWN and withdrawn.resolution_id is None
    entry = AuditEntry.objects.filter(action="question.link_resolution").latest("pk")
    assert entry.data == {"resolution": resolution.pk, "number": "22/2026/NQ-HĐND", "count": 3}

    # Only the chosen questions, when given.
    Question.objects.update(resolution_id=None, resolution_number="")
    assert (
        agenda.questions_link_resolution(
            actor=hall.sec,
            session=session,
            resolution_id=resolution.pk,
            resolution_number=number,
            question_ids=[asked[0].pk],
        )
        == 1
    )
    assert list(Question.objects.filter(resolution_id=resolution.pk).values_list("pk", flat=True)) == [asked[0].pk]


def test_an_item_in_another_sitting_of_the_session_uses_that_sitting(hall):
    later = make_sitting(hall.c.session, number=2)
    item = _item(hall, sitting=later)
    poll, _ = services.resolution_poll_create_for_item(actor=hall.sec, item=item)
    assert poll.sitting_id == later.pk

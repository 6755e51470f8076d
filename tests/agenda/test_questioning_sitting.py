"""A whole questioning sitting, driven like the hall drives it: slips registered over REST before the session
and from tablets during it, the live exchange run by the secretariat over its socket, written answers and
promises over REST. The archive and the stream must agree at the end."""

import datetime as dt

import pytest
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from rest_framework.test import APIClient

from agenda import services
from agenda.models import ItemKind, Promise, Question, QuestionStep
from agenda.selectors import question_state
from core.audit import audit_verify
from tests.agenda.helpers import Replay, make_official
from tests.factories import Council_
from tests.realtime.conftest import command, council_path, open_socket, public_path, stream_hub  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("stream_hub")]

# (follow-up?, debate?) for the 8 questions reached live, in the order the topics set; the last 2 are not reached.
LIVE = [
    (True, False),
    (False, False),
    (True, True),
    (False, False),
    (False, True),
    (True, False),
    (False, False),
    (False, False),
]


def _live_question(question_id):
    return question_state(question=Question.objects.get(pk=question_id), audience="council")


def _setup():
    c = Council_(n=6)
    c.officials = [make_official(c.council, n, listed_in=c.session) for n in (1, 2, 3)]
    c.item = services.agenda_item_create(
        actor=c.secretariat, session=c.session, title="Chất vấn và trả lời chất vấn", kind=ItemKind.QUESTIONING
    )
    services.agenda_item_activate(actor=c.secretariat, item=c.item, sitting=c.sitting)
    return c


def _rest(user):
    client = APIClient()
    client.force_login(user)
    return client


def _register_before_session(c):
    ids = []
    for i in range(6):
        response = _rest(c.delegates[i].user).post(
            "/api/questions/",
            {
                "session": c.session.pk,
                "respondent": c.officials[i % 3].pk,
                "text": f"Phiếu chất vấn số {i + 1} về dự án thử nghiệm",
            },
            format="json",
        )
        assert response.status_code == 201, response.json()
        ids.append(response.json()["id"])
    return ids


def _topics(c, question_ids):
    client = _rest(c.secretariat)
    by_official = {}
    for q in Question.objects.filter(pk__in=question_ids):
        by_official.setdefault(q.respondent_id, []).append(q.pk)
    for n, official in enumerate(c.officials, 1):
        topic = client.post(
            "/api/question-topics/",
            {"session": c.session.pk, "item": c.item.pk, "title": f"Nhóm vấn đề {n}", "respondents": [official.pk]},
            format="json",
        ).json()
        response = client.post(
            f"/api/question-topics/{topic['id']}/arrange/",
            {"questions": sorted(by_official[official.pk])},
            format="json",
        )
        assert response.status_code == 200, response.json()


def _after_sitting(c, written_ids, answered_ids):
    client = _rest(c.secretariat)
    response = client.post(
        "/api/questions/to-writing/",
        {"session": c.session.pk, "sitting": c.sitting.pk, "questions": written_ids},
        format="json",
    )
    assert response.status_code == 200, response.json()
    for n, question_id in enumerate(answered_ids[:3]):
        question = Question.objects.get(pk=question_id)
        response = client.post(
            "/api/promises/",
            {
                "question": question_id,
                "official": question.respondent_id,
                "content": f"Lời hứa {n + 1}: hoàn thành hạng mục trong năm 2027",
                "due_date": "2027-09-30",
            },
            format="json",
        )
        assert response.status_code == 201, response.json()
    return client.get("/api/questions/", {"session": c.session.pk, "page_size": 100}).json()["results"]


async def test_whole_questioning_sitting_ends_with_the_right_archive():
    c = await database_sync_to_async(_setup)()
    replay = await database_sync_to_async(Replay)(c.session)
    rest_ids = await sync_to_async(_register_before_session)(c)
    secretariat = await open_socket(council_path(c.session.pk), user=c.secretariat)
    tablets = [await open_socket(council_path(c.session.pk), user=c.delegates[i].user) for i in (0, 3)]
    public = await open_socket(public_path(c.session.pk))
    tablet_ids = []
    for n, (tablet, official) in enumerate([(0, 0), (0, 1), (1, 2), (1, 0)]):
        reply = await command(
            tablets[tablet],
            "question.register",
            {"respondent": c.officials[official].pk, "text": f"Hỏi tại phiên, phiếu {n + 1}"},
            id=f"t{n}",
        )
        assert reply["ok"], reply
        assert reply["data"]["status"] == "registered"
        tablet_ids.append(reply["data"]["id"])
    refused = await command(tablets[0], "question.register", {"respondent": 999999, "text": "Không hợp lệ"}, id="bad")
    assert (refused["ok"], refused["error"]["code"]) == (False, "not_found")
    refused = await command(tablets[0], "question.floor", {"question": tablet_ids[0]}, id="nope")
    assert refused["error"]["code"] == "council.forbidden"
    all_ids = rest_ids + tablet_ids
    await sync_to_async(_topics)(c, all_ids)

    ordered = await database_sync_to_async(
        lambda: list(Question.objects.filter(pk__in=all_ids).order_by("position").values_list("pk", flat=True))
    )()
    reached = []
    for n, (question_id, (followup, debate)) in enumerate(zip(ordered, LIVE)):
        steps = ["answer"] + (["followup", "answer"] if followup else []) + (["debate", "answer"] if debate else [])
        reply = await command(secretariat, "question.floor", {"question": question_id}, id=f"f{n}")
        assert reply["ok"], reply
        live = await database_sync_to_async(_live_question)(question_id)  # the clock is stream state, not the reply
        assert live["step"]["clock"]["deadline"] is not None
        for m, kind in enumerate(steps):
            reply = await command(secretariat, "question.step", {"question": question_id, "kind": kind}, id=f"s{n}-{m}")
            assert reply["ok"], reply
        reply = await command(secretariat, "question.finish", {"question": question_id}, id=f"e{n}")
        assert reply["data"]["status"] == "answered"
        reached.append(question_id)
    assert len(reached) == 8
    left = ordered[8:]
    assert len(left) == 2

    archive = await sync_to_async(_after_sitting)(c, left, reached)
    by_id = {q["id"]: q for q in archive}
    assert len(archive) == 10
    assert sorted(q["status"] for q in archive) == ["answered"] * 8 + ["written"] * 2
    assert {q["source"] for q in archive} == {"delegate", "tablet"}
    assert all(by_id[i]["written_due"] == (c.sitting.date + dt.timedelta(days=20)).isoformat() for i in left)
    assert all(by_id[i]["on_floor"] is False for i in reached)
    assert [len(by_id[i]["steps"]) for i in reached] == [2 + 2 * followup + 2 * debate for followup, debate in LIVE]
    assert all(by_id[i]["steps"] == [] for i in left)

    def _checks():
        assert Promise.objects.filter(session=c.session).count() == 3
        assert QuestionStep.objects.filter(question__session=c.session, kind="followup").count() == 3
        assert QuestionStep.objects.filter(question__session=c.session, kind="debate").count() == 2
        assert Question.objects.filter(session=c.session, topic__isnull=True).count() == 0
        replay.check()
        assert audit_verify() is None

    await database_sync_to_async(_checks)()
    for socket in (secretariat, *tablets, public):
        await socket.disconnect()

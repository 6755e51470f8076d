import datetime as dt

import pytest
import time_machine

from agenda import services
from agenda.models import ItemKind, Promise, Question, QuestionStatus
from agenda.selectors import (
    explanation_state,
    promise_report,
    promise_status,
    questioning_state,
    questions_written_overdue,
)
from core.errors import ServiceError
from sessions_app.models import Person
from tests.agenda.helpers import SITTING_MORNING, TZ, Replay, make_official
from tests.factories import Council_, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def c():
    c = Council_(n=4)
    c.officials = [make_official(c.council, n, listed_in=c.session) for n in (1, 2)]
    c.unlisted = make_official(c.council, 3)
    c.item = services.agenda_item_create(
        actor=c.secretariat, session=c.session, title="Chất vấn và trả lời chất vấn", kind=ItemKind.QUESTIONING
    )
    return c


def _register(c, delegate, official, text="Tiến độ dự án đường ven biển?"):
    return services.question_register(actor=delegate.user, session=c.session, respondent=official, text=text)


def test_live_exchange_with_timers_follow_up_and_debate(c, settings):
    settings.NT = {**settings.NT, "QUESTION_SECONDS": 180, "ANSWER_SECONDS": 300, "FOLLOWUP_SECONDS": 120}
    q = _register(c, c.delegates[0], c.officials[0])
    replay = Replay(c.session)
    with time_machine.travel(SITTING_MORNING, tick=False) as clock:
        services.question_floor(actor=c.secretariat, question=q)
        state = questioning_state(session=c.session, audience="council")
        assert state["current"] == q.pk
        step = state["questions"][str(q.pk)]["step"]
        assert step["kind"] == "ask" and step["person"]["id"] == c.delegates[0].pk
        assert dt.datetime.fromisoformat(step["clock"]["deadline"]) == SITTING_MORNING + dt.timedelta(minutes=3)
        clock.shift(dt.timedelta(seconds=150))
        services.question_step(actor=c.secretariat, question=q, kind="answer")
        clock.shift(dt.timedelta(seconds=60))
        services.question_pause(actor=c.secretariat, question=q)
        paused = questioning_state(session=c.session, audience="council")["questions"][str(q.pk)]["step"]["clock"]
        assert paused["paused_remaining_ms"] == 240_000 and paused["deadline"] is None
        clock.shift(dt.timedelta(seconds=30))
        services.question_resume(actor=c.secretariat, question=q)
        clock.shift(dt.timedelta(seconds=240))
        services.question_step(actor=c.secretariat, question=q, kind="followup")
        clock.shift(dt.timedelta(seconds=100))
        services.question_step(actor=c.secretariat, question=q, kind="answer")
        clock.shift(dt.timedelta(seconds=200))
        services.question_step(actor=c.secretariat, question=q, kind="debate", person=c.delegates[1])
        clock.shift(dt.timedelta(seconds=90))
        services.question_finish(actor=c.secretariat, question=q)
    q.refresh_from_db()
    assert (q.status, q.on_floor) == (QuestionStatus.ANSWERED, False)
    steps = list(q.steps.order_by("number").values_list("kind", "elapsed_ms", "person_id", "official_id"))
    assert steps == [
        ("ask", 150_000, c.delegates[0].pk, None),
        ("answer", 300_000, None, c.officials[0].pk),
        ("followup", 100_000, c.delegates[0].pk, None),
        ("answer", 200_000, None, c.officials[0].pk),
        ("debate", 90_000, c.delegates[1].pk, None),
    ]
    frames = replay.check()
    assert [f["type"] for f in frames["council"]] == [
        "question.ask",
        "question.answer",
        "question.paused",
        "question.resumed",
        "question.followup",
        "question.answer",
        "question.debate",
        "question.finished",
    ]
    assert [f["type"] for f in frames["public"]] == [f["type"] for f in frames["council"]]


def test_question_to_unlisted_respondent_or_from_non_member_is_refused(c):
    other = Council_(n=1)
    stranger = Person.objects.create(full_name="Người Ngoài Thử")
    cases = [
        (lambda: _register(c, c.delegates[0], c.unlisted), "question.respondent_not_listed"),
        (lambda: _register(c, other.delegates[0], c.officials[0]), "question.not_member"),
        (
            lambda: services.question_register(
                actor=c.secretariat, session=c.session, respondent=c.officials[0], text="Hỏi", asker=stranger
            ),
            "question.not_member",
        ),
        (
            lambda: services.question_register(
                actor=c.delegates[0].user,
                session=c.session,
                respondent=c.officials[0],
                text="Hỏi",
                asker=c.delegates[1],
            ),
            "council.forbidden",
        ),
        (lambda: _register(c, c.delegates[0], c.officials[0], text="   "), "question.text_empty"),
        (
            lambda: services.session_respondent_add(actor=other.secretariat, session=c.session, official=c.unlisted),
            "council.forbidden",
        ),
        (
            lambda: services.session_respondent_add(
                actor=c.secretariat, session=c.session, official=make_official(other.council, 9)
            ),
            "question.official_other_council",
        ),
    ]
    for call, code in cases:
        with pytest.raises(ServiceError) as err:
            call()
        assert err.value.code == code
    assert not Question.objects.exists()


def test_live_order_rules(c):
    q1 = _register(c, c.delegates[0], c.officials[0])
    q2 = _register(c, c.delegates[1], c.officials[1])
    with pytest.raises(ServiceError) as err:
        services.question_step(actor=c.secretariat, question=q1, kind="answer")
    assert err.value.code == "question.not_on_floor"
    services.question_floor(actor=c.secretariat, question=q1)
    with pytest.raises(ServiceError) as err:
        services.question_floor(actor=c.secretariat, question=q2)
    assert err.value.code == "question.floor_taken"
    with pytest.raises(ServiceError) as err:
        services.question_step(actor=c.secretariat, question=q1, kind="followup")
    assert err.value.code == "question.step_invalid"
    with pytest.raises(ServiceError) as err:
        services.question_withdraw(actor=c.delegates[0].user, question=q1)
    assert err.value.code == "question.status_invalid"
    services.question_withdraw(actor=c.delegates[1].user, question=q2)
    q2.refresh_from_db()
    assert q2.status == QuestionStatus.WITHDRAWN


def test_topics_group_questions_in_order(c):
    qs = [_register(c, c.delegates[i], c.officials[i % 2]) for i in range(3)]
    topic = services.topic_create(
        actor=c.secretariat, session=c.session, title="Giao thông", item=c.item, respondents=c.officials
    )
    services.topic_arrange(actor=c.secretariat, topic=topic, question_ids=[qs[2].pk, qs[0].pk])
    grouped = list(Question.objects.filter(topic=topic).order_by("position").values_list("pk", "status"))
    assert grouped == [(qs[2].pk, "grouped"), (qs[0].pk, "grouped")]
    with pytest.raises(ServiceError) as err:
        services.topic_create(actor=c.secretariat, session=c.session, title="Khác", respondents=[c.unlisted])
    assert err.value.code == "question.respondent_not_listed"


def test_not_reached_questions_are_answered_in_writing_within_twenty_days(c):
    q1 = _register(c, c.delegates[0], c.officials[0])
    q2 = _register(c, c.delegates[1], c.officials[1])
    services.question_floor(actor=c.secretariat, question=q1)
    services.question_step(actor=c.secretariat, question=q1, kind="answer")
    services.question_finish(actor=c.secretariat, question=q1)
    written = services.questions_to_writing(actor=c.secretariat, session=c.session, sitting=c.sitting)
    assert written == [q2]
    q2.refresh_from_db()
    assert q2.written_due == c.sitting.date + dt.timedelta(days=20)
    assert list(questions_written_overdue(today=q2.written_due)) == []
    assert list(questions_written_overdue(today=q2.written_due + dt.timedelta(days=1))) == [q2]
    services.question_answer_written(actor=c.secretariat, question=q2, text="Sở sẽ hoàn thành trong quý II.")
    assert list(questions_written_overdue(today=q2.written_due + dt.timedelta(days=1))) == []


def test_promises_status_and_report_before_next_session(c):
    q = _register(c, c.delegates[0], c.officials[0])
    next_session = make_session(c.council, c.term, number=2)
    next_session.start_date, next_session.end_date = dt.date(2027, 7, 10), dt.date(2027, 7, 12)
    next_session.save()
    with time_machine.travel(SITTING_MORNING, tick=False):
        kept = services.promise_record(
            actor=c.secretariat,
            question=q,
            official=c.officials[0],
            content="Hoàn thành giải phóng mặt bằng",
            due_date=dt.date(2027, 3, 31),
        )
        late = services.promise_record(
            actor=c.secretariat,
            session=c.session,
            official=c.officials[1],
            content="Công bố quy hoạch",
            due_date=dt.date(2027, 1, 31),
        )
        with pytest.raises(ServiceError) as err:
            services.promise_record(
                actor=c.secretariat,
                session=c.session,
                official=c.officials[1],
                content="Đã quá hạn",
                due_date=dt.date(2026, 1, 1),
            )
        assert err.value.code == "promise.due_invalid"
    with time_machine.travel(dt.datetime(2027, 6, 25, 9, 0, tzinfo=TZ), tick=False):
        services.promise_report_submit(actor=c.secretariat, promise=kept, text="Đã bàn giao mặt bằng", done=True)
        assert promise_status(Promise.objects.get(pk=late.pk)) == "overdue"
        report = promise_report(next_session=next_session)
    assert report["report_due"] == "2027-06-30"
    rows = {row["id"]: (row["status"], row["report"]) for row in report["promises"]}
    assert rows == {kept.pk: ("done", "on_time"), late.pk: ("overdue", "missing")}
    with pytest.raises(ServiceError) as err:
        services.promise_report_submit(actor=c.secretariat, promise=kept, text="Lần nữa", done=True)
    assert err.value.code == "promise.already_done"


def test_explanation_session_warns_on_short_notice_and_concludes_once(c):
    short = services.explanation_create(
        actor=c.secretariat,
        council=c.council,
        topic="Ô nhiễm nguồn nước",
        held_on=dt.date(2027, 3, 15),
        notice_date=dt.date(2027, 3, 10),
        respondents=c.officials,
        session=c.session,
    )
    state = explanation_state(explanation=short, audience="public")
    assert (state["notice_days"], state["notice_short"]) == (5, True)
    with pytest.raises(ServiceError) as err:
        services.explanation_create(
            actor=c.secretariat,
            council=c.council,
            topic="Sai ngày",
            held_on=dt.date(2027, 3, 1),
            notice_date=dt.date(2027, 3, 10),
            respondents=c.officials,
        )
    assert err.value.code == "explanation.dates_invalid"
    services.explanation_conclude(actor=c.secretariat, explanation=short, conclusion="Yêu cầu Sở khắc phục trước 30/6.")
    with pytest.raises(ServiceError) as err:
        services.explanation_conclude(actor=c.secretariat, explanation=short, conclusion="Lần hai")
    assert err.value.code == "explanation.already_concluded"
    assert questioning_state(session=c.session, audience="public")["explanations"][str(short.pk)]["conclusion"]

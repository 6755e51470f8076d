"""A question of a past sitting recorded as it happened (``agenda.services.questioning_record``, used by the year
import): dated by its sitting, never by the clock, with its turns; every refusal has its code and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from agenda.models import Question, QuestionStep
from agenda.services.questioning_record import question_recorded
from sessions_app.models import Session
from tests.agenda.helpers import TZ, make_official
from tests.assertions import refused
from tests.factories import Council_, make_council, make_delegate, make_role_user

pytestmark = pytest.mark.django_db
LATER = dt.datetime(2027, 1, 20, 10, tzinfo=TZ)  # well after the sitting (tests.factories.SESSION_DAY)


@pytest.fixture
def c():
    c = Council_(n=3)
    c.official = make_official(c.council, 1, listed_in=c.session)
    c.unlisted = make_official(c.council, 2)
    return c


def _record(c, **changes):
    kwargs = {
        "actor": c.secretariat,
        "sitting": c.sitting,
        "asker": c.delegates[0],
        "respondent": c.official,
        "text": "Vì sao dự án chậm tiến độ?",
        "outcome": "answered",
    } | changes
    return question_recorded(**kwargs)


def test_a_recorded_question_carries_its_sittings_date_and_turns(c, settings):
    settings.NT = {**settings.NT, "QUESTION_SECONDS": 180, "ANSWER_SECONDS": 300, "WRITTEN_ANSWER_DAYS": 20}
    with time_machine.travel(LATER, tick=False):
        live = _record(c)
        written = _record(c, outcome="written", text="Câu hỏi trả lời sau")
        answered = _record(
            c,
            outcome="written",
            text="Đã trả lời bằng văn bản",
            written_answer="Đã bố trí vốn.",
            written_answered_on=c.sitting.date + dt.timedelta(days=9),
        )
        asked = _record(c, outcome="asked", text="Chưa kịp trả lời")
    start = dt.datetime.combine(c.sitting.date, c.sitting.start_time, TZ)
    assert {q.registered_at for q in (live, written, answered, asked)} == {start}
    steps = list(QuestionStep.objects.filter(question=live).order_by("number"))
    assert [(s.kind, s.started_at, s.ended_at) for s in steps] == [
        ("ask", start, start + dt.timedelta(minutes=3)),
        ("answer", start + dt.timedelta(minutes=3), start + dt.timedelta(minutes=8)),
    ]
    assert (steps[0].person_id, steps[1].official_id) == (c.delegates[0].pk, c.official.pk)
    assert (written.status, written.written_due) == ("written", c.sitting.date + dt.timedelta(days=20))
    assert (answered.status, answered.written_answer) == ("answered", "Đã bố trí vốn.")
    assert answered.written_answered_at.astimezone(TZ).date() == c.sitting.date + dt.timedelta(days=9)
    assert (asked.status, asked.steps.count()) == ("asked", 1)
    assert [q.position for q in Question.objects.filter(session=c.session).order_by("position")] == [1, 2, 3, 4]


def test_every_refusal_has_its_code_and_records_nothing(c):
    other = make_council()
    with time_machine.travel(LATER, tick=False):
        refused("council.forbidden", _record, c, actor=make_role_user(other))
        refused("request.invalid", _record, c, outcome="withdrawn")
        refused("question.text_empty", _record, c, text="  ")
        outsider = make_delegate(other, c.term, seat=9)  # a seat of another council
        refused("question.not_member", _record, c, asker=outsider)
        refused("question.official_other_council", _record, c, respondent=make_official(other, 5))
        refused("question.respondent_not_listed", _record, c, respondent=c.unlisted)
        refused("request.invalid", _record, c, written_answer="Trả lời", written_answered_on=c.sitting.date)
        refused("request.invalid", _record, c, outcome="written", written_answer="Trả lời")
        refused(
            "request.invalid",
            _record,
            c,
            outcome="written",
            written_answer="Trả lời",
            written_answered_on=c.sitting.date - dt.timedelta(days=1),
        )
        Session.objects.filter(pk=c.session.pk).update(status="closed")
        refused("session.closed", _record, c)
    refused("request.invalid", _record, c)  # the sitting has not been held yet
    assert not Question.objects.exists()

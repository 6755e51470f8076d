"""A question of a past sitting as the record shows it (the year import, ``activity.services.backfill``): who
asked which official what, at which sitting, and whether it was answered there, sent for a written answer (and
answered in writing on its date) or left unanswered. Every time is the sitting's own (its date and start time),
never the clock's, so the archive and the statistics date the question by its sitting. And a promise made in
such an answer (or otherwise at a past session), with what became of it: done on its date, reported on."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from agenda import errors
from agenda.models import (
    Official,
    Promise,
    PromiseStatus,
    Question,
    QuestionSource,
    QuestionStatus,
    QuestionStep,
    QuestionTopic,
    SessionRespondent,
    StepKind,
)
from agenda.selectors import question_date
from agenda.services.common import is_delegate, lock_session
from agenda.services.promises import promise_insert
from agenda.services.questioning import push_askers, put_question
from core.audit import audit_object
from core.errors import REQUEST_INVALID, ServiceError
from realtime.emit import emit
from sessions_app.models import Person, Session, Sitting
from sessions_app.permissions import require_manage

# How a past question ended: answered at the sitting, sent for a written answer, or asked and left unanswered.
OUTCOMES = (QuestionStatus.ANSWERED, QuestionStatus.WRITTEN, QuestionStatus.ASKED)


def _steps(question: Question, start: dt.datetime, answered: bool) -> None:
    """The asking turn (and the answer) at the sitting, each its full allowance long."""
    turns = [(StepKind.ASK, settings.NT["QUESTION_SECONDS"])]
    if answered:
        turns.append((StepKind.ANSWER, settings.NT["ANSWER_SECONDS"]))
    steps = []
    for number, (kind, seconds) in enumerate(turns, 1):
        end = start + dt.timedelta(seconds=seconds)
        step = QuestionStep(question=question, number=number, kind=kind, allowed_seconds=seconds)
        step.started_at, step.elapsed_ms, step.ended_at = start, seconds * 1000, end
        if kind == StepKind.ANSWER:
            step.official = question.respondent
        else:
            step.person = question.asker
        steps.append(step)
        start = end
    QuestionStep.objects.bulk_create(steps)


def question_recorded(
    *,
    actor: Any,
    sitting: Sitting,
    asker: Person,
    respondent: Official,
    text: str,
    outcome: str,
    topic: QuestionTopic | None = None,
    written_answer: str = "",
    written_answered_on: dt.date | None = None,
    number: int | None = None,
) -> Question:
    """Record a question put at ``sitting`` (already held): ``outcome`` answered (at the sitting), written (due
    ``WRITTEN_ANSWER_DAYS`` after it; with ``written_answer`` and ``written_answered_on``, answered in writing
    that day) or asked (no answer). The asker held a seat that day; the respondent is on the session's list.
    ``number`` is the question's number in the session (its position; a number in use is refused), by default
    the next one."""
    session = sitting.session
    require_manage(actor, session.council_id)
    if outcome not in OUTCOMES:
        raise ServiceError(REQUEST_INVALID, details={"outcome": outcome})
    if not text.strip():
        raise ServiceError(errors.QUESTION_TEXT_EMPTY)
    if not is_delegate(asker, session, sitting):
        raise ServiceError(errors.QUESTION_NOT_MEMBER)
    if respondent.council_id != session.council_id:
        raise ServiceError(errors.OFFICIAL_OTHER_COUNCIL)
    if topic is not None and topic.session_id != session.pk:
        raise ServiceError(errors.TOPIC_OTHER_SESSION)
    answered_in_writing = bool(written_answer.strip())
    if answered_in_writing != (written_answered_on is not None) or (answered_in_writing and outcome != "written"):
        raise ServiceError(REQUEST_INVALID, details={"written_answer": "with its date, for a written answer only"})
    if sitting.date > timezone.localdate() or (written_answered_on and not sitting.date <= written_answered_on):
        raise ServiceError(REQUEST_INVALID, details={"date": "the sitting is held, the answer after it"})
    at = timezone.make_aware(dt.datetime.combine(sitting.date, sitting.start_time))
    with transaction.atomic():
        session = lock_session(session)
        if not SessionRespondent.objects.filter(session=session, official=respondent).exists():
            raise ServiceError(errors.RESPONDENT_NOT_LISTED)
        if number is not None and (number < 1 or session.questions.filter(position=number).exists()):
            raise ServiceError(REQUEST_INVALID, details={"number": "taken or not positive"})
        position = number or (session.questions.aggregate(m=Max("position"))["m"] or 0) + 1
        question = Question(
            session=session,
            asker=asker,
            respondent=respondent,
            topic=topic,
            text=text.strip(),
            source=QuestionSource.SECRETARIAT,
            position=position,
            registered_at=at,
            status=outcome,
        )
        if outcome == QuestionStatus.WRITTEN:
            question.written_due = sitting.date + dt.timedelta(days=settings.NT["WRITTEN_ANSWER_DAYS"])
        if written_answered_on is not None:
            question.status, question.written_answer = QuestionStatus.ANSWERED, written_answer.strip()
            question.written_answered_at = timezone.make_aware(dt.datetime.combine(written_answered_on, dt.time(12)))
        question.save()
        _steps(question, at, answered=outcome == QuestionStatus.ANSWERED)
        audit_object(
            actor=actor,
            action="question.record",
            obj=question,
            council_id=session.council_id,
            data={
                "recorded": True,
                "sitting": sitting.pk,
                "asker": asker.pk,
                "respondent": respondent.pk,
                "outcome": outcome,
                "written_answered_on": written_answered_on.isoformat() if written_answered_on else None,
            },
        )
        emit(
            session_id=session.pk,
            type="question.registered",
            puts=[put_question(question)],
            data={"question": question.pk},
        )
        push_askers(session.pk, [question], "question.registered")
    return question


def _noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def promise_recorded(
    *,
    actor: Any,
    session: Session,
    official: Official,
    content: str,
    due_date: dt.date,
    question: Question | None = None,
    done_on: dt.date | None = None,
    report_text: str = "",
    reported_on: dt.date | None = None,
) -> Promise:
    """Record a promise made at a past ``session`` answering ``question`` (or otherwise), as the record shows it:
    made on its question's day (``agenda.selectors.promise_day``; without a question, the session's opening
    date), due on ``due_date``, done on ``done_on`` (then closed), reported on with ``report_text`` on
    ``reported_on``. Due, done and report dates are not before the day made; done and report not after today."""
    require_manage(actor, session.council_id)
    if official.council_id != session.council_id:
        raise ServiceError(errors.OFFICIAL_OTHER_COUNCIL)
    if question is not None and question.session_id != session.pk:
        raise ServiceError(REQUEST_INVALID, details={"question": "of another session"})
    if not content.strip():
        raise ServiceError(REQUEST_INVALID, details={"content": "empty"})
    if bool(report_text.strip()) != (reported_on is not None):
        raise ServiceError(REQUEST_INVALID, details={"report_text": "with its date"})
    made_on = question_date(question) if question is not None else session.start_date
    today = timezone.localdate()
    if due_date < made_on:
        raise ServiceError(errors.PROMISE_DUE_INVALID)
    if any(day is not None and not made_on <= day <= today for day in (done_on, reported_on)):
        raise ServiceError(REQUEST_INVALID, details={"date": "done and reported after the promise, not in the future"})
    with transaction.atomic():
        promise = promise_insert(
            actor=actor,
            official=official,
            content=content,
            due_date=due_date,
            session=session,
            question=question,
            created_at=_noon(made_on),
            audit={"recorded": True, "done_on": done_on.isoformat() if done_on else None},
            status=PromiseStatus.DONE if done_on else PromiseStatus.OPEN,
            done_at=_noon(done_on) if done_on else None,
            report_text=report_text.strip(),
            reported_at=_noon(reported_on) if reported_on else None,
        )
    return promise

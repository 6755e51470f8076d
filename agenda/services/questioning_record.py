"""A question of a past sitting as the record shows it (the year import, ``activity.services.backfill``): who
asked which official what, at which sitting, and whether it was answered there, sent for a written answer (and
answered in writing on its date) or left unanswered. Every time is the sitting's own (its date and start time),
never the clock's, so the archive and the statistics date the question by its sitting."""

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
    Question,
    QuestionSource,
    QuestionStatus,
    QuestionStep,
    QuestionTopic,
    SessionRespondent,
    StepKind,
)
from agenda.services.common import is_delegate, lock_session
from agenda.services.questioning import put_question
from core.audit import audit_object
from core.errors import REQUEST_INVALID, ServiceError
from realtime.emit import emit
from sessions_app.models import Person, Sitting
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
) -> Question:
    """Record a question put at ``sitting`` (already held): ``outcome`` answered (at the sitting), written (due
    ``WRITTEN_ANSWER_DAYS`` after it; with ``written_answer`` and ``written_answered_on``, answered in writing
    that day) or asked (no answer). The asker held a seat that day; the respondent is on the session's list."""
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
        position = (session.questions.aggregate(m=Max("position"))["m"] or 0) + 1
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
    return question

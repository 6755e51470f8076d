"""Questioning on the floor: the question given the floor, its steps (answer, follow-up, debate) with their
clocks, pause/resume and the end of the exchange."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from agenda import errors
from agenda.models import (
    Question,
    QuestionStatus,
    QuestionStep,
    StepKind,
)
from agenda.services.common import is_delegate
from agenda.services.questioning import NOT_REACHED, locked_question, push_askers, put_current, put_question
from core.audit import audit_object
from core.errors import REQUEST_INVALID, ServiceError
from realtime.emit import emit
from sessions_app.models import Person
from sessions_app.permissions import require_manage

STEP_FOLLOWS: dict[str | None, set[str]] = {
    StepKind.ASK: {StepKind.ANSWER},
    StepKind.ANSWER: {StepKind.FOLLOWUP, StepKind.DEBATE, StepKind.ANSWER},
    StepKind.FOLLOWUP: {StepKind.ANSWER},
    StepKind.DEBATE: {StepKind.ANSWER, StepKind.DEBATE},
}


def _step_seconds(kind: str) -> int:
    return {
        StepKind.ASK: settings.NT["QUESTION_SECONDS"],
        StepKind.ANSWER: settings.NT["ANSWER_SECONDS"],
        StepKind.FOLLOWUP: settings.NT["FOLLOWUP_SECONDS"],
        StepKind.DEBATE: settings.NT["SPEAKING_SECONDS"]["debate"],
    }[kind]


def _start_step(question: Question, kind: str, now: dt.datetime, person: Person | None = None) -> QuestionStep:
    number = (question.steps.aggregate(m=Max("number"))["m"] or 0) + 1
    step = QuestionStep(question=question, number=number, kind=kind)
    if kind == StepKind.ANSWER:
        step.official = question.respondent
    else:
        step.person = person or question.asker
    step.clock_start(now, _step_seconds(kind))
    step.save()
    return step


def _open_step(question: Question) -> QuestionStep | None:
    return question.steps.select_for_update(no_key=True).filter(ended_at__isnull=True).first()


def question_floor(*, actor: Any, question: Question) -> Question:
    """The chair gives the floor: the delegate asks, with the question timer running."""
    require_manage(actor, question.session.council_id)
    with transaction.atomic():
        question = locked_question(question)
        if question.status not in NOT_REACHED:
            raise ServiceError(errors.QUESTION_STATUS_INVALID, current=question.status)
        if Question.objects.filter(session_id=question.session_id, on_floor=True).exists():
            raise ServiceError(errors.QUESTION_FLOOR_TAKEN)
        question.status, question.on_floor = QuestionStatus.ASKED, True
        question.save(update_fields=["status", "on_floor", "updated_at"])
        step = _start_step(question, StepKind.ASK, timezone.now())
        audit_object(
            actor=actor,
            action="question.floor",
            obj=question,
            council_id=question.session.council_id,
            data={"step": step.number},
        )
        emit(
            session_id=question.session_id,
            type="question.ask",
            puts=[put_question(question), put_current(question.session)],
            data={"question": question.pk, "step": step.number},
        )
        push_askers(question.session_id, [question], "question.ask")
    return question


def question_step(*, actor: Any, question: Question, kind: str, person: Person | None = None) -> QuestionStep:
    """Next turn of the live exchange: answer, follow-up (chất vấn lại) or debate (tranh luận)."""
    require_manage(actor, question.session.council_id)
    if kind not in StepKind.values or kind == StepKind.ASK:
        raise ServiceError(REQUEST_INVALID, details={"kind": kind})
    if person is not None and not is_delegate(person, question.session):
        raise ServiceError(errors.SPEAKER_NOT_DELEGATE)
    with transaction.atomic():
        question = locked_question(question)
        if not question.on_floor:
            raise ServiceError(errors.QUESTION_NOT_ON_FLOOR)
        last = question.steps.order_by("-number").first()
        if kind not in STEP_FOLLOWS.get(last.kind if last else None, set()):
            raise ServiceError(errors.QUESTION_STEP_INVALID, current=last.kind if last else "-", target=kind)
        now = timezone.now()
        running = _open_step(question)
        if running is not None:
            running.clock_stop(now)
            running.save()
        step = _start_step(question, kind, now, person if kind == StepKind.DEBATE else None)
        answered_now = kind == StepKind.ANSWER and question.status != QuestionStatus.ANSWERED
        if kind == StepKind.ANSWER:
            question.status = QuestionStatus.ANSWERED
            question.save(update_fields=["status", "updated_at"])
        audit_object(
            actor=actor,
            action=f"question.{kind}",
            obj=question,
            council_id=question.session.council_id,
            data={"step": step.number, "person": step.person_id, "official": step.official_id},
        )
        emit(
            session_id=question.session_id,
            type=f"question.{kind}",
            puts=[put_question(question)],
            data={"question": question.pk, "step": step.number},
        )
        if answered_now:  # the asker's slip is now answered
            push_askers(question.session_id, [question], f"question.{kind}")
    return step


def _clock_action(actor: Any, question: Question, action: str) -> Question:
    require_manage(actor, question.session.council_id)
    with transaction.atomic():
        question = locked_question(question)
        step = _open_step(question) if question.on_floor else None
        if step is None:
            raise ServiceError(errors.QUESTION_NOT_ON_FLOOR)
        running = step.run_started_at is not None
        if running != (action == "pause"):
            raise ServiceError(errors.QUESTION_STATUS_INVALID, current="paused" if not running else "running")
        now = timezone.now()
        if action == "pause":
            step.clock_pause(now)
        else:
            step.clock_resume(now)
        step.save()
        audit_object(
            actor=actor,
            action=f"question.{action}",
            obj=question,
            council_id=question.session.council_id,
            data={"step": step.number},
        )
        emit(
            session_id=question.session_id,
            type=f"question.{action}d",
            puts=[put_question(question)],
            data={"question": question.pk, "step": step.number},
        )
    return question


def question_pause(*, actor: Any, question: Question) -> Question:
    return _clock_action(actor, question, "pause")


def question_resume(*, actor: Any, question: Question) -> Question:
    return _clock_action(actor, question, "resume")


def question_finish(*, actor: Any, question: Question) -> Question:
    """The exchange on this question ends; the running turn stops and the floor is free."""
    require_manage(actor, question.session.council_id)
    with transaction.atomic():
        question = locked_question(question)
        if not question.on_floor:
            raise ServiceError(errors.QUESTION_NOT_ON_FLOOR)
        step = _open_step(question)
        if step is not None:
            step.clock_stop(timezone.now())
            step.save()
        question.on_floor = False
        question.save(update_fields=["on_floor", "updated_at"])
        audit_object(
            actor=actor,
            action="question.finish",
            obj=question,
            council_id=question.session.council_id,
            data={"status": question.status},
        )
        emit(
            session_id=question.session_id,
            type="question.finished",
            puts=[put_question(question), put_current(question.session)],
            data={"question": question.pk},
        )
        push_askers(question.session_id, [question], "question.finished")
    return question

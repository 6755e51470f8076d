"""Promises (lời hứa) made in answers, their reports, and explanation sessions (phiên giải trình)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from agenda import errors
from agenda.models import ExplanationSession, Official, Promise, PromiseStatus, Question
from agenda.selectors import explanation_state, promise_state
from agenda.services.common import UNSET
from core.audit import audit_record
from core.errors import REQUEST_INVALID, ServiceError
from realtime.emit import Put, emit
from sessions_app.models import Council, Session
from sessions_app.permissions import require_manage


def _put_promise(promise: Promise) -> Put:
    return Put(
        ("questioning", "promises", promise.pk), lambda audience: promise_state(promise=promise, audience=audience)
    )


def promise_record(
    *,
    actor: Any,
    official: Official,
    content: str,
    due_date: dt.date,
    question: Question | None = None,
    session: Session | None = None,
) -> Promise:
    """Record a promise from an answer (``question``) or made otherwise during ``session``."""
    session = question.session if question is not None else session
    if session is None:
        raise ServiceError(REQUEST_INVALID, details={"session": "required"})
    require_manage(actor, session.council_id)
    if official.council_id != session.council_id:
        raise ServiceError(errors.OFFICIAL_OTHER_COUNCIL)
    if not content.strip():
        raise ServiceError(REQUEST_INVALID, details={"content": "empty"})
    if due_date < timezone.localdate():
        raise ServiceError(errors.PROMISE_DUE_INVALID)
    with transaction.atomic():
        promise = promise_insert(
            actor=actor,
            session=session,
            question=question,
            official=official,
            content=content,
            due_date=due_date,
            created_at=timezone.now(),
        )
    return promise


def promise_insert(
    *,
    actor: Any,
    session: Session,
    question: Question | None,
    official: Official,
    content: str,
    due_date: dt.date,
    created_at: dt.datetime,
    audit: dict[str, Any] | None = None,
    **recorded: Any,
) -> Promise:
    """The write ``promise_record`` and ``questioning_record.promise_recorded`` share, in their transaction and
    after their checks: the promise (with what else ``recorded`` says of it), audited ``promise.record`` (with
    ``audit`` added to the entry's data) and streamed."""
    promise = Promise.objects.create(
        session=session,
        question=question,
        official=official,
        content=content.strip(),
        due_date=due_date,
        created_at=created_at,
        **recorded,
    )
    audit_record(
        actor=actor,
        action="promise.record",
        object_type="promise",
        object_id=promise.pk,
        council_id=session.council_id,
        data={
            "official": official.pk,
            "question": question.pk if question else None,
            "due": due_date.isoformat(),
            **(audit or {}),
        },
    )
    emit(session_id=session.pk, type="promise.recorded", puts=[_put_promise(promise)], data={"promise": promise.pk})
    return promise


def promise_report_submit(*, actor: Any, promise: Promise, text: str, done: bool) -> Promise:
    """The official's report on a promise (entered by the secretariat); ``done`` closes it."""
    session = promise.session
    require_manage(actor, session.council_id)
    if not text.strip():
        raise ServiceError(REQUEST_INVALID, details={"text": "empty"})
    with transaction.atomic():
        promise = (
            Promise.objects.select_for_update(no_key=True).select_related("session", "official").get(pk=promise.pk)
        )
        if promise.status == PromiseStatus.DONE:
            raise ServiceError(errors.PROMISE_ALREADY_DONE)
        now = timezone.now()
        promise.report_text, promise.reported_at = text.strip(), now
        if done:
            promise.status, promise.done_at = PromiseStatus.DONE, now
        promise.save()
        audit_record(
            actor=actor,
            action="promise.report",
            object_type="promise",
            object_id=promise.pk,
            council_id=session.council_id,
            data={"done": done},
        )
        emit(session_id=session.pk, type="promise.reported", puts=[_put_promise(promise)], data={"promise": promise.pk})
    return promise


def _emit_explanation(explanation: ExplanationSession, type: str, was_public: bool = False) -> None:
    if explanation.session_id is None:
        return
    emit(
        session_id=explanation.session_id,
        type=type,
        puts=[
            Put(
                ("questioning", "explanations", explanation.pk),
                lambda audience: explanation_state(explanation=explanation, audience=audience),
            )
        ],
        data={"explanation": explanation.pk},
        public_was_visible=was_public,
    )


def explanation_create(
    *,
    actor: Any,
    council: Council,
    topic: str,
    held_on: dt.date,
    notice_date: dt.date,
    respondents: list[Official],
    is_public: bool = True,
    session: Session | None = None,
) -> ExplanationSession:
    """Schedule an explanation session. Less than EXPLANATION_NOTICE_DAYS of notice is allowed but flagged
    (``notice_short`` in its state): the law asks for it, the standing committee decides."""
    require_manage(actor, council)
    if notice_date > held_on:
        raise ServiceError(errors.EXPLANATION_DATES_INVALID)
    if not topic.strip() or not respondents:
        raise ServiceError(REQUEST_INVALID, details={"explanation": "topic and respondents are required"})
    if any(o.council_id != council.pk for o in respondents) or (session and session.council_id != council.pk):
        raise ServiceError(errors.OFFICIAL_OTHER_COUNCIL)
    with transaction.atomic():
        explanation = ExplanationSession.objects.create(
            council=council,
            session=session,
            topic=topic.strip(),
            held_on=held_on,
            notice_date=notice_date,
            is_public=is_public,
        )
        explanation.respondents.set(respondents)
        audit_record(
            actor=actor,
            action="explanation.create",
            object_type="explanation",
            object_id=explanation.pk,
            council_id=council.pk,
            data={"topic": explanation.topic, "held_on": held_on.isoformat(), "notice_date": notice_date.isoformat()},
        )
        _emit_explanation(explanation, "explanation.scheduled")
    return explanation


def explanation_update(
    *,
    actor: Any,
    explanation: ExplanationSession,
    topic: str = UNSET,
    held_on: dt.date = UNSET,
    notice_date: dt.date = UNSET,
    is_public: bool = UNSET,
) -> ExplanationSession:
    require_manage(actor, explanation.council_id)
    changes = {
        k: v
        for k, v in {"topic": topic, "held_on": held_on, "notice_date": notice_date, "is_public": is_public}.items()
        if v is not UNSET
    }
    with transaction.atomic():
        explanation = ExplanationSession.objects.select_for_update(no_key=True).get(pk=explanation.pk)
        was_public = explanation.is_public
        for key, value in changes.items():
            setattr(explanation, key, value)
        if explanation.notice_date > explanation.held_on:
            raise ServiceError(errors.EXPLANATION_DATES_INVALID)
        explanation.save()
        audit_record(
            actor=actor,
            action="explanation.update",
            object_type="explanation",
            object_id=explanation.pk,
            council_id=explanation.council_id,
            data=changes,
        )
        _emit_explanation(explanation, "explanation.updated", was_public)
    return explanation


def explanation_conclude(*, actor: Any, explanation: ExplanationSession, conclusion: str) -> ExplanationSession:
    require_manage(actor, explanation.council_id)
    if not conclusion.strip():
        raise ServiceError(REQUEST_INVALID, details={"conclusion": "empty"})
    with transaction.atomic():
        explanation = ExplanationSession.objects.select_for_update(no_key=True).get(pk=explanation.pk)
        if explanation.concluded_at is not None:
            raise ServiceError(errors.EXPLANATION_ALREADY_CONCLUDED)
        explanation.conclusion, explanation.concluded_at = conclusion.strip(), timezone.now()
        explanation.save(update_fields=["conclusion", "concluded_at"])
        audit_record(
            actor=actor,
            action="explanation.conclude",
            object_type="explanation",
            object_id=explanation.pk,
            council_id=explanation.council_id,
            data={},
        )
        _emit_explanation(explanation, "explanation.concluded", explanation.is_public)
    return explanation

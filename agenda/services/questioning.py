"""Questioning (chất vấn): respondents, question slips, topics and written answers; the live exchange on the
floor is ``questioning_floor``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from agenda import errors
from agenda.models import (
    AgendaItem,
    Official,
    Question,
    QuestionSource,
    QuestionStatus,
    QuestionTopic,
    SessionRespondent,
)
from agenda.selectors import question_state, questioning_state, respondents_state, topic_state
from agenda.services.common import is_delegate, lock_session
from core.audit import audit_object
from core.errors import PERMISSION_DENIED, REQUEST_INVALID, ServiceError
from realtime.emit import Put, emit
from sessions_app.models import Council, Person, Session, Sitting
from sessions_app.permissions import can_manage_council, require_authenticated, require_manage
from sessions_app.personal import personal_refresh

NOT_REACHED = {QuestionStatus.REGISTERED, QuestionStatus.GROUPED}


def put_question(question: Question) -> Put:
    return Put(
        ("questioning", "questions", question.pk), lambda audience: question_state(question=question, audience=audience)
    )


def push_askers(session_id: int, questions: Any, type: str) -> None:
    """Each asker's own ``me.agenda`` (protocol 1.1 personal frame), after commit."""
    personal_refresh(session_id=session_id, person_ids={q.asker_id for q in questions}, parts=["agenda"], type=type)


def question_changed(question: Question, type: str) -> None:
    """The event of one question's change, and its asker's ``me.agenda`` (both after commit)."""
    emit(session_id=question.session_id, type=type, puts=[put_question(question)], data={"question": question.pk})
    push_askers(question.session_id, [question], type)


def put_current(session: Session) -> Put:
    return Put(
        ("questioning", "current"),
        lambda audience: questioning_state(session=session, audience=audience)["current"],
        hideable=False,
    )


def official_create(*, actor: Any, council: Council, full_name: str, title: str, agency: str) -> Official:
    require_manage(actor, council)
    if not (full_name.strip() and title.strip() and agency.strip()):
        raise ServiceError(REQUEST_INVALID, details={"official": "name, title and agency are required"})
    with transaction.atomic():
        try:
            with transaction.atomic():
                official = Official.objects.create(
                    council=council, full_name=full_name.strip(), title=title.strip(), agency=agency.strip()
                )
        except IntegrityError as exc:
            raise ServiceError(REQUEST_INVALID, details={"official": "already exists"}) from exc
        audit_object(
            actor=actor,
            action="official.create",
            obj=official,
            council_id=council.pk,
            data={"name": official.full_name},
        )
    return official


def session_respondent_add(*, actor: Any, session: Session, official: Official) -> SessionRespondent:
    require_manage(actor, session.council_id)
    if official.council_id != session.council_id:
        raise ServiceError(errors.OFFICIAL_OTHER_COUNCIL)
    with transaction.atomic():
        session = lock_session(session)
        if SessionRespondent.objects.filter(session=session, official=official).exists():
            raise ServiceError(errors.RESPONDENT_ALREADY_LISTED)
        position = (session.respondents.aggregate(m=Max("position"))["m"] or 0) + 1
        row = SessionRespondent.objects.create(session=session, official=official, position=position)
        audit_object(actor=actor, action="question.respondent_add", obj=session, data={"official": official.pk})
        emit(
            session_id=session.pk,
            type="question.respondents_changed",
            puts=[
                Put(
                    ("questioning", "respondents"),
                    lambda audience: respondents_state(session=session, audience=audience) or {},
                    hideable=False,
                )
            ],
            data={"official": official.pk} if session.is_public else {},
        )
    return row


def question_register(
    *,
    actor: Any,
    session: Session,
    respondent: Official,
    text: str,
    asker: Person | None = None,
    source: str = QuestionSource.DELEGATE,
) -> Question:
    """A delegate registers a slip for themselves (REST before the session, tablet during it), or the
    secretariat registers one handed in on paper."""
    require_authenticated(actor)
    asker = asker or getattr(actor, "person", None)
    if asker is None or asker.pk != actor.person_id:
        require_manage(actor, session.council_id)
        source = QuestionSource.SECRETARIAT
    if not is_delegate(asker, session):
        raise ServiceError(errors.QUESTION_NOT_MEMBER)
    if not text.strip():
        raise ServiceError(errors.QUESTION_TEXT_EMPTY)
    if source not in QuestionSource.values:
        raise ServiceError(REQUEST_INVALID, details={"source": source})
    with transaction.atomic():
        session = lock_session(session)
        if not SessionRespondent.objects.filter(session=session, official=respondent).exists():
            raise ServiceError(errors.RESPONDENT_NOT_LISTED)
        position = (session.questions.aggregate(m=Max("position"))["m"] or 0) + 1
        question = Question.objects.create(
            session=session,
            asker=asker,
            respondent=respondent,
            text=text.strip(),
            source=source,
            position=position,
            registered_at=timezone.now(),
        )
        audit_object(
            actor=actor,
            action="question.register",
            obj=question,
            council_id=session.council_id,
            data={"asker": asker.pk, "respondent": respondent.pk, "source": source},
        )
        question_changed(question, "question.registered")
    return question


def locked_question(question: Question) -> Question:
    lock_session(question.session)
    return (
        Question.objects.select_for_update(of=("self",), no_key=True)
        .select_related("session", "asker", "respondent", "topic")
        .get(pk=question.pk)
    )


def question_withdraw(*, actor: Any, question: Question) -> Question:
    require_authenticated(actor)
    if actor.person_id != question.asker_id and not can_manage_council(actor, question.session.council_id):
        raise ServiceError(PERMISSION_DENIED)
    with transaction.atomic():
        question = locked_question(question)
        if question.status not in NOT_REACHED:
            raise ServiceError(errors.QUESTION_STATUS_INVALID, current=question.status)
        question.status = QuestionStatus.WITHDRAWN
        question.save(update_fields=["status", "updated_at"])
        audit_object(
            actor=actor, action="question.withdraw", obj=question, council_id=question.session.council_id, data={}
        )
        question_changed(question, "question.withdrawn")
    return question


def topic_create(
    *, actor: Any, session: Session, title: str, respondents: list[Official], item: AgendaItem | None = None
) -> QuestionTopic:
    require_manage(actor, session.council_id)
    if not title.strip():
        raise ServiceError(REQUEST_INVALID, details={"title": "empty"})
    if item is not None and item.session_id != session.pk:
        raise ServiceError(errors.TOPIC_OTHER_SESSION)
    with transaction.atomic():
        session = lock_session(session)
        listed = set(SessionRespondent.objects.filter(session=session).values_list("official_id", flat=True))
        if any(o.pk not in listed for o in respondents):
            raise ServiceError(errors.RESPONDENT_NOT_LISTED)
        position = (session.question_topics.aggregate(m=Max("position"))["m"] or 0) + 1
        topic = QuestionTopic.objects.create(session=session, title=title.strip(), item=item, position=position)
        topic.respondents.set(respondents)
        audit_object(
            actor=actor,
            action="question.topic_create",
            obj=topic,
            council_id=session.council_id,
            data={"title": topic.title, "respondents": [o.pk for o in respondents]},
        )
        emit(
            session_id=session.pk,
            type="question.topic_created",
            puts=[
                Put(("questioning", "topics", topic.pk), lambda audience: topic_state(topic=topic, audience=audience))
            ],
            data={"topic": topic.pk},
        )
    return topic


def topic_arrange(*, actor: Any, topic: QuestionTopic, question_ids: list[int]) -> list[Question]:
    """Put these questions into the topic, in this order (a question may move from another topic)."""
    session = topic.session
    require_manage(actor, session.council_id)
    if len(question_ids) != len(set(question_ids)):
        raise ServiceError(errors.ORDER_MISMATCH)
    with transaction.atomic():
        lock_session(session)
        found = {
            q.pk: q
            for q in Question.objects.select_for_update(no_key=True).filter(pk__in=question_ids, session=session)
        }
        if len(found) != len(question_ids):
            raise ServiceError(errors.TOPIC_OTHER_SESSION)
        for question in found.values():
            if question.status not in NOT_REACHED:
                raise ServiceError(errors.QUESTION_STATUS_INVALID, current=question.status)
        ordered = [found[pk] for pk in question_ids]
        base = topic.position * 1000
        for offset, question in enumerate(ordered, 1):
            question.topic, question.status, question.position = topic, QuestionStatus.GROUPED, base + offset
            question.save(update_fields=["topic", "status", "position", "updated_at"])
        audit_object(
            actor=actor,
            action="question.topic_arrange",
            obj=topic,
            council_id=session.council_id,
            data={"order": question_ids},
        )
        emit(
            session_id=session.pk,
            type="question.grouped",
            puts=[put_question(q) for q in ordered],
            data={"topic": topic.pk},
        )
        push_askers(session.pk, ordered, "question.grouped")
    return ordered


def questions_to_writing(
    *, actor: Any, session: Session, sitting: Sitting, question_ids: list[int] | None = None
) -> list[Question]:
    """Questions not reached at ``sitting`` are answered in writing, due WRITTEN_ANSWER_DAYS after it.
    Without ``question_ids``: every question still registered or grouped."""
    require_manage(actor, session.council_id)
    if sitting.session_id != session.pk:
        raise ServiceError(errors.ITEM_OTHER_SESSION)
    due = sitting.date + dt.timedelta(days=settings.NT["WRITTEN_ANSWER_DAYS"])
    with transaction.atomic():
        lock_session(session)
        questions = Question.objects.select_for_update(no_key=True).filter(session=session)
        if question_ids is None:
            chosen = list(questions.filter(status__in=NOT_REACHED))
        else:
            chosen = list(questions.filter(pk__in=question_ids))
            if len(chosen) != len(set(question_ids)):
                raise ServiceError(errors.TOPIC_OTHER_SESSION)
            for question in chosen:
                if question.status not in NOT_REACHED | {QuestionStatus.ASKED} or question.on_floor:
                    raise ServiceError(errors.QUESTION_STATUS_INVALID, current=question.status)
        for question in chosen:
            question.status, question.written_due = QuestionStatus.WRITTEN, due
            question.save(update_fields=["status", "written_due", "updated_at"])
        audit_object(
            actor=actor,
            action="question.to_writing",
            obj=session,
            data={"questions": [q.pk for q in chosen], "due": due.isoformat()},
        )
        if chosen:
            emit(
                session_id=session.pk,
                type="question.to_writing",
                puts=[put_question(q) for q in chosen],
                data={"questions": [q.pk for q in chosen]},
            )
            push_askers(session.pk, chosen, "question.to_writing")
    return chosen


def question_answer_written(*, actor: Any, question: Question, text: str) -> Question:
    """The secretariat records the respondent's written answer."""
    require_manage(actor, question.session.council_id)
    if not text.strip():
        raise ServiceError(REQUEST_INVALID, details={"text": "empty"})
    with transaction.atomic():
        question = locked_question(question)
        if question.status != QuestionStatus.WRITTEN:
            raise ServiceError(errors.QUESTION_STATUS_INVALID, current=question.status)
        question.status, question.written_answer = QuestionStatus.ANSWERED, text.strip()
        question.written_answered_at = timezone.now()
        question.save(update_fields=["status", "written_answer", "written_answered_at", "updated_at"])
        audit_object(
            actor=actor,
            action="question.answer_written",
            obj=question,
            council_id=question.session.council_id,
            data={"on_time": question.written_due is None or timezone.localdate() <= question.written_due},
        )
        question_changed(question, "question.answered_in_writing")
    return question


def questions_link_resolution(
    *, actor: Any, session: Session, resolution_id: int, resolution_number: str, question_ids: list[int] | None = None
) -> int:
    """Link the questioning resolution to its questions (all but withdrawn ones by default). For the voting
    app, which owns resolutions; agenda keeps only the id and the official number."""
    require_manage(actor, session.council_id)
    with transaction.atomic():
        lock_session(session)
        questions = Question.objects.filter(session=session).exclude(status=QuestionStatus.WITHDRAWN)
        if question_ids is not None:
            questions = questions.filter(pk__in=question_ids)
        count = questions.update(
            resolution_id=resolution_id, resolution_number=resolution_number, updated_at=timezone.now()
        )
        audit_object(
            actor=actor,
            action="question.link_resolution",
            obj=session,
            data={"resolution": resolution_id, "number": resolution_number, "count": count},
        )
    return count

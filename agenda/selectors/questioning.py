"""Questioning as the stream and the archive show it: respondents, topics, questions with their live
steps, promises, written answers due and overdue, and the promise report before the next session."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import DateField, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from agenda.models import (
    ExplanationSession,
    Official,
    Promise,
    PromiseStatus,
    Question,
    QuestionStatus,
    QuestionStep,
    QuestionTopic,
    SessionRespondent,
    StepKind,
)
from agenda.selectors.items import agenda_tree
from realtime.registry import Audience
from sessions_app.models import Session


def official_state(official: Official) -> dict[str, Any]:
    return {"id": official.pk, "full_name": official.full_name, "title": official.title, "agency": official.agency}


def _public_items(session: Session) -> dict[int, bool]:
    return {n.item.pk: n.public for n in agenda_tree(session=session)}


def _topic_public(topic: QuestionTopic | None, session: Session, public_items: dict[int, bool]) -> bool:
    if not session.is_public:
        return False
    return topic is None or topic.item_id is None or public_items.get(topic.item_id, False)


def step_state(step: QuestionStep) -> dict[str, Any]:
    return {
        "number": step.number,
        "kind": step.kind,
        "person": {"id": step.person_id, "name": step.person.full_name} if step.person_id else None,
        "official": official_state(step.official) if step.official_id else None,
        "clock": step.clock_state(),
    }


def question_state(
    *, question: Question, audience: Audience, public_items: dict[int, bool] | None = None
) -> dict[str, Any] | None:
    session = question.session
    if audience == "public":
        if public_items is None:
            public_items = _public_items(session)
        if not _topic_public(question.topic, session, public_items):
            return None
    steps = [step_state(s) for s in question.steps.select_related("person", "official").order_by("number")]
    return {
        "id": question.pk,
        "asker": {"id": question.asker_id, "name": question.asker.full_name},
        "respondent": official_state(question.respondent),
        "topic": question.topic_id,
        "text": question.text,
        "status": question.status,
        "position": question.position,
        "on_floor": question.on_floor,
        "registered_at": question.registered_at.isoformat(),
        "steps": steps,
        "step": steps[-1] if question.on_floor and steps else None,
        "written_due": question.written_due.isoformat() if question.written_due else None,
        "written_answered_at": question.written_answered_at.isoformat() if question.written_answered_at else None,
    }


def topic_state(
    *, topic: QuestionTopic, audience: Audience, public_items: dict[int, bool] | None = None
) -> dict[str, Any] | None:
    if audience == "public":
        if public_items is None:
            public_items = _public_items(topic.session)
        if not _topic_public(topic, topic.session, public_items):
            return None
    return {
        "id": topic.pk,
        "title": topic.title,
        "item": topic.item_id,
        "position": topic.position,
        "respondents": [o.pk for o in topic.respondents.order_by("pk")],
    }


def respondents_state(*, session: Session, audience: Audience) -> dict[str, Any] | None:
    if audience == "public" and not session.is_public:
        return None
    rows = SessionRespondent.objects.filter(session=session).select_related("official").order_by("position", "pk")
    return {str(r.official_id): {**official_state(r.official), "position": r.position} for r in rows}


def promise_status(promise: Promise, today: dt.date | None = None) -> str:
    """open / done / overdue: overdue is an open promise past its due date."""
    today = today or timezone.localdate()
    if promise.status == PromiseStatus.OPEN and promise.due_date < today:
        return "overdue"
    return promise.status


def promise_state(*, promise: Promise, audience: Audience) -> dict[str, Any] | None:
    if audience == "public" and not promise.session.is_public:
        return None
    return {
        "id": promise.pk,
        "question": promise.question_id,
        "official": official_state(promise.official),
        "content": promise.content,
        "due_date": promise.due_date.isoformat(),
        "status": promise.status,  # stored open/done; "overdue" is derived from due_date by readers
        "reported_at": promise.reported_at.isoformat() if promise.reported_at else None,
        "done_at": promise.done_at.isoformat() if promise.done_at else None,
    }


def explanation_notice_days(explanation: ExplanationSession) -> int:
    return (explanation.held_on - explanation.notice_date).days


def explanation_notice_short(explanation: ExplanationSession) -> bool:
    """Less notice than the law's EXPLANATION_NOTICE_DAYS: a warning, not a refusal."""
    return explanation_notice_days(explanation) < settings.NT["EXPLANATION_NOTICE_DAYS"]


def explanation_state(*, explanation: ExplanationSession, audience: Audience) -> dict[str, Any] | None:
    if audience == "public" and not explanation.is_public:
        return None
    notice_days = explanation_notice_days(explanation)
    return {
        "id": explanation.pk,
        "topic": explanation.topic,
        "session": explanation.session_id,
        "held_on": explanation.held_on.isoformat(),
        "notice_date": explanation.notice_date.isoformat(),
        "notice_days": notice_days,
        "notice_short": explanation_notice_short(explanation),
        "is_public": explanation.is_public,
        "respondents": [official_state(o) for o in explanation.respondents.order_by("pk")],
        "conclusion": explanation.conclusion,
        "concluded_at": explanation.concluded_at.isoformat() if explanation.concluded_at else None,
    }


def _keyed(states: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in states.items() if value is not None}


def questioning_state(*, session: Session, audience: Audience) -> dict[str, Any]:
    public_items = _public_items(session)
    questions = Question.objects.filter(session=session).select_related("asker", "respondent", "topic", "session")
    topics = QuestionTopic.objects.filter(session=session).select_related("session")
    promises = Promise.objects.filter(session=session).select_related("official", "session")
    explanations = ExplanationSession.objects.filter(session=session)
    current = next((q for q in questions if q.on_floor), None)
    current_visible = current is not None and (
        audience == "council" or _topic_public(current.topic, session, public_items)
    )
    return {
        "respondents": respondents_state(session=session, audience=audience) or {},
        "topics": _keyed(
            {str(t.pk): topic_state(topic=t, audience=audience, public_items=public_items) for t in topics}
        ),
        "questions": _keyed(
            {str(q.pk): question_state(question=q, audience=audience, public_items=public_items) for q in questions}
        ),
        "promises": _keyed({str(p.pk): promise_state(promise=p, audience=audience) for p in promises}),
        "explanations": _keyed({str(e.pk): explanation_state(explanation=e, audience=audience) for e in explanations}),
        "current": current.pk if current_visible else None,
    }


def questions_written_overdue(*, council_id: int | None = None, today: dt.date | None = None) -> QuerySet[Question]:
    """Questions to be answered in writing whose due date has passed without an answer."""
    today = today or timezone.localdate()
    questions = Question.objects.filter(status=QuestionStatus.WRITTEN, written_due__lt=today)
    if council_id is not None:
        questions = questions.filter(session__council_id=council_id)
    return questions.select_related("asker", "respondent", "session").order_by("written_due", "pk")


def _asking_day(question: str) -> Subquery:
    """The day of the question's first asking turn (local time), for ``question`` the outer row's question id."""
    turns = QuestionStep.objects.filter(question_id=OuterRef(question), kind=StepKind.ASK, started_at__isnull=False)
    day = TruncDate("started_at", tzinfo=ZoneInfo(settings.TIME_ZONE))
    return Subquery(turns.order_by("number").annotate(day=day).values("day")[:1], output_field=DateField())


def question_day() -> Coalesce:
    """A question's legal date, the day it was asked (docs/activity.md, "Date basis"): the day of the sitting of
    its topic's agenda item; without one, the day of its asking turn (a question recorded from a past sitting,
    as the year import does, is asked at that sitting's date); without either, its session's opening date.
    Never the day the slip was registered: a slip registered in December for a January sitting is January's."""
    return Coalesce(
        F("topic__item__sitting__date"), _asking_day("pk"), F("session__start_date"), output_field=DateField()
    )


def question_date(question: Question) -> dt.date:
    """One question's ``question_day``."""
    return Question.objects.filter(pk=question.pk).annotate(day=question_day()).values_list("day", flat=True).get()


def promise_day() -> Coalesce:
    """A promise's legal date, the day it was made: its question's day (``question_day``); a promise made
    outside a question, its session's opening date. Its due date is another filter (``due_year`` …)."""
    return Coalesce(
        F("question__topic__item__sitting__date"),
        _asking_day("question_id"),
        F("session__start_date"),
        output_field=DateField(),
    )


def promises_with_status(
    *, queryset: QuerySet[Promise], status: str | None, today: dt.date | None = None
) -> QuerySet[Promise]:
    """Filter by the derived status (open / done / overdue)."""
    today = today or timezone.localdate()
    if status == "overdue":
        return queryset.filter(status=PromiseStatus.OPEN, due_date__lt=today)
    if status == PromiseStatus.OPEN:
        return queryset.filter(status=PromiseStatus.OPEN, due_date__gte=today)
    if status == PromiseStatus.DONE:
        return queryset.filter(status=PromiseStatus.DONE)
    return queryset


def promise_report(*, next_session: Session) -> dict[str, Any]:
    """Promises the officials must report on before ``next_session``: those made at earlier sessions of the
    council that are still open, or were done since the previous session opened. The report is due
    PROMISE_REPORT_DAYS_BEFORE_SESSION days before the session opens."""
    report_due = next_session.start_date - dt.timedelta(days=settings.NT["PROMISE_REPORT_DAYS_BEFORE_SESSION"])
    earlier = Session.objects.filter(council_id=next_session.council_id, start_date__lt=next_session.start_date)
    previous = earlier.order_by("-start_date").first()
    done_since = Q(done_at__date__gte=previous.start_date) if previous else Q(pk__in=[])
    promises = (
        Promise.objects.filter(session__in=earlier)
        .filter(Q(status=PromiseStatus.OPEN) | done_since)
        .select_related("official", "session")
        .order_by("official__full_name", "due_date", "pk")
    )
    rows = []
    for promise in promises:
        if promise.reported_at is None:
            report = "missing"
        elif timezone.localdate(promise.reported_at) <= report_due:
            report = "on_time"
        else:
            report = "late"
        rows.append(
            {**promise_state(promise=promise, audience="council"), "status": promise_status(promise), "report": report}
        )
    return {"next_session": next_session.pk, "report_due": report_due.isoformat(), "promises": rows}

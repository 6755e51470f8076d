"""Archive queries of the agenda app's lists: agenda items, documents, speaker requests, questions (with
their answers) and promises. The same mechanism as the sessions and resolutions lists
(``sessions_app.archive``): a query serializer per list that refuses bad input with ``request.invalid`` and
documents its parameters in the OpenAPI schema, and one filter function that applies it. Each list filters
by the session it belongs to (session, council, level, term, session type), its own ids and choices, a
year and a date range, diacritics-insensitive search and ordering. Visibility is applied before, by the
views; these filters only ever narrow it."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from agenda.models import (
    DocumentKind,
    ItemKind,
    ItemState,
    QuestionStatus,
    QuestionStep,
    SpeakerState,
    SpeechKind,
    StepKind,
)
from agenda.models.questioning import PromiseStatus
from agenda.selectors import promise_day, promises_with_status, question_day
from sessions_app.archive import ChoiceFilter, IdField, SessionScopedQuery, archive_filter, session_scope_lookups


class AgendaItemQuery(SessionScopedQuery):
    """``year`` and the date range apply to the item's sitting day (the session's first day while the item
    has no sitting)."""

    sitting = IdField("Only items of this sitting")
    parent = IdField("Only the children of this item")
    state = ChoiceFilter(ItemState.choices, "Only items in this state")
    kind = ChoiceFilter(ItemKind.choices, "Only items of this kind")
    delegate = IdField("Only items presented by this delegate")

    ORDERING = {"date": "day", "order": "order", "title": "title"}


def agenda_items_filter(rows: QuerySet[Any], query: dict[str, Any]) -> QuerySet[Any]:
    lookups = {
        **session_scope_lookups("session"),
        "sitting": "sitting_id",
        "parent": "parent_id",
        "state": "state",
        "kind": "kind",
        "delegate": "presenter_person_id",
    }
    rows = rows.annotate(day=Coalesce(F("sitting__date"), F("session__start_date")))
    return archive_filter(
        rows,
        query,
        lookups=lookups,
        date_field="day",
        search_fields=["title", "description", "presenter_name"],
        ordering=AgendaItemQuery.ORDERING,
        default_order=["session_id", "parent_id", "order", "pk"],
    )


class DocumentQuery(SessionScopedQuery):
    """``year`` and the date range apply to the day the document was created."""

    item = IdField("Only documents of this agenda item")
    kind = ChoiceFilter(DocumentKind.choices, "Only documents of this kind")

    ORDERING = {"created_at": "created_at", "title": "title"}


def documents_filter(rows: QuerySet[Any], query: dict[str, Any]) -> QuerySet[Any]:
    lookups = {**session_scope_lookups("item__session"), "item": "item_id", "kind": "kind"}
    return archive_filter(
        rows,
        query,
        lookups=lookups,
        date_field="created_at__date",
        search_fields=["title", "item__title"],
        ordering=DocumentQuery.ORDERING,
        default_order=["pk"],
    )


class SpeakerRequestQuery(SessionScopedQuery):
    """``year`` and the date range apply to the day of the request."""

    item = IdField("Only requests to speak on this agenda item")
    delegate = IdField("Only this delegate's requests")
    status = ChoiceFilter(SpeakerState.choices, "Only requests in this state")
    kind = ChoiceFilter(SpeechKind.choices, "Only speeches of this kind")

    ORDERING = {"requested_at": "requested_at", "position": "position"}


def speaker_requests_filter(rows: QuerySet[Any], query: dict[str, Any]) -> QuerySet[Any]:
    lookups = {
        **session_scope_lookups("item__session"),
        "item": "item_id",
        "delegate": "person_id",
        "status": "state",
        "kind": "kind",
    }
    return archive_filter(
        rows,
        query,
        lookups=lookups,
        date_field="requested_at__date",
        search_fields=["person__full_name", "item__title"],
        ordering=SpeakerRequestQuery.ORDERING,
        default_order=["item_id", "position", "pk"],
    )


QUESTION_ANSWERED_IN = [("sitting", _("Tại phiên họp")), ("writing", _("Bằng văn bản"))]


class QuestionQuery(SessionScopedQuery):
    """``year`` and the date range apply to the day the question was asked (``agenda.selectors.question_day``:
    the date of its topic's sitting, else of its asking turn, else its session's opening date), never the day
    the slip was registered, as the council statistics count it (docs/activity.md, "Date basis"); search looks
    in the question, its written answer, the asker's and the respondent's names."""

    item = IdField("Only questions of topics on this agenda item")
    topic = IdField("Only questions of this topic")
    delegate = IdField("Only questions asked by this delegate")
    respondent = IdField("Only questions to this official")
    status = ChoiceFilter(QuestionStatus.choices, "Only questions in this status")
    answered = serializers.BooleanField(
        required=False,
        allow_null=True,
        help_text="Only questions answered (true: on the floor or in writing) or not yet",
    )
    answered_in = ChoiceFilter(
        QUESTION_ANSWERED_IN, "Only questions answered at the sitting (no written answer) or in writing"
    )
    overdue = serializers.BooleanField(
        required=False,
        allow_null=True,
        help_text="Only questions awaiting a written answer past its due date (true), or all the others (false)",
    )

    ORDERING = {
        "date": "day",
        "registered_at": "registered_at",
        "position": "position",
        "written_due": "written_due",
    }


def questions_filter(rows: QuerySet[Any], query: dict[str, Any]) -> QuerySet[Any]:
    lookups = {
        **session_scope_lookups("session"),
        "item": "topic__item_id",
        "topic": "topic_id",
        "delegate": "asker_id",
        "respondent": "respondent_id",
        "status": "status",
    }
    if query.get("answered") is not None:
        answered = Q(written_answer__gt="") | Q(
            pk__in=QuestionStep.objects.filter(kind=StepKind.ANSWER).values("question_id")
        )
        rows = rows.filter(answered if query["answered"] else ~answered)
    if "answered_in" in query:
        rows = rows.filter(
            status=QuestionStatus.ANSWERED, written_answered_at__isnull=query["answered_in"] == "sitting"
        )
    if query.get("overdue") is not None:
        overdue = Q(status=QuestionStatus.WRITTEN, written_due__lt=timezone.localdate())
        rows = rows.filter(overdue if query["overdue"] else ~overdue)
    return archive_filter(
        rows.annotate(day=question_day()),
        query,
        lookups=lookups,
        date_field="day",
        search_fields=["text", "written_answer", "asker__full_name", "respondent__full_name", "respondent__title"],
        ordering=QuestionQuery.ORDERING,
        default_order=["session_id", "position", "pk"],
    )


PROMISE_STATUSES = [
    (PromiseStatus.OPEN.value, PromiseStatus.OPEN.label),
    (PromiseStatus.DONE.value, PromiseStatus.DONE.label),
    ("overdue", _("Quá hạn")),
]


class PromiseQuery(SessionScopedQuery):
    """``year`` and the date range apply to the day the promise was made (``agenda.selectors.promise_day``: its
    question's day, the day it was asked; without a question, its session's opening date), as the council
    statistics count it (docs/activity.md, "Date basis"); ``due_year``, ``due_from`` and ``due_to`` apply to its
    due date. ``status`` is the derived one (an open promise past its due date is overdue)."""

    respondent = IdField("Only promises of this official")
    delegate = IdField("Only promises answering this delegate's questions")
    question = IdField("Only promises made answering this question")
    status = ChoiceFilter(PROMISE_STATUSES, "open, done or overdue")
    due_year = serializers.IntegerField(
        required=False, min_value=1945, max_value=2100, help_text="Only promises due in this year"
    )
    due_from = serializers.DateField(required=False, help_text="Only promises due from this day (YYYY-MM-DD)")
    due_to = serializers.DateField(required=False, help_text="Only promises due up to this day (YYYY-MM-DD)")

    ORDERING = {"date": "day", "due_date": "due_date", "created_at": "created_at"}

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        data = super().validate(data)
        if data.get("due_from") and data.get("due_to") and data["due_from"] > data["due_to"]:
            raise serializers.ValidationError({"due_to": "not before due_from"})
        return data


def promises_filter(rows: QuerySet[Any], query: dict[str, Any]) -> QuerySet[Any]:
    lookups = {
        **session_scope_lookups("session"),
        "respondent": "official_id",
        "delegate": "question__asker_id",
        "question": "question_id",
        "due_year": "due_date__year",
        "due_from": "due_date__gte",
        "due_to": "due_date__lte",
    }
    rows = promises_with_status(queryset=rows, status=query.get("status"))
    return archive_filter(
        rows.annotate(day=promise_day()),
        query,
        lookups=lookups,
        date_field="day",
        search_fields=["content", "report_text", "official__full_name"],
        ordering=PromiseQuery.ORDERING,
        default_order=["due_date", "pk"],
    )

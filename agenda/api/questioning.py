"""REST endpoints of questioning: officials, respondents of a session, topics and questions."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from agenda import serializers as s
from agenda import writes
from agenda import writes_setup as w
from agenda.api.common import archive_list, id_filters, query_params
from agenda.archive import (
    QuestionQuery,
    questions_filter,
)
from agenda.models import (
    Official,
    Question,
    QuestionTopic,
    SessionRespondent,
)
from agenda.selectors import questions_written_overdue
from agenda.selectors.access import item_public_q, visible
from core.api import LastModifiedMixin
from core.writes import WriteActions, write_schema
from sessions_app.archive import archive_query


@extend_schema_view(list=extend_schema(parameters=query_params("council")))
class OfficialViewSet(WriteActions, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Any]):
    write_role = "staff"
    serializer_class = s.OfficialSerializer

    def get_queryset(self) -> QuerySet[Official]:
        return id_filters(Official.objects.all(), self.request, {"council": "council_id"}).order_by(
            "council_id", "full_name", "pk"
        )

    @write_schema(w.OFFICIAL_CREATE, s.OfficialSerializer, created=True)
    def create(self, request: Request) -> Response:
        return self.write(w.OFFICIAL_CREATE, target=False, created=True)


@extend_schema_view(list=extend_schema(parameters=query_params("session")))
class SessionRespondentViewSet(WriteActions, mixins.ListModelMixin, viewsets.GenericViewSet[Any]):
    write_role = "staff"
    serializer_class = s.SessionRespondentSerializer

    def get_queryset(self) -> QuerySet[SessionRespondent]:
        rows = SessionRespondent.objects.filter(
            visible(self.request.user, council_path="session__council", public_q=Q(session__is_public=True))
        )
        return (
            id_filters(rows, self.request, {"session": "session_id"})
            .select_related("official")
            .order_by("session_id", "position")
        )

    @write_schema(w.RESPONDENT_ADD, s.SessionRespondentSerializer, created=True)
    def create(self, request: Request) -> Response:
        return self.write(w.RESPONDENT_ADD, target=False, created=True)


def _topic_public_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}session__is_public": True}) & (
        Q(**{f"{prefix}item__isnull": True}) | item_public_q(f"{prefix}item__")
    )


@extend_schema_view(list=extend_schema(parameters=query_params("session", "item")))
class QuestionTopicViewSet(
    WriteActions, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Any]
):
    write_role = "staff"
    serializer_class = s.QuestionTopicSerializer

    def get_queryset(self) -> QuerySet[QuestionTopic]:
        topics = QuestionTopic.objects.filter(
            visible(self.request.user, council_path="session__council", public_q=_topic_public_q())
        )
        return id_filters(topics, self.request, {"session": "session_id", "item": "item_id"}).order_by(
            "session_id", "position"
        )

    @write_schema(w.TOPIC_CREATE, s.QuestionTopicSerializer, created=True)
    def create(self, request: Request) -> Response:
        return self.write(w.TOPIC_CREATE, target=False, created=True)

    @write_schema(w.TOPIC_ARRANGE, s.QuestionTopicSerializer)
    @action(detail=True, methods=["post"])
    def arrange(self, request: Request, pk: str) -> Response:
        return self.write(w.TOPIC_ARRANGE)


@extend_schema_view(
    list=archive_list(
        "Questions and their answers (filters, ordering, diacritics-insensitive search)",
        QuestionQuery,
        s.QuestionSerializer,
    )
)
class QuestionViewSet(
    WriteActions, LastModifiedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Any]
):
    write_role = "staff"
    write_roles = {"create": "login", "withdraw": "login"}  # a delegate registers a slip, and withdraws it
    serializer_class = s.QuestionSerializer

    def get_queryset(self) -> QuerySet[Question]:
        public_q = (Q(topic__isnull=True) & Q(session__is_public=True)) | _topic_public_q("topic__")
        questions = Question.objects.filter(
            visible(self.request.user, council_path="session__council", public_q=public_q)
        )
        questions = questions.select_related("asker", "respondent").prefetch_related("steps")
        if self.action != "list":
            return questions.order_by("session_id", "position", "pk")
        return questions_filter(questions, archive_query(QuestionQuery, self.request))

    @write_schema(writes.QUESTION_REGISTER, s.QuestionSerializer, created=True)
    def create(self, request: Request) -> Response:
        return self.write(writes.QUESTION_REGISTER, target=False, created=True)

    @write_schema(writes.QUESTION_WITHDRAW, s.QuestionSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str) -> Response:
        return self.write(writes.QUESTION_WITHDRAW)

    @write_schema(writes.QUESTION_FLOOR, s.QuestionSerializer)
    @action(detail=True, methods=["post"])
    def floor(self, request: Request, pk: str) -> Response:
        return self.write(writes.QUESTION_FLOOR)

    @write_schema(writes.QUESTION_STEP, s.QuestionSerializer)
    @action(detail=True, methods=["post"])
    def step(self, request: Request, pk: str) -> Response:
        return self.write(writes.QUESTION_STEP)

    @write_schema(writes.QUESTION_FINISH, s.QuestionSerializer)
    @action(detail=True, methods=["post"])
    def finish(self, request: Request, pk: str) -> Response:
        return self.write(writes.QUESTION_FINISH)

    @write_schema(w.QUESTION_WRITTEN_ANSWER, s.QuestionSerializer)
    @action(detail=True, methods=["post"], url_path="written-answer")
    def written_answer(self, request: Request, pk: str) -> Response:
        return self.write(w.QUESTION_WRITTEN_ANSWER)

    @write_schema(w.QUESTIONS_TO_WRITING, s.QuestionSerializer(many=True))
    @action(detail=False, methods=["post"], url_path="to-writing")
    def to_writing(self, request: Request) -> Response:
        return self.write(w.QUESTIONS_TO_WRITING, target=False)

    @extend_schema(parameters=query_params("council"), responses=s.QuestionSerializer(many=True))
    @action(detail=False, methods=["get"])
    def overdue(self, request: Request) -> Response:
        """Written answers past their due date."""
        rows = self.get_queryset().filter(pk__in=questions_written_overdue().values("pk"))
        page = self.paginate_queryset(id_filters(rows, request, {"council": "session__council_id"}))
        return self.get_paginated_response(s.QuestionSerializer(page, many=True).data)

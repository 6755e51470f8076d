"""REST endpoints of questioning: officials, respondents of a session, topics and questions."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from agenda import serializers as s
from agenda import services, writes
from agenda.api.common import answer, archive_list, id_filters, query_params
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
from core.api import LastModifiedMixin, request_input
from core.writes import WriteActions, write_schema
from sessions_app.archive import archive_query


@extend_schema_view(list=extend_schema(parameters=query_params("council")))
class OfficialViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Any]):
    write_role = "staff"
    serializer_class = s.OfficialSerializer

    def get_queryset(self) -> QuerySet[Official]:
        return id_filters(Official.objects.all(), self.request, {"council": "council_id"}).order_by(
            "council_id", "full_name", "pk"
        )

    @extend_schema(request=s.OfficialInput, responses={201: s.OfficialSerializer})
    def create(self, request: Request) -> Response:
        return answer(
            s.OfficialSerializer,
            services.official_create(actor=request.user, **request_input(s.OfficialInput, request)),
            status.HTTP_201_CREATED,
        )


@extend_schema_view(list=extend_schema(parameters=query_params("session")))
class SessionRespondentViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[Any]):
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

    @extend_schema(request=s.SessionRespondentInput, responses={201: s.SessionRespondentSerializer})
    def create(self, request: Request) -> Response:
        return answer(
            s.SessionRespondentSerializer,
            services.session_respondent_add(actor=request.user, **request_input(s.SessionRespondentInput, request)),
            status.HTTP_201_CREATED,
        )


def _topic_public_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}session__is_public": True}) & (
        Q(**{f"{prefix}item__isnull": True}) | item_public_q(f"{prefix}item__")
    )


@extend_schema_view(list=extend_schema(parameters=query_params("session", "item")))
class QuestionTopicViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Any]):
    write_role = "staff"
    serializer_class = s.QuestionTopicSerializer

    def get_queryset(self) -> QuerySet[QuestionTopic]:
        topics = QuestionTopic.objects.filter(
            visible(self.request.user, council_path="session__council", public_q=_topic_public_q())
        )
        return id_filters(topics, self.request, {"session": "session_id", "item": "item_id"}).order_by(
            "session_id", "position"
        )

    @extend_schema(request=s.QuestionTopicInput, responses={201: s.QuestionTopicSerializer})
    def create(self, request: Request) -> Response:
        return answer(
            s.QuestionTopicSerializer,
            services.topic_create(actor=request.user, **request_input(s.QuestionTopicInput, request)),
            status.HTTP_201_CREATED,
        )

    @extend_schema(request=s.QuestionIdsInput, responses=s.QuestionTopicSerializer)
    @action(detail=True, methods=["post"])
    def arrange(self, request: Request, pk: str) -> Response:
        topic = self.get_object()
        services.topic_arrange(
            actor=request.user, topic=topic, question_ids=request_input(s.QuestionIdsInput, request)["questions"]
        )
        return answer(s.QuestionTopicSerializer, topic)


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

    def _act(self, service: Any, **kwargs: Any) -> Response:
        question = self.get_object()
        service(actor=self.request.user, question=question, **kwargs)
        question.refresh_from_db()
        return answer(s.QuestionSerializer, question)

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

    @extend_schema(request=s.TextInput, responses=s.QuestionSerializer)
    @action(detail=True, methods=["post"], url_path="written-answer")
    def written_answer(self, request: Request, pk: str) -> Response:
        return self._act(services.question_answer_written, **request_input(s.TextInput, request))

    @extend_schema(request=s.ToWritingInput, responses=s.QuestionSerializer(many=True))
    @action(detail=False, methods=["post"], url_path="to-writing")
    def to_writing(self, request: Request) -> Response:
        data = request_input(s.ToWritingInput, request)
        chosen = services.questions_to_writing(
            actor=request.user, session=data["session"], sitting=data["sitting"], question_ids=data.get("questions")
        )
        return Response(s.QuestionSerializer(chosen, many=True).data)

    @extend_schema(parameters=query_params("council"), responses=s.QuestionSerializer(many=True))
    @action(detail=False, methods=["get"])
    def overdue(self, request: Request) -> Response:
        """Written answers past their due date."""
        rows = self.get_queryset().filter(pk__in=questions_written_overdue().values("pk"))
        page = self.paginate_queryset(id_filters(rows, request, {"council": "session__council_id"}))
        return self.get_paginated_response(s.QuestionSerializer(page, many=True).data)

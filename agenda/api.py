"""REST endpoints of the agenda app. Views parse input, call one service, and answer with the archive
serializers; every rule and permission check lives in the services and selectors."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import FileResponse
from django.utils.http import http_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from agenda import serializers as s
from agenda import services, writes
from agenda.archive import (
    AgendaItemQuery,
    DocumentQuery,
    PromiseQuery,
    QuestionQuery,
    SpeakerRequestQuery,
    agenda_items_filter,
    documents_filter,
    promises_filter,
    questions_filter,
    speaker_requests_filter,
)
from agenda.models import (
    AgendaItem,
    Document,
    ExplanationSession,
    Official,
    Promise,
    Question,
    QuestionTopic,
    SessionRespondent,
    SpeakerRequest,
)
from agenda.selectors import (
    document_is_public,
    document_version_for_reader,
    promise_report,
    questions_written_overdue,
    speaking_time_by_delegate,
)
from agenda.selectors.access import item_public_q, visible
from core.api import LastModifiedMixin, error_responses, request_input
from core.errors import NOT_FOUND, REQUEST_INVALID, ServiceError
from core.uploads import FileType
from core.writes import Write, write_rest, write_schema
from sessions_app.archive import MAX_ID, archive_query
from sessions_app.models import Session
from sessions_app.permissions import require_read_private
from sessions_app.selectors import councils_private_readable

INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg"}


def _is_id(value: str) -> bool:
    """A database id: ASCII digits (not "²" or "٣") within the 64-bit range."""
    return value.isascii() and value.isdigit() and 0 < int(value) <= MAX_ID


def _filters(queryset: QuerySet, request: Request, mapping: dict[str, str]) -> QuerySet:
    """Apply ``?name=value`` id filters of the small lists that have no archive query (see ``agenda.archive``)."""
    for param, lookup in mapping.items():
        value = request.query_params.get(param)
        if value in (None, ""):
            continue
        if not _is_id(value):
            raise ServiceError(REQUEST_INVALID, details={param: "an integer id is required"})
        queryset = queryset.filter(**{lookup: value})
    return queryset


def _archive_list(summary: str, query: type, serializer: Any, description: str = "") -> Any:
    """The schema of an archive list: its query parameters, its page of rows and its errors."""
    return extend_schema(
        summary=summary,
        description=description or (query.__doc__ or "").strip(),
        parameters=[query],
        responses={200: serializer(many=True), **error_responses(400, 404)},
    )


def _params(*names: str) -> list[OpenApiParameter]:
    return [OpenApiParameter(name, OpenApiTypes.STR, required=False) for name in names]


def _ok(serializer_class: type, obj: Any, code: int = status.HTTP_200_OK) -> Response:
    return Response(serializer_class(obj).data, status=code)


@extend_schema_view(
    list=_archive_list(
        "Agenda items (filters, ordering, diacritics-insensitive search)", AgendaItemQuery, s.AgendaItemSerializer
    )
)
class AgendaItemViewSet(LastModifiedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.AgendaItemSerializer

    def get_queryset(self) -> QuerySet[AgendaItem]:
        items = AgendaItem.objects.filter(
            visible(self.request.user, council_path="session__council", public_q=item_public_q())
        )
        if self.action != "list":
            return items.order_by("session_id", "parent_id", "order", "pk")
        return agenda_items_filter(items, archive_query(AgendaItemQuery, self.request))

    @extend_schema(request=s.AgendaItemInput, responses={201: s.AgendaItemSerializer})
    def create(self, request: Request) -> Response:
        return _ok(
            s.AgendaItemSerializer,
            services.agenda_item_create(actor=request.user, **request_input(s.AgendaItemInput, request)),
            status.HTTP_201_CREATED,
        )

    @extend_schema(request=s.AgendaItemUpdateInput, responses=s.AgendaItemSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        item = self.get_object()
        return _ok(
            s.AgendaItemSerializer,
            services.agenda_item_update(
                actor=request.user, item=item, **request_input(s.AgendaItemUpdateInput, request, partial=True)
            ),
        )

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, pk: str) -> Response:
        services.agenda_item_delete(actor=request.user, item=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _write(self, write: Write, *, target: bool = True) -> Response:
        return write_rest(
            write,
            self.request,
            target=self.get_object if target else None,
        )

    @write_schema(writes.AGENDA_ACTIVATE, s.AgendaItemSerializer)
    @action(detail=True, methods=["post"])
    def activate(self, request: Request, pk: str) -> Response:
        return self._write(writes.AGENDA_ACTIVATE)

    @write_schema(writes.AGENDA_FINISH, s.AgendaItemSerializer)
    @action(detail=True, methods=["post"])
    def finish(self, request: Request, pk: str) -> Response:
        return self._write(writes.AGENDA_FINISH)

    @write_schema(writes.AGENDA_SKIP, s.AgendaItemSerializer)
    @action(detail=True, methods=["post"])
    def skip(self, request: Request, pk: str) -> Response:
        return self._write(writes.AGENDA_SKIP)

    @write_schema(writes.AGENDA_DEFER, s.AgendaItemSerializer)
    @action(detail=True, methods=["post"])
    def defer(self, request: Request, pk: str) -> Response:
        return self._write(writes.AGENDA_DEFER)

    @write_schema(writes.AGENDA_MOVE, s.AgendaItemSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request: Request, pk: str) -> Response:
        return self._write(writes.AGENDA_MOVE)

    @write_schema(writes.AGENDA_NEXT, s.AgendaItemSerializer)
    @action(detail=False, methods=["post"])
    def next(self, request: Request) -> Response:
        return self._write(writes.AGENDA_NEXT, target=False)

    @write_schema(writes.AGENDA_PREVIOUS, s.AgendaItemSerializer)
    @action(detail=False, methods=["post"])
    def previous(self, request: Request) -> Response:
        return self._write(writes.AGENDA_PREVIOUS, target=False)


@extend_schema_view(
    list=_archive_list(
        "Documents (filters, ordering, diacritics-insensitive search)", DocumentQuery, s.DocumentSerializer
    )
)
class DocumentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.DocumentSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self) -> QuerySet[Document]:
        public_q = Q(is_public=True) & item_public_q("item__")
        docs = Document.objects.filter(
            visible(self.request.user, council_path="item__session__council", public_q=public_q)
        )
        if self.action == "list":
            return documents_filter(docs, archive_query(DocumentQuery, self.request)).prefetch_related("versions")
        return docs.prefetch_related("versions").order_by("pk")

    @extend_schema(request={"multipart/form-data": s.DocumentInput}, responses={201: s.DocumentSerializer})
    def create(self, request: Request) -> Response:
        return _ok(
            s.DocumentSerializer,
            services.document_upload(actor=request.user, **request_input(s.DocumentInput, request)),
            status.HTTP_201_CREATED,
        )

    @extend_schema(request=s.DocumentUpdateInput, responses=s.DocumentSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        return _ok(
            s.DocumentSerializer,
            services.document_update(
                actor=request.user,
                document=self.get_object(),
                **request_input(s.DocumentUpdateInput, request, partial=True),
            ),
        )

    @extend_schema(request={"multipart/form-data": s.FileInput}, responses={201: s.DocumentVersionSerializer})
    @action(detail=True, methods=["post"])
    def versions(self, request: Request, pk: str) -> Response:
        version = services.document_version_add(
            actor=request.user, document=self.get_object(), **request_input(s.FileInput, request)
        )
        return _ok(s.DocumentVersionSerializer, version, status.HTTP_201_CREATED)


class DocumentFileView(APIView):
    """The file of a document version. PDFs and images open inline (tablets); the type is the sniffed one."""

    @extend_schema(responses={(200, kind): OpenApiTypes.BINARY for kind in FileType.values})
    def get(self, request: Request, pk: int, number: int | None = None) -> FileResponse:
        document = Document.objects.select_related("item__session").filter(pk=pk).first()
        if document is None:
            raise ServiceError(NOT_FOUND)
        try:
            version = document_version_for_reader(user=request.user, document=document, number=number)
        except document.versions.model.DoesNotExist as exc:
            raise ServiceError(NOT_FOUND) from exc
        inline = version.content_type in INLINE_TYPES
        filename = f"{document.title[:80]}-v{version.number}{version.extension}"
        response = FileResponse(
            version.file.open("rb"), content_type=version.content_type, as_attachment=not inline, filename=filename
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = (
            "public, max-age=300" if document_is_public(document=document) else "private, no-store"
        )
        if number is not None:
            # A numbered version is written once, so its upload time is when it last changed; the middleware
            # answers If-Modified-Since with 304 (after the access check above). Not for the latest-version URL:
            # a newer version uploaded within the same second would keep the older one cached.
            response["Last-Modified"] = http_date(version.uploaded_at.timestamp())
        return response


@extend_schema_view(
    list=_archive_list(
        "Requests to speak (filters, ordering, search by the delegate's name)",
        SpeakerRequestQuery,
        s.SpeakerRequestSerializer,
    )
)
class SpeakerRequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.SpeakerRequestSerializer

    def get_queryset(self) -> QuerySet[SpeakerRequest]:
        requests = SpeakerRequest.objects.filter(
            visible(self.request.user, council_path="item__session__council", public_q=item_public_q("item__"))
        )
        requests = requests.select_related("person", "item")
        if self.action != "list":
            return requests.order_by("item_id", "position", "pk")
        return speaker_requests_filter(requests, archive_query(SpeakerRequestQuery, self.request))

    def _write(self, write: Write, *, target: bool = True, created: bool = False) -> Response:
        return write_rest(
            write,
            self.request,
            target=self.get_object if target else None,
            created=created,
        )

    @write_schema(writes.SPEAKER_REQUEST, s.SpeakerRequestSerializer, created=True)
    def create(self, request: Request) -> Response:
        return self._write(writes.SPEAKER_REQUEST, target=False, created=True)

    @write_schema(writes.SPEAKER_ORDER, s.SpeakerRequestSerializer(many=True))
    @action(detail=False, methods=["post"])
    def order(self, request: Request) -> Response:
        return write_rest(writes.SPEAKER_ORDER, request)

    @write_schema(writes.SPEAKER_GRANT, s.SpeakerRequestSerializer)
    @action(detail=False, methods=["post"])
    def grant(self, request: Request) -> Response:
        return self._write(writes.SPEAKER_GRANT, target=False)

    @write_schema(writes.SPEAKER_WITHDRAW, s.SpeakerRequestSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str) -> Response:
        return self._write(writes.SPEAKER_WITHDRAW)

    @write_schema(writes.SPEAKER_PAUSE, s.SpeakerRequestSerializer)
    @action(detail=True, methods=["post"])
    def pause(self, request: Request, pk: str) -> Response:
        return self._write(writes.SPEAKER_PAUSE)

    @write_schema(writes.SPEAKER_RESUME, s.SpeakerRequestSerializer)
    @action(detail=True, methods=["post"])
    def resume(self, request: Request, pk: str) -> Response:
        return self._write(writes.SPEAKER_RESUME)

    @write_schema(writes.SPEAKER_END, s.SpeakerRequestSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request: Request, pk: str) -> Response:
        return self._write(writes.SPEAKER_END)

    @write_schema(writes.SPEAKER_REMOVE, s.SpeakerRequestSerializer)
    @action(detail=True, methods=["post"])
    def remove(self, request: Request, pk: str) -> Response:
        return self._write(writes.SPEAKER_REMOVE)


class SpeakingTimeView(APIView):
    """Speeches and milliseconds spoken per delegate, for a session or a council."""

    @extend_schema(parameters=_params("session", "council"), responses=s.SpeakingTimeSerializer(many=True))
    def get(self, request: Request) -> Response:
        session_id, council_id = request.query_params.get("session"), request.query_params.get("council")
        if not (session_id or council_id) or not all(_is_id(v) for v in (session_id, council_id) if v):
            raise ServiceError(REQUEST_INVALID, details={"session|council": "an integer id is required"})
        session = Session.objects.filter(pk=session_id).first() if session_id else None
        if session_id and session is None:
            raise ServiceError(NOT_FOUND)
        rows = speaking_time_by_delegate(session=session, council_id=int(council_id) if council_id else None)
        return Response(s.SpeakingTimeSerializer(rows, many=True).data)


@extend_schema_view(list=extend_schema(parameters=_params("council")))
class OfficialViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.OfficialSerializer

    def get_queryset(self) -> QuerySet[Official]:
        return _filters(Official.objects.all(), self.request, {"council": "council_id"}).order_by(
            "council_id", "full_name", "pk"
        )

    @extend_schema(request=s.OfficialInput, responses={201: s.OfficialSerializer})
    def create(self, request: Request) -> Response:
        return _ok(
            s.OfficialSerializer,
            services.official_create(actor=request.user, **request_input(s.OfficialInput, request)),
            status.HTTP_201_CREATED,
        )


@extend_schema_view(list=extend_schema(parameters=_params("session")))
class SessionRespondentViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = s.SessionRespondentSerializer

    def get_queryset(self) -> QuerySet[SessionRespondent]:
        rows = SessionRespondent.objects.filter(
            visible(self.request.user, council_path="session__council", public_q=Q(session__is_public=True))
        )
        return (
            _filters(rows, self.request, {"session": "session_id"})
            .select_related("official")
            .order_by("session_id", "position")
        )

    @extend_schema(request=s.SessionRespondentInput, responses={201: s.SessionRespondentSerializer})
    def create(self, request: Request) -> Response:
        return _ok(
            s.SessionRespondentSerializer,
            services.session_respondent_add(actor=request.user, **request_input(s.SessionRespondentInput, request)),
            status.HTTP_201_CREATED,
        )


def _topic_public_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}session__is_public": True}) & (
        Q(**{f"{prefix}item__isnull": True}) | item_public_q(f"{prefix}item__")
    )


@extend_schema_view(list=extend_schema(parameters=_params("session", "item")))
class QuestionTopicViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.QuestionTopicSerializer

    def get_queryset(self) -> QuerySet[QuestionTopic]:
        topics = QuestionTopic.objects.filter(
            visible(self.request.user, council_path="session__council", public_q=_topic_public_q())
        )
        return _filters(topics, self.request, {"session": "session_id", "item": "item_id"}).order_by(
            "session_id", "position"
        )

    @extend_schema(request=s.QuestionTopicInput, responses={201: s.QuestionTopicSerializer})
    def create(self, request: Request) -> Response:
        return _ok(
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
        return _ok(s.QuestionTopicSerializer, topic)


@extend_schema_view(
    list=_archive_list(
        "Questions and their answers (filters, ordering, diacritics-insensitive search)",
        QuestionQuery,
        s.QuestionSerializer,
    )
)
class QuestionViewSet(LastModifiedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
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

    def _write(self, write: Write, *, target: bool = True, created: bool = False) -> Response:
        return write_rest(
            write,
            self.request,
            target=self.get_object if target else None,
            created=created,
        )

    @write_schema(writes.QUESTION_REGISTER, s.QuestionSerializer, created=True)
    def create(self, request: Request) -> Response:
        return self._write(writes.QUESTION_REGISTER, target=False, created=True)

    def _act(self, service: Any, **kwargs: Any) -> Response:
        question = self.get_object()
        service(actor=self.request.user, question=question, **kwargs)
        question.refresh_from_db()
        return _ok(s.QuestionSerializer, question)

    @write_schema(writes.QUESTION_WITHDRAW, s.QuestionSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str) -> Response:
        return self._write(writes.QUESTION_WITHDRAW)

    @write_schema(writes.QUESTION_FLOOR, s.QuestionSerializer)
    @action(detail=True, methods=["post"])
    def floor(self, request: Request, pk: str) -> Response:
        return self._write(writes.QUESTION_FLOOR)

    @write_schema(writes.QUESTION_STEP, s.QuestionSerializer)
    @action(detail=True, methods=["post"])
    def step(self, request: Request, pk: str) -> Response:
        return self._write(writes.QUESTION_STEP)

    @write_schema(writes.QUESTION_FINISH, s.QuestionSerializer)
    @action(detail=True, methods=["post"])
    def finish(self, request: Request, pk: str) -> Response:
        return self._write(writes.QUESTION_FINISH)

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

    @extend_schema(parameters=_params("council"), responses=s.QuestionSerializer(many=True))
    @action(detail=False, methods=["get"])
    def overdue(self, request: Request) -> Response:
        """Written answers past their due date."""
        rows = self.get_queryset().filter(pk__in=questions_written_overdue().values("pk"))
        page = self.paginate_queryset(_filters(rows, request, {"council": "session__council_id"}))
        return self.get_paginated_response(s.QuestionSerializer(page, many=True).data)


@extend_schema_view(
    list=_archive_list("Promises (filters, ordering, diacritics-insensitive search)", PromiseQuery, s.PromiseSerializer)
)
class PromiseViewSet(LastModifiedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.PromiseSerializer

    def get_queryset(self) -> QuerySet[Promise]:
        promises = Promise.objects.filter(
            visible(self.request.user, council_path="session__council", public_q=Q(session__is_public=True))
        )
        promises = promises.select_related("official")
        if self.action != "list":
            return promises.order_by("due_date", "pk")
        return promises_filter(promises, archive_query(PromiseQuery, self.request))

    @extend_schema(request=s.PromiseInput, responses={201: s.PromiseSerializer})
    def create(self, request: Request) -> Response:
        return _ok(
            s.PromiseSerializer,
            services.promise_record(actor=request.user, **request_input(s.PromiseInput, request)),
            status.HTTP_201_CREATED,
        )

    @extend_schema(request=s.PromiseReportInput, responses=s.PromiseSerializer)
    @action(detail=True, methods=["post"])
    def report(self, request: Request, pk: str) -> Response:
        promise = services.promise_report_submit(
            actor=request.user, promise=self.get_object(), **request_input(s.PromiseReportInput, request)
        )
        return _ok(s.PromiseSerializer, promise)

    @extend_schema(
        parameters=[OpenApiParameter("next_session", OpenApiTypes.INT, required=True)], responses=OpenApiTypes.OBJECT
    )
    @action(detail=False, methods=["get"], url_path="report-due")
    def report_due(self, request: Request) -> Response:
        """Promises to report on before the next session, with the report deadline and who reported."""
        value = request.query_params.get("next_session", "")
        session = Session.objects.filter(pk=value).first() if _is_id(value) else None
        if session is None:
            raise ServiceError(REQUEST_INVALID, details={"next_session": "an existing session id is required"})
        require_read_private(request.user, session.council_id)
        return Response(promise_report(next_session=session))


@extend_schema_view(list=extend_schema(parameters=_params("council", "session")))
class ExplanationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.ExplanationSerializer

    def get_queryset(self) -> QuerySet[ExplanationSession]:
        ids = councils_private_readable(user=self.request.user)
        rows = (
            ExplanationSession.objects.all()
            if ids is None
            else ExplanationSession.objects.filter(Q(council_id__in=ids) | Q(is_public=True))
        )
        return _filters(rows, self.request, {"council": "council_id", "session": "session_id"}).prefetch_related(
            "respondents"
        )

    @extend_schema(request=s.ExplanationInput, responses={201: s.ExplanationSerializer})
    def create(self, request: Request) -> Response:
        return _ok(
            s.ExplanationSerializer,
            services.explanation_create(actor=request.user, **request_input(s.ExplanationInput, request)),
            status.HTTP_201_CREATED,
        )

    @extend_schema(request=s.ExplanationUpdateInput, responses=s.ExplanationSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        return _ok(
            s.ExplanationSerializer,
            services.explanation_update(
                actor=request.user,
                explanation=self.get_object(),
                **request_input(s.ExplanationUpdateInput, request, partial=True),
            ),
        )

    @extend_schema(request=s.ConclusionInput, responses=s.ExplanationSerializer)
    @action(detail=True, methods=["post"])
    def conclude(self, request: Request, pk: str) -> Response:
        return _ok(
            s.ExplanationSerializer,
            services.explanation_conclude(
                actor=request.user, explanation=self.get_object(), **request_input(s.ConclusionInput, request)
            ),
        )

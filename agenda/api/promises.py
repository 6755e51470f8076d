"""REST endpoints of promises made when answering, and explanation sessions."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from agenda import serializers as s
from agenda import services
from agenda.api.common import answer, archive_list, id_filters, is_id, query_params
from agenda.archive import (
    PromiseQuery,
    promises_filter,
)
from agenda.models import (
    ExplanationSession,
    Promise,
)
from agenda.selectors import promise_report
from agenda.selectors.access import visible
from core.api import LastModifiedMixin, request_input
from core.errors import REQUEST_INVALID, ServiceError
from sessions_app.archive import archive_query
from sessions_app.models import Session
from sessions_app.permissions import require_read_private
from sessions_app.selectors import councils_private_readable


@extend_schema_view(
    list=archive_list("Promises (filters, ordering, diacritics-insensitive search)", PromiseQuery, s.PromiseSerializer)
)
class PromiseViewSet(LastModifiedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Any]):
    write_role = "staff"
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
        return answer(
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
        return answer(s.PromiseSerializer, promise)

    @extend_schema(
        parameters=[OpenApiParameter("next_session", OpenApiTypes.INT, required=True)], responses=OpenApiTypes.OBJECT
    )
    @action(detail=False, methods=["get"], url_path="report-due")
    def report_due(self, request: Request) -> Response:
        """Promises to report on before the next session, with the report deadline and who reported."""
        value = request.query_params.get("next_session", "")
        session = Session.objects.filter(pk=value).first() if is_id(value) else None
        if session is None:
            raise ServiceError(REQUEST_INVALID, details={"next_session": "an existing session id is required"})
        require_read_private(request.user, session.council_id)
        return Response(promise_report(next_session=session))


@extend_schema_view(list=extend_schema(parameters=query_params("council", "session")))
class ExplanationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Any]):
    write_role = "staff"
    serializer_class = s.ExplanationSerializer

    def get_queryset(self) -> QuerySet[ExplanationSession]:
        ids = councils_private_readable(user=self.request.user)
        rows = (
            ExplanationSession.objects.all()
            if ids is None
            else ExplanationSession.objects.filter(Q(council_id__in=ids) | Q(is_public=True))
        )
        return id_filters(rows, self.request, {"council": "council_id", "session": "session_id"}).prefetch_related(
            "respondents"
        )

    @extend_schema(request=s.ExplanationInput, responses={201: s.ExplanationSerializer})
    def create(self, request: Request) -> Response:
        return answer(
            s.ExplanationSerializer,
            services.explanation_create(actor=request.user, **request_input(s.ExplanationInput, request)),
            status.HTTP_201_CREATED,
        )

    @extend_schema(request=s.ExplanationUpdateInput, responses=s.ExplanationSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        return answer(
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
        return answer(
            s.ExplanationSerializer,
            services.explanation_conclude(
                actor=request.user, explanation=self.get_object(), **request_input(s.ConclusionInput, request)
            ),
        )

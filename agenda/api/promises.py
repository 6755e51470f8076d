"""REST endpoints of promises made when answering, and explanation sessions; their writes are declared in
``agenda.writes_setup``."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from agenda import serializers as s
from agenda import writes_setup as w
from agenda.api.common import archive_list, id_filters, is_id, query_params
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
from core.api import LastModifiedMixin
from core.errors import REQUEST_INVALID, ServiceError
from core.writes import WriteActions, write_schema
from sessions_app.archive import archive_query
from sessions_app.models import Session
from sessions_app.permissions import require_read_private
from sessions_app.selectors import councils_private_readable


@extend_schema_view(
    list=archive_list("Promises (filters, ordering, diacritics-insensitive search)", PromiseQuery, s.PromiseSerializer)
)
class PromiseViewSet(
    WriteActions, LastModifiedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Any]
):
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

    @write_schema(w.PROMISE_RECORD, s.PromiseSerializer, created=True)
    def create(self, request: Request) -> Response:
        return self.write(w.PROMISE_RECORD, target=False, created=True)

    @write_schema(w.PROMISE_REPORT, s.PromiseSerializer)
    @action(detail=True, methods=["post"])
    def report(self, request: Request, pk: str) -> Response:
        return self.write(w.PROMISE_REPORT)

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
class ExplanationViewSet(WriteActions, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Any]):
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

    @write_schema(w.EXPLANATION_CREATE, s.ExplanationSerializer, created=True)
    def create(self, request: Request) -> Response:
        return self.write(w.EXPLANATION_CREATE, target=False, created=True)

    @write_schema(w.EXPLANATION_UPDATE, s.ExplanationSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        return self.write(w.EXPLANATION_UPDATE)

    @write_schema(w.EXPLANATION_CONCLUDE, s.ExplanationSerializer)
    @action(detail=True, methods=["post"])
    def conclude(self, request: Request, pk: str) -> Response:
        return self.write(w.EXPLANATION_CONCLUDE)

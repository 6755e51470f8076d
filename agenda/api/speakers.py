"""REST endpoints of requests to speak, and speaking time per delegate."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from agenda import serializers as s
from agenda import writes
from agenda.api.common import archive_list, is_id, query_params
from agenda.archive import (
    SpeakerRequestQuery,
    speaker_requests_filter,
)
from agenda.models import SpeakerRequest
from agenda.selectors import speaking_time_by_delegate
from agenda.selectors.access import item_public_q, visible
from core.errors import NOT_FOUND, REQUEST_INVALID, ServiceError
from core.writes import WriteActions, write_rest, write_schema
from sessions_app.archive import archive_query
from sessions_app.models import Session


@extend_schema_view(
    list=archive_list(
        "Requests to speak (filters, ordering, search by the delegate's name)",
        SpeakerRequestQuery,
        s.SpeakerRequestSerializer,
    )
)
class SpeakerRequestViewSet(
    WriteActions, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Any]
):
    write_role = "staff"
    write_roles = {"create": "login", "withdraw": "login"}  # a delegate asks to speak, and withdraws
    serializer_class = s.SpeakerRequestSerializer

    def get_queryset(self) -> QuerySet[SpeakerRequest]:
        requests = SpeakerRequest.objects.filter(
            visible(self.request.user, council_path="item__session__council", public_q=item_public_q("item__"))
        )
        requests = requests.select_related("person", "item")
        if self.action != "list":
            return requests.order_by("item_id", "position", "pk")
        return speaker_requests_filter(requests, archive_query(SpeakerRequestQuery, self.request))

    @write_schema(writes.SPEAKER_REQUEST, s.SpeakerRequestSerializer, created=True)
    def create(self, request: Request) -> Response:
        return self.write(writes.SPEAKER_REQUEST, target=False, created=True)

    @write_schema(writes.SPEAKER_ORDER, s.SpeakerRequestSerializer(many=True))
    @action(detail=False, methods=["post"])
    def order(self, request: Request) -> Response:
        return write_rest(writes.SPEAKER_ORDER, request)

    @write_schema(writes.SPEAKER_GRANT, s.SpeakerRequestSerializer)
    @action(detail=False, methods=["post"])
    def grant(self, request: Request) -> Response:
        return self.write(writes.SPEAKER_GRANT, target=False)

    @write_schema(writes.SPEAKER_WITHDRAW, s.SpeakerRequestSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str) -> Response:
        return self.write(writes.SPEAKER_WITHDRAW)

    @write_schema(writes.SPEAKER_PAUSE, s.SpeakerRequestSerializer)
    @action(detail=True, methods=["post"])
    def pause(self, request: Request, pk: str) -> Response:
        return self.write(writes.SPEAKER_PAUSE)

    @write_schema(writes.SPEAKER_RESUME, s.SpeakerRequestSerializer)
    @action(detail=True, methods=["post"])
    def resume(self, request: Request, pk: str) -> Response:
        return self.write(writes.SPEAKER_RESUME)

    @write_schema(writes.SPEAKER_END, s.SpeakerRequestSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request: Request, pk: str) -> Response:
        return self.write(writes.SPEAKER_END)

    @write_schema(writes.SPEAKER_REMOVE, s.SpeakerRequestSerializer)
    @action(detail=True, methods=["post"])
    def remove(self, request: Request, pk: str) -> Response:
        return self.write(writes.SPEAKER_REMOVE)


class SpeakingTimeView(APIView):
    """Speeches and milliseconds spoken per delegate, for a session or a council."""

    @extend_schema(parameters=query_params("session", "council"), responses=s.SpeakingTimeSerializer(many=True))
    def get(self, request: Request) -> Response:
        session_id, council_id = request.query_params.get("session"), request.query_params.get("council")
        if not (session_id or council_id) or not all(is_id(v) for v in (session_id, council_id) if v):
            raise ServiceError(REQUEST_INVALID, details={"session|council": "an integer id is required"})
        session = Session.objects.filter(pk=session_id).first() if session_id else None
        if session_id and session is None:
            raise ServiceError(NOT_FOUND)
        rows = speaking_time_by_delegate(session=session, council_id=int(council_id) if council_id else None)
        return Response(s.SpeakingTimeSerializer(rows, many=True).data)

"""REST endpoints of voter petitions (kiến nghị cử tri): the public lookup, registering and answering them,
the answering agencies, the open-data exports and a session's petition figures. These writes still validate
their input in the view (``core.api.request_input``), then call the service that checks every rule."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.views import APIView

from activity.api.common import STATE_ERRORS, WRITE_ERRORS, XLSX, ok, query_of, within_period
from activity.api.records import RecordViewSet, record_reads_schema
from activity.exports import petitions_table
from activity.models import AnsweringAgency, VoterPetition
from activity.selectors.petitions import petitions_filter, session_petition_statistics
from activity.serializers import petitions as ps
from activity.serializers.common import PeriodQuery
from activity.services import petitions as petition_services
from activity.services import records as record_services
from core.api import error_responses, request_input
from core.errors import NOT_FOUND, REQUEST_INVALID, ServiceError
from core.tables import table_csv, table_xlsx
from sessions_app.models import Session
from sessions_app.permissions import require_authenticated, require_manage

PETITIONS = "Voter petitions (kiến nghị cử tri)"


@extend_schema_view(
    **record_reads_schema(PETITIONS, ps.PetitionSerializer, ps.PetitionQuery),
    create=extend_schema(
        summary=f"{PETITIONS}: record one (secretariat, chair)",
        request=ps.PetitionInput,
        responses={201: ps.PetitionSerializer, **WRITE_ERRORS},
    ),
    destroy=extend_schema(
        summary=f"{PETITIONS}: delete one entered by mistake (secretariat, chair)",
        responses={204: None, **STATE_ERRORS},
    ),
)
class PetitionViewSet(RecordViewSet):
    """Public: a citizen finds a petition's answer by code or number, session, agency, status or words."""

    model, serializer_class = VoterPetition, ps.PetitionSerializer
    query_class = ps.PetitionQuery
    date_field = "received_on"
    related = ()

    def get_queryset(self) -> QuerySet:
        rows = VoterPetition.objects.select_related("agency", "session")
        if self.action != "list":
            return rows
        rows = within_period(
            petitions_filter(rows, query_of(self.query_class, self.request)), self.request, "received_on"
        )
        return rows.order_by("-received_on", "-number", "pk")

    def create(self, request: Request) -> Response:
        petition = record_services.petition_register(actor=request.user, **request_input(ps.PetitionInput, request))
        return ok(ps.PetitionSerializer, petition, status.HTTP_201_CREATED)

    def destroy(self, request: Request, pk: str) -> Response:
        record_services.record_delete(actor=request.user, record=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Move a petition one step: received → in progress → resolved or explained",
        request=ps.PetitionStatusInput,
        responses={200: ps.PetitionSerializer, **STATE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="status")
    def status_set(self, request: Request, pk: str) -> Response:
        petition = record_services.petition_status_set(
            actor=request.user, petition=self.get_object(), **request_input(ps.PetitionStatusInput, request)
        )
        return ok(ps.PetitionSerializer, petition)

    @extend_schema(
        summary="Assign a petition to the agency that answers it (secretariat, chair); a received one goes on "
        "to in progress",
        request=ps.PetitionAssignInput,
        responses={200: ps.PetitionSerializer, **STATE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="assign")
    def assign(self, request: Request, pk: str) -> Response:
        return self._answer_step(request, ps.PetitionAssignInput, petition_services.petition_assign)

    @extend_schema(
        summary="Record the agency's answer: resolved or explained, the text, its date and document (secretariat, "
        "chair)",
        request=ps.PetitionAnswerInput,
        responses={200: ps.PetitionSerializer, **STATE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="answer")
    def answer(self, request: Request, pk: str) -> Response:
        return self._answer_step(request, ps.PetitionAnswerInput, petition_services.petition_answer)

    def _answer_step(self, request: Request, input_class: type[Serializer], service: Callable[..., Any]) -> Response:
        """Assigning and answering: the council's secretariat or chair, then the input, then the service."""
        petition = self.get_object()
        require_manage(request.user, petition.council_id)
        data = request_input(input_class, request)
        return ok(ps.PetitionSerializer, service(actor=request.user, petition=petition, **data))


@extend_schema_view(
    list=extend_schema(
        summary="Answering agencies (cơ quan trả lời kiến nghị) of the councils (public)",
        parameters=[ps.AgencyQuery],
        responses={200: ps.AgencySerializer(many=True), **error_responses(400)},
    ),
    retrieve=extend_schema(
        summary="One answering agency", responses={200: ps.AgencySerializer, **error_responses(404)}
    ),
    create=extend_schema(
        summary="Add an answering agency (secretariat, chair)",
        request=ps.AgencyInput,
        responses={201: ps.AgencySerializer, **WRITE_ERRORS},
    ),
    partial_update=extend_schema(
        summary="Rename an agency or stop using it (secretariat, chair)",
        request=ps.AgencyUpdateInput,
        responses={200: ps.AgencySerializer, **WRITE_ERRORS},
    ),
)
class AgencyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    write_role = "staff"
    serializer_class = ps.AgencySerializer
    lookup_value_regex = r"[0-9]+"
    http_method_names = ["get", "post", "patch", "head"]

    def get_queryset(self) -> QuerySet[AnsweringAgency]:
        rows = AnsweringAgency.objects.order_by("council_id", "name", "pk")
        if self.action != "list":
            return rows
        query = query_of(ps.AgencyQuery, self.request)
        if "council" in query:
            rows = rows.filter(council_id=query["council"])
        if query.get("active") is not None:
            rows = rows.filter(active=query["active"])
        return rows

    def create(self, request: Request) -> Response:
        require_authenticated(request.user)
        data = request_input(ps.AgencyInput, request)
        agency = petition_services.agency_save(actor=request.user, **data)
        return ok(ps.AgencySerializer, agency, status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str) -> Response:
        agency = self.get_object()
        require_manage(request.user, agency.council_id)
        data = request_input(ps.AgencyUpdateInput, request, partial=True)
        current = {"name": agency.name, "short_name": agency.short_name, "active": agency.active}
        saved = petition_services.agency_save(
            actor=request.user, council=agency.council, instance=agency, **{**current, **data}
        )
        return ok(ps.AgencySerializer, saved)


EXPORT_ROWS_MAX = 20000


def _petition_export(fmt: str) -> type[APIView]:
    content_type = "text/csv" if fmt == "csv" else XLSX

    class PetitionExport(APIView):
        @extend_schema(
            operation_id=f"export_petitions_{fmt}",
            summary=f"Voter petitions and their answers ({fmt.upper()}; the list's filters)",
            tags=["open data"],
            parameters=[ps.PetitionQuery, PeriodQuery],
            responses={
                (200, content_type): OpenApiResponse(OpenApiTypes.BINARY, description=f"{fmt.upper()} file"),
                **error_responses(400),
            },
        )
        def get(self, request: Request) -> HttpResponse:
            rows = petitions_filter(
                VoterPetition.objects.select_related("council", "session", "agency"),
                query_of(ps.PetitionQuery, request),
            )
            rows = within_period(rows, request, "received_on").order_by("council_id", "year", "number", "pk")
            if rows.count() > EXPORT_ROWS_MAX:
                raise ServiceError(REQUEST_INVALID, details={"rows": f"more than {EXPORT_ROWS_MAX}: narrow the filter"})
            table = petitions_table(rows)
            body = table_csv(table) if fmt == "csv" else table_xlsx(table, title="kien-nghi-cu-tri")
            response = HttpResponse(
                body, content_type=f"{content_type}; charset=utf-8" if fmt == "csv" else content_type
            )
            response["Content-Disposition"] = f'attachment; filename="kien-nghi-cu-tri.{fmt}"'
            return response

    PetitionExport.__name__ = f"PetitionExport{fmt.upper()}"
    return PetitionExport


PETITION_EXPORTS = {fmt: _petition_export(fmt) for fmt in ("csv", "xlsx")}


class SessionPetitionsView(APIView):
    @extend_schema(
        summary="Voter petitions collected for a session: status counts before and after it, per answering "
        "agency, and the reports' sentence (public)",
        responses={200: ps.SessionPetitionsSerializer, **error_responses(404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        session = Session.objects.filter(pk=pk).first()
        if session is None:
            raise ServiceError(NOT_FOUND)
        return ok(ps.SessionPetitionsSerializer, session_petition_statistics(session=session))

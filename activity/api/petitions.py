"""REST endpoints of voter petitions (kiến nghị cử tri): the public lookup, registering and answering them,
the answering agencies, the open-data exports and a session's petition figures. The writes are declared in
``activity.writes`` (the caller checked before the input, every rule in the services)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from activity import writes
from activity.api.common import (
    WRITE_CODES,
    XLSX,
    action_view,
    create_view,
    destroy_view,
    ok,
    query_of,
    this_object,
    update_view,
    within_period,
)
from activity.api.records import RecordViewSet, record_reads_schema
from activity.exports import petitions_table
from activity.models import AnsweringAgency, VoterPetition
from activity.selectors.petitions import petitions_filter, session_petition_statistics
from activity.serializers import petitions as ps
from activity.serializers.common import PeriodQuery
from core.api import error_responses
from core.errors import NOT_FOUND, REQUEST_INVALID, ServiceError
from core.tables import table_csv, table_xlsx
from core.writes import write_view
from sessions_app.models import Session

PETITIONS = "Voter petitions (kiến nghị cử tri)"


@extend_schema_view(**record_reads_schema(PETITIONS, ps.PetitionSerializer, ps.PetitionQuery))
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

    create = create_view(
        writes.PETITION_REGISTER, ps.PetitionSerializer, f"{PETITIONS}: record one (secretariat, chair)", WRITE_CODES
    )
    destroy = destroy_view(writes.PETITION_DELETE, f"{PETITIONS}: delete one entered by mistake (secretariat, chair)")
    status_set = write_view(
        writes.PETITION_STATUS,
        ps.PetitionSerializer,
        name="status_set",
        lookup=this_object,
        route={"detail": True, "methods": ["post"], "url_path": "status"},
        summary="Move a petition one step: received → in progress → resolved or explained",
    )
    assign = action_view(
        writes.PETITION_ASSIGN,
        ps.PetitionSerializer,
        "assign",
        "Assign a petition to the agency that answers it (secretariat, chair); a received one goes on to in progress",
    )
    answer = action_view(
        writes.PETITION_ANSWER,
        ps.PetitionSerializer,
        "answer",
        "Record the agency's answer: resolved or explained, the text, its date and document (secretariat, chair)",
    )


@extend_schema_view(
    list=extend_schema(
        summary="Answering agencies (cơ quan trả lời kiến nghị) of the councils (public)",
        parameters=[ps.AgencyQuery],
        responses={200: ps.AgencySerializer(many=True), **error_responses(400)},
    ),
    retrieve=extend_schema(
        summary="One answering agency", responses={200: ps.AgencySerializer, **error_responses(404)}
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

    create = create_view(
        writes.AGENCY_CREATE, ps.AgencySerializer, "Add an answering agency (secretariat, chair)", WRITE_CODES
    )
    partial_update = update_view(
        writes.AGENCY_UPDATE, ps.AgencySerializer, "Rename an agency or stop using it (secretariat, chair)", WRITE_CODES
    )


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

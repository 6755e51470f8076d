"""REST endpoints of the activity app: activity records, statistics and emulation score sheets. Views parse
input with a serializer, call one service or selector and answer; every rule and permission check of a write
lives in the services, every figure in the selectors. Refusals are ServiceErrors in the project's envelope."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.db.models import Model, Q, QuerySet
from django.http import FileResponse, HttpResponse
from django.utils import timezone, translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from activity import errors
from activity import serializers as s
from activity.exports import petitions_table, ranking_xlsx
from activity.models import (
    AnsweringAgency,
    CitizenReception,
    Criterion,
    Evidence,
    GoodPractice,
    ScoreSheet,
    SupervisionMission,
    Survey,
    VoterMeeting,
    VoterPetition,
)
from activity.periods import Period, period_parse
from activity.selectors.emulation import CriterionNode, criteria_tree, criterion_row, sheet_table, sheets_visible
from activity.selectors.petitions import petitions_filter, session_petition_statistics
from activity.selectors.statistics import (
    STATISTICS,
    council_comparison,
    council_delegates_statistics,
    council_statistics,
    council_trend,
)
from activity.services import emulation as emulation_services
from activity.services import petitions as petition_services
from activity.services import records as record_services
from core.api import error_responses, request_input
from core.errors import NOT_FOUND, REQUEST_INVALID, ServiceError
from core.tables import table_csv, table_xlsx
from core.uploads import FileType
from sessions_app.models import Council, CouncilRole, CouncilRoleKind, Session
from sessions_app.permissions import (
    can_manage_council,
    is_administrator,
    require_authenticated,
    require_manage,
    require_read_private,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
INLINE_TYPES = {FileType.PDF, FileType.PNG, FileType.JPEG}
PERIOD_KEYS = ("year", "half", "start", "end")
WRITE_ERRORS = error_responses(400, 401, 403, 404)
STATE_ERRORS = error_responses(400, 401, 403, 404, 409)


def _query(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    query = serializer_class(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data


def _period(request: Request, *, required: bool) -> Period | None:
    """The period of ``year``/``half`` or ``start``/``end`` (type-checked by ``PeriodQuery`` first); without
    any of them, this year when ``required``, else no period at all."""
    _query(s.PeriodQuery, request)
    if not required and not any(request.query_params.get(key) for key in PERIOD_KEYS):
        return None
    return period_parse(request.query_params, default_year=timezone.localdate().year)


def _ok(serializer_class: type[serializers.Serializer], obj: Any, code: int = status.HTTP_200_OK) -> Response:
    return Response(serializer_class(obj).data, status=code)


def _language() -> str:
    return translation.get_language() or "vi"


def _council(pk: int) -> Council:
    council = Council.objects.filter(pk=pk).first()
    if council is None:
        raise ServiceError(NOT_FOUND)
    return council


# Activity records -----------------------------------------------------------------------------------------------


def _record_schema(
    *, label: str, output: type, create: type, query: type, update: type | None = None
) -> Callable[[type], type]:
    """The OpenAPI description of one kind of record: public reads, writes for the council's secretariat."""
    views = {
        "list": extend_schema(
            summary=label, parameters=[query, s.PeriodQuery], responses={200: output(many=True), **error_responses(400)}
        ),
        "retrieve": extend_schema(summary=f"{label}: one", responses={200: output, **error_responses(404)}),
        "create": extend_schema(
            summary=f"{label}: record one (secretariat, chair)", request=create, responses={201: output, **WRITE_ERRORS}
        ),
        "destroy": extend_schema(
            summary=f"{label}: delete one entered by mistake (secretariat, chair)",
            responses={204: None, **STATE_ERRORS},
        ),
    }
    if update is not None:
        views["partial_update"] = extend_schema(
            summary=f"{label}: correct one (secretariat, chair)",
            request=update,
            responses={200: output, **WRITE_ERRORS},
        )
    return extend_schema_view(**views)


class _RecordViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Activity records are public accountability data: everyone reads them, the council's secretariat writes
    them through ``service`` (``activity.services.records``)."""

    write_role = "staff"  # core.permissions.WriteAccess, before the body is read

    lookup_value_regex = r"[0-9]+"
    model: ClassVar[type[Model]]
    service: ClassVar[Callable[..., Any]]
    input_class: ClassVar[type[serializers.Serializer]]
    query_class: ClassVar[type[serializers.Serializer]] = s.RecordQuery
    filters: ClassVar[dict[str, str]] = {"council": "council_id"}
    date_field: ClassVar[str]
    related: ClassVar[tuple[str, ...]] = ("delegates",)

    def get_queryset(self) -> QuerySet:
        rows = self.model.objects.prefetch_related(*self.related)
        if self.action != "list":
            return rows
        query = _query(self.query_class, self.request)
        rows = rows.filter(**{lookup: query[name] for name, lookup in self.filters.items() if name in query})
        period = _period(self.request, required=False)
        if period is not None:
            rows = rows.filter(**{f"{self.date_field}__gte": period.start, f"{self.date_field}__lte": period.end})
        return rows.distinct() if "delegate" in query else rows

    def create(self, request: Request) -> Response:
        record = self.service(actor=request.user, **request_input(self.input_class, request))
        return _ok(self.serializer_class, record, status.HTTP_201_CREATED)

    def destroy(self, request: Request, pk: str) -> Response:
        record_services.record_delete(actor=request.user, record=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class _Correctable:
    """PATCH: the save services take every field, so the fields left out keep the record's current values."""

    update_class: ClassVar[type[serializers.Serializer]]

    def partial_update(self, request: Request, pk: str) -> Response:
        record = self.get_object()
        data = request_input(self.update_class, request, partial=True)
        current = {
            name: (list(record.delegates.all()) if name == "delegates" else getattr(record, name))
            for name in self.update_class().fields
            if name not in data
        }
        saved = self.service(actor=request.user, council=record.council, instance=record, **current, **data)
        return _ok(self.serializer_class, saved)


@_record_schema(
    label="Thematic supervision missions (giám sát chuyên đề)",
    output=s.SupervisionSerializer,
    create=s.SupervisionInput,
    update=s.SupervisionUpdateInput,
    query=s.CommitteeRecordQuery,
)
class SupervisionViewSet(_Correctable, _RecordViewSet):
    model, serializer_class = SupervisionMission, s.SupervisionSerializer
    service = staticmethod(record_services.supervision_save)
    input_class, update_class, query_class = s.SupervisionInput, s.SupervisionUpdateInput, s.CommitteeRecordQuery
    filters = {"council": "council_id", "committee": "committee_id", "delegate": "delegates"}
    date_field = "start_date"


@_record_schema(
    label="Surveys (khảo sát)",
    output=s.SurveySerializer,
    create=s.SurveyInput,
    update=s.SurveyUpdateInput,
    query=s.CommitteeRecordQuery,
)
class SurveyViewSet(_Correctable, _RecordViewSet):
    model, serializer_class = Survey, s.SurveySerializer
    service = staticmethod(record_services.survey_save)
    input_class, update_class, query_class = s.SurveyInput, s.SurveyUpdateInput, s.CommitteeRecordQuery
    filters = {"council": "council_id", "committee": "committee_id", "delegate": "delegates"}
    date_field = "date"


@_record_schema(
    label="Citizen reception sessions (tiếp công dân)",
    output=s.CitizenReceptionSerializer,
    create=s.CitizenReceptionInput,
    update=s.CitizenReceptionUpdateInput,
    query=s.DelegateRecordQuery,
)
class CitizenReceptionViewSet(_Correctable, _RecordViewSet):
    model, serializer_class = CitizenReception, s.CitizenReceptionSerializer
    service = staticmethod(record_services.citizen_reception_save)
    input_class, update_class, query_class = (
        s.CitizenReceptionInput,
        s.CitizenReceptionUpdateInput,
        s.DelegateRecordQuery,
    )
    filters = {"council": "council_id", "delegate": "delegates"}
    date_field = "date"


@_record_schema(
    label="Voter meetings (tiếp xúc cử tri)",
    output=s.VoterMeetingSerializer,
    create=s.VoterMeetingInput,
    update=s.VoterMeetingUpdateInput,
    query=s.VoterMeetingQuery,
)
class VoterMeetingViewSet(_Correctable, _RecordViewSet):
    model, serializer_class = VoterMeeting, s.VoterMeetingSerializer
    service = staticmethod(record_services.voter_meeting_save)
    input_class, update_class, query_class = s.VoterMeetingInput, s.VoterMeetingUpdateInput, s.VoterMeetingQuery
    filters = {"council": "council_id", "group": "group_id", "delegate": "delegates"}
    date_field = "date"


@_record_schema(
    label="Voter petitions (kiến nghị cử tri)",
    output=s.PetitionSerializer,
    create=s.PetitionInput,
    query=s.PetitionQuery,
)
class PetitionViewSet(_RecordViewSet):
    """Public: a citizen finds a petition's answer by code or number, session, agency, status or words."""

    model, serializer_class = VoterPetition, s.PetitionSerializer
    service = staticmethod(record_services.petition_register)
    input_class, query_class = s.PetitionInput, s.PetitionQuery
    date_field = "received_on"
    related = ()

    def get_queryset(self) -> QuerySet:
        rows = VoterPetition.objects.select_related("agency", "session")
        if self.action != "list":
            return rows
        rows = petitions_filter(rows, _query(self.query_class, self.request))
        period = _period(self.request, required=False)
        if period is not None:
            rows = rows.filter(received_on__gte=period.start, received_on__lte=period.end)
        return rows.order_by("-received_on", "-number", "pk")

    @extend_schema(
        summary="Move a petition one step: received → in progress → resolved or explained",
        request=s.PetitionStatusInput,
        responses={200: s.PetitionSerializer, **STATE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="status")
    def status_set(self, request: Request, pk: str) -> Response:
        petition = record_services.petition_status_set(
            actor=request.user, petition=self.get_object(), **request_input(s.PetitionStatusInput, request)
        )
        return _ok(s.PetitionSerializer, petition)

    @extend_schema(
        summary="Assign a petition to the agency that answers it (secretariat, chair); a received one goes on "
        "to in progress",
        request=s.PetitionAssignInput,
        responses={200: s.PetitionSerializer, **STATE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="assign")
    def assign(self, request: Request, pk: str) -> Response:
        petition = self.get_object()
        require_manage(request.user, petition.council_id)
        data = request_input(s.PetitionAssignInput, request)
        return _ok(
            s.PetitionSerializer, petition_services.petition_assign(actor=request.user, petition=petition, **data)
        )

    @extend_schema(
        summary="Record the agency's answer: resolved or explained, the text, its date and document (secretariat, "
        "chair)",
        request=s.PetitionAnswerInput,
        responses={200: s.PetitionSerializer, **STATE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="answer")
    def answer(self, request: Request, pk: str) -> Response:
        petition = self.get_object()
        require_manage(request.user, petition.council_id)
        data = request_input(s.PetitionAnswerInput, request)
        return _ok(
            s.PetitionSerializer, petition_services.petition_answer(actor=request.user, petition=petition, **data)
        )


@extend_schema_view(
    list=extend_schema(
        summary="Answering agencies (cơ quan trả lời kiến nghị) of the councils (public)",
        parameters=[s.AgencyQuery],
        responses={200: s.AgencySerializer(many=True), **error_responses(400)},
    ),
    retrieve=extend_schema(summary="One answering agency", responses={200: s.AgencySerializer, **error_responses(404)}),
    create=extend_schema(
        summary="Add an answering agency (secretariat, chair)",
        request=s.AgencyInput,
        responses={201: s.AgencySerializer, **WRITE_ERRORS},
    ),
    partial_update=extend_schema(
        summary="Rename an agency or stop using it (secretariat, chair)",
        request=s.AgencyUpdateInput,
        responses={200: s.AgencySerializer, **WRITE_ERRORS},
    ),
)
class AgencyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    write_role = "staff"
    serializer_class = s.AgencySerializer
    lookup_value_regex = r"[0-9]+"
    http_method_names = ["get", "post", "patch", "head"]

    def get_queryset(self) -> QuerySet[AnsweringAgency]:
        rows = AnsweringAgency.objects.order_by("council_id", "name", "pk")
        if self.action != "list":
            return rows
        query = _query(s.AgencyQuery, self.request)
        if "council" in query:
            rows = rows.filter(council_id=query["council"])
        if query.get("active") is not None:
            rows = rows.filter(active=query["active"])
        return rows

    def create(self, request: Request) -> Response:
        require_authenticated(request.user)
        data = request_input(s.AgencyInput, request)
        agency = petition_services.agency_save(actor=request.user, **data)
        return _ok(s.AgencySerializer, agency, status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str) -> Response:
        agency = self.get_object()
        require_manage(request.user, agency.council_id)
        data = request_input(s.AgencyUpdateInput, request, partial=True)
        current = {"name": agency.name, "short_name": agency.short_name, "active": agency.active}
        saved = petition_services.agency_save(
            actor=request.user, council=agency.council, instance=agency, **{**current, **data}
        )
        return _ok(s.AgencySerializer, saved)


@_record_schema(
    label="Good practices (mô hình, cách làm hay)",
    output=s.GoodPracticeSerializer,
    create=s.GoodPracticeInput,
    update=s.GoodPracticeUpdateInput,
    query=s.RecordQuery,
)
class GoodPracticeViewSet(_Correctable, _RecordViewSet):
    model, serializer_class = GoodPractice, s.GoodPracticeSerializer
    service = staticmethod(record_services.good_practice_save)
    input_class, update_class = s.GoodPracticeInput, s.GoodPracticeUpdateInput
    date_field = "recognized_on"
    related = ()


def _evidence_readable(user: Any) -> QuerySet[Evidence]:
    """Evidence is for the secretariat and chair of its council and of the council above it (which scores it)."""
    if is_administrator(user):
        return Evidence.objects.all()
    managed = CouncilRole.objects.filter(
        user=user, role__in=[CouncilRoleKind.SECRETARIAT, CouncilRoleKind.CHAIR]
    ).values("council_id")
    return Evidence.objects.filter(Q(council_id__in=managed) | Q(council__parent_id__in=managed))


@extend_schema_view(
    list=extend_schema(
        summary="Evidence files (secretariat and chair of the council or of the council above it)",
        parameters=[s.EvidenceQuery],
        responses={200: s.EvidenceSerializer(many=True), **error_responses(400, 401)},
    ),
    retrieve=extend_schema(
        summary="Evidence file: one", responses={200: s.EvidenceSerializer, **error_responses(401, 404)}
    ),
    create=extend_schema(
        summary="Upload an evidence file (secretariat, chair)",
        request={"multipart/form-data": s.EvidenceInput},
        responses={
            201: s.EvidenceSerializer,
            **WRITE_ERRORS,
            **{
                code: OpenApiResponse(description=text)
                for code, text in (
                    (413, "Too large (document.too_large)"),
                    (415, "Not an accepted file type (document.type_not_allowed)"),
                )
            },
        },
    ),
    destroy=extend_schema(
        summary="Delete an evidence file (secretariat, chair)", responses={204: None, **STATE_ERRORS}
    ),
)
class EvidenceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    write_role = "staff"
    serializer_class = s.EvidenceSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    lookup_value_regex = r"[0-9]+"

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        require_authenticated(request.user)

    def get_queryset(self) -> QuerySet[Evidence]:
        rows = _evidence_readable(self.request.user)
        if self.action != "list":
            return rows
        query = _query(s.EvidenceQuery, self.request)
        return rows.filter(**{f"{name}_id": query[name] for name in ("council", "good_practice") if name in query})

    def create(self, request: Request) -> Response:
        data = request_input(s.EvidenceInput, request)
        upload = data.pop("file")
        evidence = record_services.evidence_upload(
            actor=request.user, stream=upload, size=upload.size, original_name=upload.name or "", **data
        )
        return _ok(s.EvidenceSerializer, evidence, status.HTTP_201_CREATED)

    def destroy(self, request: Request, pk: str) -> Response:
        record_services.record_delete(actor=request.user, record=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Download an evidence file (the type is the one recognised from its content)",
        responses={**{(200, kind): OpenApiTypes.BINARY for kind in FileType.values}, **error_responses(401, 404)},
    )
    @action(detail=True, methods=["get"])
    def file(self, request: Request, pk: str) -> FileResponse:
        evidence = self.get_object()
        response = FileResponse(
            evidence.file.open("rb"),
            content_type=evidence.content_type,
            as_attachment=evidence.content_type not in INLINE_TYPES,
            filename=evidence.original_name or evidence.file.name.rsplit("/", 1)[-1],
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


# Statistics -----------------------------------------------------------------------------------------------------


class CouncilStatisticsView(APIView):
    @extend_schema(
        summary="A council's activity statistics for a year, a half-year or a range of days (public)",
        parameters=[s.PeriodQuery],
        responses={200: s.CouncilStatisticsSerializer, **error_responses(400, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        council = _council(pk)
        period = _period(request, required=True)
        return _ok(
            s.CouncilStatisticsSerializer,
            {
                "council": council.pk,
                "name": council.name,
                "period": period.as_dict(),
                "statistics": council_statistics(council=council, period=period),
            },
        )


class DelegatesStatisticsView(APIView):
    @extend_schema(
        summary="Per-delegate figures: attendance, speeches, questions, votes (the council's members and "
        "secretariat, and the secretariat of the council above it)",
        parameters=[s.PeriodQuery],
        responses={200: s.DelegatesStatisticsSerializer, **error_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        council = _council(pk)
        if council.parent_id is None or not can_manage_council(request.user, council.parent_id):
            require_read_private(request.user, council)
        period = _period(request, required=True)
        return _ok(
            s.DelegatesStatisticsSerializer,
            {
                "council": council.pk,
                "name": council.name,
                "period": period.as_dict(),
                "delegates": council_delegates_statistics(council=council, period=period),
            },
        )


class TrendView(APIView):
    @extend_schema(
        summary="A council's figures year by year (at most 20 years, public)",
        parameters=[s.TrendQuery],
        responses={200: s.TrendSerializer, **error_responses(400, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        council = _council(pk)
        years = _query(s.TrendQuery, request)["years"]
        return _ok(
            s.TrendSerializer,
            {"council": council.pk, "name": council.name, "years": council_trend(council=council, years=years)},
        )


class ComparisonView(APIView):
    @extend_schema(
        summary="The councils directly under a council side by side (public)",
        parameters=[s.PeriodQuery],
        responses={200: s.ComparisonSerializer, **error_responses(400, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        council = _council(pk)
        period = _period(request, required=True)
        return _ok(
            s.ComparisonSerializer,
            {
                "council": council.pk,
                "name": council.name,
                "period": period.as_dict(),
                "councils": council_comparison(parent=council, period=period),
            },
        )


EXPORT_ROWS_MAX = 20000


def _petition_export(fmt: str) -> type[APIView]:
    content_type = "text/csv" if fmt == "csv" else XLSX

    class PetitionExport(APIView):
        @extend_schema(
            operation_id=f"export_petitions_{fmt}",
            summary=f"Voter petitions and their answers ({fmt.upper()}; the list's filters)",
            tags=["open data"],
            parameters=[s.PetitionQuery, s.PeriodQuery],
            responses={
                (200, content_type): OpenApiResponse(OpenApiTypes.BINARY, description=f"{fmt.upper()} file"),
                **error_responses(400),
            },
        )
        def get(self, request: Request) -> HttpResponse:
            rows = petitions_filter(
                VoterPetition.objects.select_related("council", "session", "agency"), _query(s.PetitionQuery, request)
            )
            period = _period(request, required=False)
            if period is not None:
                rows = rows.filter(received_on__gte=period.start, received_on__lte=period.end)
            rows = rows.order_by("council_id", "year", "number", "pk")
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
        responses={200: s.SessionPetitionsSerializer, **error_responses(404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        session = Session.objects.filter(pk=pk).first()
        if session is None:
            raise ServiceError(NOT_FOUND)
        return _ok(s.SessionPetitionsSerializer, session_petition_statistics(session=session))


class StatisticsCatalogueView(APIView):
    @extend_schema(
        summary="Every statistic: its key (for score-sheet rules), labels, subjects and unit",
        responses={200: s.StatisticSpecSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response(s.StatisticSpecSerializer(STATISTICS.values(), many=True).data)


# Score sheets ---------------------------------------------------------------------------------------------------


def _table(sheet: ScoreSheet) -> Response:
    return _ok(s.ScoreTableSerializer, sheet_table(sheet=sheet, language=_language()))


@extend_schema_view(
    list=extend_schema(
        summary="Score sheets (thang điểm thi đua): published ones, and all of the councils you score for",
        parameters=[s.ScoreSheetQuery],
        responses={200: s.ScoreSheetSerializer(many=True), **error_responses(400)},
    ),
)
class ScoreSheetViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    write_role = "staff"
    serializer_class = s.ScoreSheetSerializer
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self) -> QuerySet[ScoreSheet]:
        sheets = sheets_visible(user=self.request.user)
        if self.action != "list":
            return sheets
        query = _query(s.ScoreSheetQuery, self.request)
        lookups = {"council": "council_id", "year": "year", "target_kind": "target_kind", "status": "status"}
        return sheets.filter(**{lookup: query[name] for name, lookup in lookups.items() if name in query})

    @extend_schema(
        summary="A sheet with its criteria rows, targets, points and results",
        responses={200: s.ScoreTableSerializer, **error_responses(404)},
    )
    def retrieve(self, request: Request, pk: str) -> Response:
        return _table(self.get_object())

    @extend_schema(
        summary="Create a sheet for a year and kind of target (its targets follow the council)",
        request=s.ScoreSheetInput,
        responses={201: s.ScoreSheetSerializer, **STATE_ERRORS},
    )
    def create(self, request: Request) -> Response:
        sheet = emulation_services.score_sheet_create(actor=request.user, **request_input(s.ScoreSheetInput, request))
        return _ok(s.ScoreSheetSerializer, sheet, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a draft sheet's title, bonus cap or tie rule",
        request=s.ScoreSheetUpdateInput,
        responses={200: s.ScoreSheetSerializer, **STATE_ERRORS},
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        sheet = emulation_services.score_sheet_update(
            actor=request.user, sheet=self.get_object(), **request_input(s.ScoreSheetUpdateInput, request, partial=True)
        )
        return _ok(s.ScoreSheetSerializer, sheet)

    @extend_schema(
        summary="Start another year's sheet as a copy of this one's criteria",
        request=s.ScoreSheetCopyInput,
        responses={201: s.ScoreSheetSerializer, **STATE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def copy(self, request: Request, pk: str) -> Response:
        sheet = emulation_services.score_sheet_copy(
            actor=request.user, sheet=self.get_object(), **request_input(s.ScoreSheetCopyInput, request)
        )
        return _ok(s.ScoreSheetSerializer, sheet, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Compute the computed criteria from the year's statistics, then total and rank",
        request=None,
        responses={200: s.ScoreTableSerializer, **STATE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def score(self, request: Request, pk: str) -> Response:
        return _table(emulation_services.score_sheet_score(actor=request.user, sheet=self.get_object()))

    @extend_schema(
        summary="Lock the sheet (every manual criterion scored, ranking up to date)",
        request=None,
        responses={200: s.ScoreSheetSerializer, **STATE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def lock(self, request: Request, pk: str) -> Response:
        return _ok(
            s.ScoreSheetSerializer, emulation_services.score_sheet_lock(actor=request.user, sheet=self.get_object())
        )

    @extend_schema(
        summary="Publish a locked sheet's ranking",
        request=None,
        responses={200: s.ScoreSheetSerializer, **STATE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str) -> Response:
        return _ok(
            s.ScoreSheetSerializer, emulation_services.score_sheet_publish(actor=request.user, sheet=self.get_object())
        )

    @extend_schema(
        summary="Assess one target on one manual criterion, with evidence",
        request=s.ScoreEntryInput,
        responses={200: s.ScoreEntrySerializer, **STATE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def entries(self, request: Request, pk: str) -> Response:
        sheet = self.get_object()
        data = request_input(s.ScoreEntryInput, request)
        if data["target"].sheet_id != sheet.pk:
            raise ServiceError(errors.TARGET_NOT_ON_SHEET)
        return _ok(s.ScoreEntrySerializer, emulation_services.score_entry_set(actor=request.user, **data))


class RankingXlsxView(APIView):
    @extend_schema(
        operation_id="score_sheet_ranking_xlsx",
        summary="The sheet's ranking as a spreadsheet (XLSX)",
        responses={(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="XLSX file"), **error_responses(404)},
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        sheet = sheets_visible(user=request.user).filter(pk=pk).first()
        if sheet is None:
            raise ServiceError(NOT_FOUND)
        response = HttpResponse(ranking_xlsx(sheet=sheet), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="xep-hang-{sheet.year}-{sheet.pk}.xlsx"'
        return response


def _criterion_row(criterion: Criterion) -> dict[str, Any]:
    """The criterion as a row of its sheet's table (with its number and depth in the tree)."""
    pending: list[CriterionNode] = criteria_tree(sheet=criterion.sheet)
    while pending:
        node = pending.pop()
        if node.criterion.pk == criterion.pk:
            return criterion_row(node, language=_language())
        pending.extend(node.children)
    raise ServiceError(NOT_FOUND)


@extend_schema_view(
    retrieve=extend_schema(
        summary="A criterion of a score sheet", responses={200: s.CriterionSerializer, **error_responses(404)}
    ),
    create=extend_schema(
        summary="Add a criterion to a draft sheet",
        request=s.CriterionSerializer,
        responses={201: s.CriterionSerializer, **STATE_ERRORS},
    ),
    partial_update=extend_schema(
        summary="Change a criterion of a draft sheet",
        request=s.CriterionSerializer,
        responses={200: s.CriterionSerializer, **STATE_ERRORS},
    ),
    destroy=extend_schema(
        summary="Remove a criterion (and the criteria under it) from a draft sheet",
        responses={204: None, **STATE_ERRORS},
    ),
)
class CriterionViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    write_role = "staff"
    serializer_class = s.CriterionSerializer
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self) -> QuerySet[Criterion]:
        return Criterion.objects.filter(sheet__in=sheets_visible(user=self.request.user)).select_related("sheet")

    def retrieve(self, request: Request, pk: str) -> Response:
        return _ok(s.CriterionSerializer, _criterion_row(self.get_object()))

    def create(self, request: Request) -> Response:
        criterion = emulation_services.criterion_create(
            actor=request.user, **request_input(s.CriterionSerializer, request)
        )
        return _ok(s.CriterionSerializer, _criterion_row(criterion), status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str) -> Response:
        criterion = self.get_object()
        data = request_input(s.CriterionSerializer, request, partial=True)
        if data.pop("sheet", criterion.sheet) != criterion.sheet:
            raise ServiceError(REQUEST_INVALID, details={"sheet": "a criterion stays on its sheet"})
        criterion = emulation_services.criterion_update(actor=request.user, criterion=criterion, **data)
        return _ok(s.CriterionSerializer, _criterion_row(criterion))

    def destroy(self, request: Request, pk: str) -> Response:
        emulation_services.criterion_delete(actor=request.user, criterion=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

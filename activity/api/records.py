"""REST endpoints of the activity records (supervision, surveys, citizen reception, voter meetings, good
practices) and of evidence files. Everyone reads the records; their writes are declared once in
``activity.writes`` (the caller checked before the input, every rule in ``activity.services.records``)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import Model, Q, QuerySet
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from activity import writes
from activity.api.common import (
    WRITE_CODES,
    WRITE_ERRORS,
    create_view,
    destroy_view,
    query_of,
    update_view,
    within_period,
)
from activity.models import Evidence
from activity.serializers import records as rs
from activity.serializers.common import PeriodQuery, RecordQuery
from core.api import error_responses
from core.uploads import FileType
from core.writes import Write, write_rest, write_schema
from sessions_app.models import CouncilRole, CouncilRoleKind
from sessions_app.permissions import is_administrator, require_authenticated

INLINE_TYPES = {FileType.PDF, FileType.PNG, FileType.JPEG}


def record_reads_schema(label: str, output: type, query: type) -> dict[str, Any]:
    """The OpenAPI description of a kind's public reads (for ``extend_schema_view``)."""
    return {
        "list": extend_schema(
            summary=label, parameters=[query, PeriodQuery], responses={200: output(many=True), **error_responses(400)}
        ),
        "retrieve": extend_schema(summary=f"{label}: one", responses={200: output, **error_responses(404)}),
    }


class RecordViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Activity records are public accountability data: everyone reads them, the council's secretariat or chair
    records and corrects them."""

    write_role = "staff"  # core.permissions.WriteAccess, before the body is read

    lookup_value_regex = r"[0-9]+"
    model: ClassVar[type[Model]]
    query_class: ClassVar[type[serializers.Serializer]] = RecordQuery
    filters: ClassVar[dict[str, str]] = {"council": "council_id"}
    date_field: ClassVar[str]
    related: ClassVar[tuple[str, ...]] = ("delegates",)

    def get_queryset(self) -> QuerySet:
        rows = self.model.objects.prefetch_related(*self.related)
        if self.action != "list":
            return rows
        query = query_of(self.query_class, self.request)
        rows = rows.filter(**{lookup: query[name] for name, lookup in self.filters.items() if name in query})
        rows = within_period(rows, self.request, self.date_field)
        return rows.distinct() if "delegate" in query else rows


def _record_viewset(
    name: str,
    label: str,
    declared: dict[str, Write],
    output: type,
    query: type,
    date_field: str,
) -> type[RecordViewSet]:
    """One kind of record: its public reads (filtered by the fields of ``query``), and its three declared writes
    (secretariat, chair)."""
    lookups = {"council": "council_id", "committee": "committee_id", "group": "group_id", "delegate": "delegates"}
    filters = {name: lookups[name] for name in query._declared_fields}

    @extend_schema_view(**record_reads_schema(label, output, query))
    class KindViewSet(RecordViewSet):
        model = output.Meta.model
        serializer_class = output
        query_class = query

        create = create_view(declared["create"], output, f"{label}: record one (secretariat, chair)", WRITE_CODES)
        partial_update = update_view(
            declared["update"], output, f"{label}: correct one (secretariat, chair)", WRITE_CODES
        )
        destroy = destroy_view(declared["delete"], f"{label}: delete one entered by mistake (secretariat, chair)")

    KindViewSet.filters, KindViewSet.date_field = filters, date_field
    KindViewSet.related = ("delegates",) if "delegate" in filters else ()
    KindViewSet.__name__ = KindViewSet.__qualname__ = name
    return KindViewSet


SupervisionViewSet = _record_viewset(
    "SupervisionViewSet",
    "Thematic supervision missions (giám sát chuyên đề)",
    writes.SUPERVISION,
    rs.SupervisionSerializer,
    rs.CommitteeRecordQuery,
    "start_date",
)
SurveyViewSet = _record_viewset(
    "SurveyViewSet",
    "Surveys (khảo sát)",
    writes.SURVEY,
    rs.SurveySerializer,
    rs.CommitteeRecordQuery,
    "date",
)
CitizenReceptionViewSet = _record_viewset(
    "CitizenReceptionViewSet",
    "Citizen reception sessions (tiếp công dân)",
    writes.CITIZEN_RECEPTION,
    rs.CitizenReceptionSerializer,
    rs.DelegateRecordQuery,
    "date",
)
VoterMeetingViewSet = _record_viewset(
    "VoterMeetingViewSet",
    "Voter meetings (tiếp xúc cử tri)",
    writes.VOTER_MEETING,
    rs.VoterMeetingSerializer,
    rs.VoterMeetingQuery,
    "date",
)
GoodPracticeViewSet = _record_viewset(
    "GoodPracticeViewSet",
    "Good practices (mô hình, cách làm hay)",
    writes.GOOD_PRACTICE,
    rs.GoodPracticeSerializer,
    RecordQuery,
    "recognized_on",
)


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
        parameters=[rs.EvidenceQuery],
        responses={200: rs.EvidenceSerializer(many=True), **error_responses(400, 401)},
    ),
    retrieve=extend_schema(
        summary="Evidence file: one", responses={200: rs.EvidenceSerializer, **error_responses(401, 404)}
    ),
)
class EvidenceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    write_role = "staff"
    serializer_class = rs.EvidenceSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    lookup_value_regex = r"[0-9]+"

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        require_authenticated(request.user)

    def get_queryset(self) -> QuerySet[Evidence]:
        rows = _evidence_readable(self.request.user)
        if self.action != "list":
            return rows
        query = query_of(rs.EvidenceQuery, self.request)
        return rows.filter(**{f"{name}_id": query[name] for name in ("council", "good_practice") if name in query})

    @extend_schema(
        responses={
            201: rs.EvidenceSerializer,
            **WRITE_ERRORS,
            **{
                code: OpenApiResponse(description=text)
                for code, text in (
                    (413, "Too large (document.too_large)"),
                    (415, "Not an accepted file type (document.type_not_allowed)"),
                )
            },
        },
    )
    @write_schema(
        writes.EVIDENCE_UPLOAD,
        rs.EvidenceSerializer,
        created=True,
        summary="Upload an evidence file (secretariat, chair)",
        media="multipart/form-data",
    )
    def create(self, request: Request) -> Response:
        return write_rest(writes.EVIDENCE_UPLOAD, request, created=True)

    destroy = destroy_view(writes.EVIDENCE_DELETE, "Delete an evidence file (secretariat, chair)")

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

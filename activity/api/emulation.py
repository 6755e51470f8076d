"""REST endpoints of the emulation score sheets (thang điểm thi đua): sheets, their criteria, scoring, ranking,
locking and publishing, and the ranking as a spreadsheet. The writes are declared once in ``activity.writes``
(the caller checked before the input, every rule in ``activity.services.emulation``)."""

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
from activity.api.common import XLSX, action_view, create_view, destroy_view, query_of, update_view
from activity.exports import ranking_xlsx
from activity.models import Criterion, ScoreSheet
from activity.selectors.emulation import sheets_visible
from activity.serializers import emulation as es
from core.api import error_responses
from core.errors import NOT_FOUND, ServiceError


@extend_schema_view(
    list=extend_schema(
        summary="Score sheets (thang điểm thi đua): published ones, and all of the councils you score for",
        parameters=[es.ScoreSheetQuery],
        responses={200: es.ScoreSheetSerializer(many=True), **error_responses(400)},
    ),
)
class ScoreSheetViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    write_role = "staff"
    serializer_class = es.ScoreSheetSerializer
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self) -> QuerySet[ScoreSheet]:
        sheets = sheets_visible(user=self.request.user)
        if self.action != "list":
            return sheets
        query = query_of(es.ScoreSheetQuery, self.request)
        lookups = {"council": "council_id", "year": "year", "target_kind": "target_kind", "status": "status"}
        return sheets.filter(**{lookup: query[name] for name, lookup in lookups.items() if name in query})

    @extend_schema(
        summary="A sheet with its criteria rows, targets, points and results",
        responses={200: es.ScoreTableSerializer, **error_responses(404)},
    )
    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(writes.table_reply(self.get_object()))

    create = create_view(
        writes.SHEET_CREATE,
        es.ScoreSheetSerializer,
        "Create a sheet for a year and kind of target (its targets follow the council)",
    )
    partial_update = update_view(
        writes.SHEET_UPDATE, es.ScoreSheetSerializer, "Change a draft sheet's title, bonus cap or tie rule"
    )
    copy = action_view(
        writes.SHEET_COPY,
        es.ScoreSheetSerializer,
        "copy",
        "Start another year's sheet as a copy of this one's criteria",
        created=True,
    )
    score = action_view(
        writes.SHEET_SCORE,
        es.ScoreTableSerializer,
        "score",
        "Compute the computed criteria from the year's statistics, then total and rank",
    )
    lock = action_view(
        writes.SHEET_LOCK,
        es.ScoreSheetSerializer,
        "lock",
        "Lock the sheet (every manual criterion scored, ranking up to date)",
    )
    publish = action_view(writes.SHEET_PUBLISH, es.ScoreSheetSerializer, "publish", "Publish a locked sheet's ranking")
    entries = action_view(
        writes.ENTRY_SET, es.ScoreEntrySerializer, "entries", "Assess one target on one manual criterion, with evidence"
    )


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


@extend_schema_view(
    retrieve=extend_schema(
        summary="A criterion of a score sheet", responses={200: es.CriterionSerializer, **error_responses(404)}
    ),
)
class CriterionViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    write_role = "staff"
    serializer_class = es.CriterionSerializer
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self) -> QuerySet[Criterion]:
        return Criterion.objects.filter(sheet__in=sheets_visible(user=self.request.user)).select_related("sheet")

    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(writes.criterion_reply(self.get_object()))

    create = create_view(writes.CRITERION_CREATE, es.CriterionSerializer, "Add a criterion to a draft sheet")
    partial_update = update_view(writes.CRITERION_UPDATE, es.CriterionSerializer, "Change a criterion of a draft sheet")
    destroy = destroy_view(writes.CRITERION_DELETE, "Remove a criterion (and the criteria under it) from a draft sheet")

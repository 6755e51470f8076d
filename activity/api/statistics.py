"""REST endpoints of the activity statistics: a council's figures for a period, per delegate, year by year, the
councils under it side by side, and the catalogue of every figure. Reads only; every figure is counted by
``activity.selectors.statistics``."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from activity.api.common import council_or_404, ok, period_of, query_of
from activity.selectors.statistics import (
    STATISTICS,
    council_comparison,
    council_delegates_statistics,
    council_statistics,
    council_trend,
)
from activity.serializers import statistics as ss
from activity.serializers.common import PeriodQuery
from core.api import error_responses
from sessions_app.permissions import can_manage_council, require_read_private


class CouncilStatisticsView(APIView):
    @extend_schema(
        summary="A council's activity statistics for a year, a half-year or a range of days (public)",
        parameters=[PeriodQuery],
        responses={200: ss.CouncilStatisticsSerializer, **error_responses(400, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        council = council_or_404(pk)
        period = period_of(request, required=True)
        return ok(
            ss.CouncilStatisticsSerializer,
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
        parameters=[PeriodQuery],
        responses={200: ss.DelegatesStatisticsSerializer, **error_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        council = council_or_404(pk)
        if council.parent_id is None or not can_manage_council(request.user, council.parent_id):
            require_read_private(request.user, council)
        period = period_of(request, required=True)
        return ok(
            ss.DelegatesStatisticsSerializer,
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
        parameters=[ss.TrendQuery],
        responses={200: ss.TrendSerializer, **error_responses(400, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        council = council_or_404(pk)
        years = query_of(ss.TrendQuery, request)["years"]
        return ok(
            ss.TrendSerializer,
            {"council": council.pk, "name": council.name, "years": council_trend(council=council, years=years)},
        )


class ComparisonView(APIView):
    @extend_schema(
        summary="The councils directly under a council side by side (public)",
        parameters=[PeriodQuery],
        responses={200: ss.ComparisonSerializer, **error_responses(400, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        council = council_or_404(pk)
        period = period_of(request, required=True)
        return ok(
            ss.ComparisonSerializer,
            {
                "council": council.pk,
                "name": council.name,
                "period": period.as_dict(),
                "councils": council_comparison(parent=council, period=period),
            },
        )


class StatisticsCatalogueView(APIView):
    @extend_schema(
        summary="Every statistic: its key (for score-sheet rules), labels, subjects and unit",
        responses={200: ss.StatisticSpecSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response(ss.StatisticSpecSerializer(STATISTICS.values(), many=True).data)

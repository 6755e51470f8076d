"""REST endpoints of the activity statistics: a council's figures for a period, per delegate, year by year, the
councils under it side by side, and the catalogue of every figure. Reads only; every figure is counted by
``activity.selectors.statistics``."""

from __future__ import annotations

from typing import Any, ClassVar

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.views import APIView

from activity.api.common import council_or_404, ok, period_of, query_of
from activity.periods import Period
from activity.selectors.statistics import STATISTICS, council_comparison, council_statistics, council_trend
from activity.selectors.statistics_members import council_delegates_statistics
from activity.serializers import statistics as ss
from activity.serializers.common import PeriodQuery
from core.api import error_responses
from sessions_app.models import Council
from sessions_app.permissions import can_manage_council, require_read_private


class _PeriodFiguresView(APIView):
    # A council's figures for a period (``year``/``half`` or ``start``/``end``; this year without them). A comment,
    # not a docstring: OpenAPI would publish it as the views' description.

    serializer: ClassVar[type[Serializer]]
    key: ClassVar[str]

    def figures(self, council: Council, period: Period) -> Any:
        raise NotImplementedError

    def check(self, request: Request, council: Council) -> None:
        """Who may read them (public unless a view says otherwise)."""

    def get(self, request: Request, pk: int) -> Response:
        council = council_or_404(pk)
        self.check(request, council)
        period = period_of(request, required=True)
        body = {"council": council.pk, "name": council.name, "period": period.as_dict()}
        return ok(self.serializer, {**body, self.key: self.figures(council, period)})


@extend_schema_view(
    get=extend_schema(
        summary="A council's activity statistics for a year, a half-year or a range of days (public)",
        parameters=[PeriodQuery],
        responses={200: ss.CouncilStatisticsSerializer, **error_responses(400, 404)},
    )
)
class CouncilStatisticsView(_PeriodFiguresView):
    serializer, key = ss.CouncilStatisticsSerializer, "statistics"

    def figures(self, council: Council, period: Period) -> Any:
        return council_statistics(council=council, period=period)


@extend_schema_view(
    get=extend_schema(
        summary="Per-delegate figures: attendance, speeches, questions, votes (the council's members and "
        "secretariat, and the secretariat of the council above it)",
        parameters=[PeriodQuery],
        responses={200: ss.DelegatesStatisticsSerializer, **error_responses(400, 401, 403, 404)},
    )
)
class DelegatesStatisticsView(_PeriodFiguresView):
    serializer, key = ss.DelegatesStatisticsSerializer, "delegates"

    def check(self, request: Request, council: Council) -> None:
        if council.parent_id is None or not can_manage_council(request.user, council.parent_id):
            require_read_private(request.user, council)

    def figures(self, council: Council, period: Period) -> Any:
        return council_delegates_statistics(council=council, period=period)


@extend_schema_view(
    get=extend_schema(
        summary="The councils directly under a council side by side (public)",
        parameters=[PeriodQuery],
        responses={200: ss.ComparisonSerializer, **error_responses(400, 404)},
    )
)
class ComparisonView(_PeriodFiguresView):
    serializer, key = ss.ComparisonSerializer, "councils"

    def figures(self, council: Council, period: Period) -> Any:
        return council_comparison(parent=council, period=period)


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


class StatisticsCatalogueView(APIView):
    @extend_schema(
        summary="Every statistic: its key (for score-sheet rules), labels, subjects and unit",
        responses={200: ss.StatisticSpecSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response(ss.StatisticSpecSerializer(STATISTICS.values(), many=True).data)

"""Open-data endpoints: Popolo JSON under /api/popolo/, Akoma Ntoso XML of published resolutions, and
CSV/XLSX spreadsheets. Everything here is public data, the same for every reader (see ``popolo``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import Pagination, error_responses
from core.errors import NOT_FOUND, ServiceError
from core.tables import Table, table_csv, table_xlsx
from voting.opendata import akn, popolo, tables

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CouncilFilter(serializers.Serializer):
    council = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1, help_text="Only this council")


class PopoloPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Number of source rows (a delegate's seat, a question...)")
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = serializers.ListField(child=serializers.DictField(), help_text="Popolo objects")


def _council(request: Request) -> int | None:
    query = CouncilFilter(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data.get("council")


def _flat(items: Iterable[Any]) -> list[dict[str, Any]]:
    return [obj for item in items for obj in (item if isinstance(item, list) else [item])]


def popolo_view(
    name: str, rows: Callable[..., Any], to_popolo: Callable[[Any], Any], example: dict[str, Any]
) -> type[APIView]:
    """A paginated list of Popolo objects of one type: ``rows(council_id=...)`` paged, each row converted."""

    class PopoloList(APIView):
        @extend_schema(
            operation_id=f"popolo_{name.replace('-', '_')}_list",
            summary=f"Popolo {name}",
            tags=["open data"],
            parameters=[CouncilFilter],
            responses={200: PopoloPageSerializer, **error_responses(400, 404)},
            examples=[
                OpenApiExample(
                    name, value={"count": 1, "next": None, "previous": None, "results": [example]}, response_only=True
                )
            ],
        )
        def get(self, request: Request) -> Response:
            paginator = Pagination()
            page = paginator.paginate_queryset(rows(council_id=_council(request)), request, view=self)
            return paginator.get_paginated_response(_flat(to_popolo(row) for row in page))

    PopoloList.__name__ = f"Popolo{name.title().replace('-', '')}List"
    return PopoloList


OrganizationList = popolo_view(
    "organizations",
    popolo.organization_rows,
    popolo.organization_popolo,
    {"id": "council-1", "name": "Hội đồng nhân dân tỉnh Sông Lam", "classification": "council:province"},
)
PersonList = popolo_view(
    "persons",
    popolo.person_rows,
    popolo.person_popolo,
    {"id": "person-7", "name": "Trần Thị Lan", "gender": "female", "birth_date": "1979"},
)
MembershipList = popolo_view(
    "memberships",
    popolo.membership_rows,
    popolo.membership_popolo,
    {"id": "membership-7", "person_id": "person-7", "organization_id": "council-1", "role": "Đại biểu"},
)
EventList = popolo_view(
    "events",
    popolo.event_rows,
    popolo.event_popolo,
    {"id": "session-3", "name": "Kỳ họp thứ nhất", "classification": "session", "parent_id": "term-1"},
)
MotionList = popolo_view(
    "motions",
    popolo.poll_rows,
    popolo.motion_popolo,
    {"id": "motion-5", "text": "Thông qua Nghị quyết về kế hoạch đầu tư công", "result": "passed"},
)
VoteEventList = popolo_view(
    "vote-events",
    popolo.poll_rows,
    popolo.vote_event_popolo,
    {
        "id": "vote-event-5",
        "motion_id": "motion-5",
        "result": "pass",
        "counts": [{"option": "yes", "value": 40}, {"option": "no", "value": 2}],
    },
)
SpeechList = popolo_view(
    "speeches",
    popolo.question_rows,
    popolo.speeches_popolo,
    {"id": "question-2", "creator_id": "person-7", "type": "question", "text": "..."},
)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ResolutionAknView(APIView):
    """Akoma Ntoso 3.0 XML of a published resolution."""

    @extend_schema(
        operation_id="resolution_akn",
        summary="Akoma Ntoso 3.0 XML of a published resolution",
        tags=["open data"],
        responses={
            (200, "application/akn+xml"): OpenApiResponse(OpenApiTypes.STR, description="AKN XML"),
            **error_responses(404),
        },
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        resolution = tables.resolutions_public().filter(pk=pk).first()
        if resolution is None:
            raise ServiceError(NOT_FOUND)
        response = HttpResponse(akn.resolution_akn(resolution), content_type="application/akn+xml; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="nghi-quyet-{resolution.pk}.akn.xml"'
        return response


def export_view(name: str, build: Callable[[int | None], Table], *, fmt: str) -> type[APIView]:
    content_type = "text/csv" if fmt == "csv" else XLSX

    class Export(APIView):
        @extend_schema(
            operation_id=f"export_{name.replace('-', '_')}_{fmt}",
            summary=f"{name} ({fmt.upper()})",
            tags=["open data"],
            parameters=[CouncilFilter],
            responses={
                (200, content_type): OpenApiResponse(OpenApiTypes.BINARY, description=f"{fmt.upper()} file"),
                **error_responses(400),
            },
        )
        def get(self, request: Request) -> HttpResponse:
            table = build(_council(request))
            body = table_csv(table) if fmt == "csv" else table_xlsx(table, title=name)
            return _download(body, f"{content_type}; charset=utf-8" if fmt == "csv" else content_type, f"{name}.{fmt}")

    Export.__name__ = f"Export{name.title().replace('-', '')}{fmt.upper()}"
    return Export


def _resolutions(council_id: int | None) -> Table:
    return tables.resolutions_table(tables.resolutions_public(council_id=council_id))


def _poll_results(council_id: int | None) -> Table:
    return tables.poll_results_table(council_id=council_id)


EXPORTS = {
    (name, fmt): export_view(name, build, fmt=fmt)
    for name, build in (("resolutions", _resolutions), ("poll-results", _poll_results))
    for fmt in ("csv", "xlsx")
}

"""REST endpoints of the backfill import (a council's past year, ``activity.services.backfill``): the import
itself (multipart; ``?dry_run=1`` previews and saves nothing) and its downloadable templates."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from activity.exports import backfill_template_csv, backfill_template_xlsx
from activity.services.backfill import SHEET_BY_KEY, SHEETS, backfill_import
from core.api import error_responses
from sessions_app.api_imports import DryRunQuery, dry_run_of
from sessions_app.models import Council
from sessions_app.permissions import require_authenticated

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _headers(key: str) -> str:
    return ", ".join(c.header for c in SHEET_BY_KEY[key].columns)


def _file_field(help_text: str) -> serializers.FileField:
    return serializers.FileField(required=False, allow_empty_file=True, help_text=help_text)


class BackfillUploadSerializer(serializers.Serializer):
    council = serializers.IntegerField(min_value=1)
    year = serializers.IntegerField(min_value=1, max_value=9999, help_text="The year every date belongs to")
    workbook = _file_field("One XLSX with a sheet per kind: " + ", ".join(f"“{s.title}”" for s in SHEETS))
    sessions = _file_field("Or one CSV/XLSX per kind. Sessions: " + _headers("sessions"))
    sittings = _file_field("Sittings: " + _headers("sittings"))
    resolutions = _file_field("Resolutions: " + _headers("resolutions"))
    questions = _file_field("Questioning (chất vấn): " + _headers("questions"))
    promises = _file_field("Promises made answering (lời hứa): " + _headers("promises"))
    supervisions = _file_field("Supervision missions: " + _headers("supervisions"))
    receptions = _file_field("Citizen receptions: " + _headers("receptions"))
    petitions = _file_field("Voter petitions: " + _headers("petitions"))


class BackfillResultSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField()
    saved = serializers.BooleanField()
    year = serializers.IntegerField()
    counts = serializers.DictField(child=serializers.IntegerField(), help_text="Rows written per sheet key")
    sheets = serializers.DictField(help_text="Per sheet key: [{row, …ids of what was created}]")


BACKFILL_EXAMPLE = OpenApiExample(
    "preview",
    response_only=True,
    value={
        "dry_run": True,
        "saved": False,
        "year": 2025,
        "counts": {"sessions": 1, "sittings": 1, "resolutions": 1},
        "sheets": {
            "resolutions": [
                {"row": 2, "resolution": 7, "poll": 9, "number": "12/NQ-HĐND", "status": "published"},
            ]
        },
    },
)


class BackfillImportView(APIView):
    write_role = "staff"  # core.permissions.WriteAccess, before the body is read
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="import_council_year",
        summary=(
            "Import a council's past year (sessions, sittings, resolutions, questioning, promises, supervision, "
            "receptions, petitions)"
        ),
        description=(
            "Secretariat of the council (or administrator). Send `workbook` (one XLSX, a sheet per kind) or one "
            "CSV/XLSX per kind. All rows or none: any row error answers 400 `import.rows_invalid` with "
            "`details.errors = [{sheet, row, code, message}]` and saves nothing. See docs/council-year.md."
        ),
        tags=["imports"],
        parameters=[DryRunQuery],
        request={"multipart/form-data": BackfillUploadSerializer},
        responses={200: BackfillResultSerializer, 201: BackfillResultSerializer, **error_responses(400, 401, 403, 404)},
        examples=[BACKFILL_EXAMPLE],
    )
    def post(self, request: Request) -> Response:
        require_authenticated(request.user)
        dry_run = dry_run_of(request)
        upload = BackfillUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        data = upload.validated_data
        council = get_object_or_404(Council, pk=data["council"])
        workbook = data.get("workbook")
        files = {s.key: data[s.key].read() for s in SHEETS if data.get(s.key) is not None}
        result = backfill_import(
            actor=request.user,
            council=council,
            year=data["year"],
            dry_run=dry_run,
            workbook=workbook.read() if workbook is not None else None,
            files=files,
        )
        return Response(result, status=status.HTTP_200_OK if dry_run else status.HTTP_201_CREATED)


class BackfillTemplateView(APIView):
    """The empty template: the workbook (instructions + one sheet per kind), or one sheet's CSV."""

    @extend_schema(
        operation_id="import_council_year_template",
        summary="Download the past-year import template (XLSX workbook, or one sheet as CSV)",
        tags=["imports"],
        parameters=[
            OpenApiParameter(
                "sheet",
                str,
                required=False,
                enum=[s.key for s in SHEETS],
                description="One sheet as CSV (UTF-8 with BOM); without it, the whole XLSX workbook",
            )
        ],
        responses={
            (200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="the workbook"),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY, description="one sheet (with `sheet`)"),
            **error_responses(400),
        },
    )
    def get(self, request: Request) -> HttpResponse:
        key = request.query_params.get("sheet")
        if key:
            sheet = next((s for s in SHEETS if s.key == key), None)
            if sheet is None:
                raise serializers.ValidationError({"sheet": [f"one of {', '.join(s.key for s in SHEETS)}"]})
            response = HttpResponse(backfill_template_csv(sheet=key), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="nhap-nam-{key}.csv"'
            return response
        response = HttpResponse(backfill_template_xlsx(), content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="nhap-du-lieu-mot-nam.xlsx"'
        return response

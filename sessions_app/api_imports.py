"""REST endpoint of the delegate-list import (multipart upload; ``?dry_run=1`` previews and saves nothing)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import error_responses
from sessions_app.imports_delegates import COLUMNS, delegates_import
from sessions_app.models import Council, Term
from sessions_app.permissions import require_authenticated


class DryRunQuery(serializers.Serializer):
    dry_run = serializers.BooleanField(
        required=False, default=False, help_text="1: check every row and report, save nothing"
    )


class ImportedRowSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="Line in the file (the header is line 1)")


class ImportResultSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField()
    saved = serializers.BooleanField()
    count = serializers.IntegerField()
    rows = serializers.ListField(child=serializers.DictField())


class DelegatesUploadSerializer(serializers.Serializer):
    council = serializers.IntegerField(min_value=1)
    term = serializers.IntegerField(min_value=1)
    file = serializers.FileField(
        allow_empty_file=True, help_text="CSV (UTF-8) or XLSX; columns: " + ", ".join(c.header for c in COLUMNS)
    )


def dry_run_of(request: Request) -> bool:
    query = DryRunQuery(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data["dry_run"]


IMPORT_ERRORS = error_responses(400, 401, 403, 404, 409)
IMPORT_EXAMPLE = OpenApiExample(
    "preview",
    response_only=True,
    value={
        "dry_run": True,
        "saved": False,
        "count": 1,
        "rows": [{"row": 2, "seat": 1, "full_name": "Trần Thị Lan", "role": "delegate"}],
    },
)


class DelegatesImportView(APIView):
    write_role = "staff"  # core.permissions.WriteAccess, before the file is read
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="import_delegates",
        summary="Import delegates and seats from CSV/XLSX (secretariat)",
        tags=["imports"],
        parameters=[DryRunQuery],
        request={"multipart/form-data": DelegatesUploadSerializer},
        responses={200: ImportResultSerializer, 201: ImportResultSerializer, **IMPORT_ERRORS},
        examples=[IMPORT_EXAMPLE],
    )
    def post(self, request: Request) -> Response:
        require_authenticated(request.user)
        dry_run = dry_run_of(request)
        upload = DelegatesUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        data = upload.validated_data
        council = get_object_or_404(Council, pk=data["council"])
        term = get_object_or_404(Term, pk=data["term"])
        result = delegates_import(
            actor=request.user, council=council, term=term, data=data["file"].read(), dry_run=dry_run
        )
        return Response(result, status=status.HTTP_200_OK if dry_run else status.HTTP_201_CREATED)

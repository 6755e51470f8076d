"""REST endpoint of the question-slip import (multipart upload; ``?dry_run=1`` previews and saves nothing)."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from agenda.imports import COLUMNS, question_slips_import
from sessions_app.api_imports import IMPORT_ERRORS, DryRunQuery, ImportResultSerializer, dry_run_of
from sessions_app.models import Session
from sessions_app.permissions import require_authenticated


class SlipsUploadSerializer(serializers.Serializer[Any]):
    session = serializers.IntegerField(min_value=1)
    file = serializers.FileField(
        allow_empty_file=True, help_text="CSV (UTF-8) or XLSX; columns: " + ", ".join(c.header for c in COLUMNS)
    )


class QuestionSlipsImportView(APIView):
    write_role = "staff"  # core.permissions.WriteAccess, before the file is read
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="import_question_slips",
        summary="Import paper question slips from CSV/XLSX (secretariat)",
        tags=["imports"],
        parameters=[DryRunQuery],
        request={"multipart/form-data": SlipsUploadSerializer},
        responses={200: ImportResultSerializer, 201: ImportResultSerializer, **IMPORT_ERRORS},
    )
    def post(self, request: Request) -> Response:
        require_authenticated(request.user)
        dry_run = dry_run_of(request)
        upload = SlipsUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        session = get_object_or_404(Session, pk=upload.validated_data["session"])
        result = question_slips_import(
            actor=request.user, session=session, data=upload.validated_data["file"].read(), dry_run=dry_run
        )
        return Response(result, status=status.HTTP_200_OK if dry_run else status.HTTP_201_CREATED)

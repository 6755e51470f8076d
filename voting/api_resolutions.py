"""REST writes on a resolution after the vote, for ``voting.api.ResolutionViewSet``: title, category, signer and
effective date; its number (the next free one proposed); the signed text; and the categories themselves."""

from __future__ import annotations

import os
from typing import Any

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.generics import ListAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import error_responses
from core.errors import NOT_FOUND, ServiceError
from sessions_app.permissions import require_manage
from voting import selectors, services
from voting.models import ResolutionCategory, ResolutionKind, ResolutionStatus
from voting.numbering import resolution_number_format, resolution_number_next
from voting.serializers import ResolutionSerializer

WRITE_ERRORS = error_responses(400, 401, 403, 404, 409)


class ResolutionUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=400)
    text = serializers.CharField(allow_blank=True)
    category = serializers.SlugRelatedField(
        slug_field="code", queryset=ResolutionCategory.objects.all(), allow_null=True
    )
    kind = serializers.ChoiceField(ResolutionKind.choices, help_text="Only while not numbered")
    signer = serializers.CharField(max_length=120, allow_blank=True)
    effective_on = serializers.DateField(allow_null=True)


class NumberInputSerializer(serializers.Serializer):
    serial = serializers.IntegerField(min_value=1, max_value=99999)
    kind = serializers.ChoiceField(ResolutionKind.choices, required=False)


class NumberProposalSerializer(serializers.Serializer):
    kind = serializers.CharField()
    year = serializers.IntegerField()
    serial = serializers.IntegerField()
    number = serializers.CharField()


class SignedUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="The signed PDF")
    signer = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = ResolutionCategory
        fields = ["code", "name", "name_en", "position"]


class ResolutionCategoryList(ListAPIView):
    """Resolution categories (data, not code): what statistics group resolutions by."""

    queryset = ResolutionCategory.objects.order_by("position", "code")
    serializer_class = CategorySerializer
    pagination_class = None


def _state(resolution: Any) -> Response:
    return Response(selectors.resolution_state(resolution=resolution, audience="council"))


class ResolutionWrite:
    @extend_schema(
        summary="Change title, text, category, signer, effective date (also after the vote)",
        request=ResolutionUpdateSerializer,
        responses={200: ResolutionSerializer, **WRITE_ERRORS},
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        data = ResolutionUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        changes = {key: value for key, value in data.validated_data.items() if key in data.initial_data}
        return _state(
            services.resolution_update(actor=request.user, resolution=self._get(request, pk), changes=changes)
        )

    @extend_schema(
        methods=["GET"],
        summary="The number proposed for this resolution (next free in its year)",
        responses={200: NumberProposalSerializer, **error_responses(401, 403, 404, 409)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Number or renumber an adopted resolution (unique per council, kind, year)",
        request=NumberInputSerializer,
        responses={200: ResolutionSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["get", "post"])
    def number(self, request: Request, pk: str) -> Response:
        resolution = self._get(request, pk)
        if request.method == "POST":
            data = NumberInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            return _state(
                services.resolution_number_set(actor=request.user, resolution=resolution, **data.validated_data)
            )
        require_manage(request.user, resolution.council_id)
        if resolution.adopted_on is None:
            raise ServiceError(NOT_FOUND)
        kind = request.query_params.get("kind", resolution.kind)
        kind = kind if kind in ResolutionKind.values else resolution.kind
        year = resolution.adopted_on.year
        serial = resolution_number_next(council_id=resolution.council_id, kind=kind, year=year)
        return Response(
            {
                "kind": kind,
                "year": year,
                "serial": serial,
                "number": resolution_number_format(kind=kind, year=year, serial=serial),
            }
        )

    @extend_schema(
        methods=["GET"],
        summary="The signed text (published resolutions for everyone)",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, **error_responses(404)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Upload the signed text (PDF) of an adopted resolution",
        request={"multipart/form-data": SignedUploadSerializer},
        responses={200: ResolutionSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["get", "post"], url_path="signed-document", parser_classes=[MultiPartParser])
    def signed_document(self, request: Request, pk: str) -> Any:
        resolution = self._get(request, pk)
        if request.method == "POST":
            data = SignedUploadSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            return _state(
                services.resolution_signed_upload(actor=request.user, resolution=resolution, **data.validated_data)
            )
        if not resolution.signed_document:
            raise ServiceError(NOT_FOUND)
        response = FileResponse(
            resolution.signed_document.open("rb"),
            as_attachment=True,
            filename=os.path.basename(resolution.signed_document.name),
        )
        response["X-Content-Type-Options"] = "nosniff"
        published = resolution.status == ResolutionStatus.PUBLISHED
        response["Cache-Control"] = "public, max-age=300" if published else "private, no-store"
        return response

"""REST API of resolutions (``voting.api`` re-exports the viewset): the published ones for everyone, all of
them for the council's members; the writes — a draft, its record after the vote (title, category, signer,
effective date; its number, the next free one proposed), the signed text, the publication — served from their
declarations (``voting.writes.resolutions``), the same the socket commands answer; and the categories."""

from __future__ import annotations

import os
from typing import Any

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.generics import ListAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import Pagination, error_responses, latest_update, with_last_modified
from core.errors import NOT_FOUND, ServiceError
from core.writes import write_rest, write_schema, write_view
from sessions_app.archive import archive_query
from sessions_app.permissions import require_manage
from voting import selectors
from voting.api_examples import RESOLUTION_EXAMPLE
from voting.models import Resolution, ResolutionCategory, ResolutionKind, ResolutionStatus
from voting.numbering import resolution_number_format, resolution_number_next
from voting.opendata.archive import ResolutionQuery, resolutions_filter
from voting.serializers import ResolutionSerializer
from voting.writes import resolutions as w


class NumberProposalSerializer(serializers.Serializer):
    kind = serializers.CharField()
    year = serializers.IntegerField()
    serial = serializers.IntegerField()
    number = serializers.CharField()


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = ResolutionCategory
        fields = ["code", "name", "name_en", "position"]


class ResolutionCategoryList(ListAPIView):
    """Resolution categories (data, not code): what statistics group resolutions by."""

    queryset = ResolutionCategory.objects.order_by("position", "code")
    serializer_class = CategorySerializer
    pagination_class = None


def _file(field: Any, *, public: bool) -> FileResponse:
    """A resolution's file, always an attachment, never sniffed; cached only when everyone may read it."""
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise ServiceError(NOT_FOUND) from None
    response = FileResponse(handle, as_attachment=True, filename=os.path.basename(field.name))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return response


def _lookup(view: Any, pk: str) -> Resolution:
    return view._get(view.request, pk)


class ResolutionViewSet(viewsets.ViewSet):
    """Resolutions (nghị quyết): published ones for everyone, all for the council's members."""

    write_role = "staff"

    lookup_value_regex = r"[0-9]+"
    pagination_class = Pagination  # lists are paginated; this lets the OpenAPI schema say so

    @extend_schema(
        summary="Resolutions (filters, ordering, diacritics-insensitive search)",
        parameters=[ResolutionQuery],
        responses={200: ResolutionSerializer(many=True), **error_responses(400)},
        examples=[RESOLUTION_EXAMPLE],
    )
    def list(self, request: Request) -> Response:
        resolutions = resolutions_filter(
            selectors.resolutions_visible(user=request.user), archive_query(ResolutionQuery, request)
        )
        paginator = Pagination()
        page = paginator.paginate_queryset(resolutions, request, view=self)
        response = paginator.get_paginated_response(
            [selectors.resolution_state(resolution=r, audience="council") for r in page]
        )
        return with_last_modified(response, latest_update(resolutions))

    def _get(self, request: Request, pk: Any) -> Resolution:
        if not str(pk).isdigit():
            raise ServiceError(NOT_FOUND)
        resolution = selectors.resolutions_visible(user=request.user).filter(pk=int(pk)).first()
        if resolution is None:
            raise ServiceError(NOT_FOUND)
        return resolution

    @extend_schema(
        summary="One resolution",
        responses={200: ResolutionSerializer, **error_responses(404)},
        examples=[RESOLUTION_EXAMPLE],
    )
    def retrieve(self, request: Request, pk: str) -> Response:
        resolution = self._get(request, pk)
        response = Response(selectors.resolution_state(resolution=resolution, audience="council"))
        return with_last_modified(response, resolution.updated_at)

    @extend_schema(
        summary="The resolution's own document (published ones for everyone)",
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, **error_responses(404)},
    )
    @action(detail=True, methods=["get"])
    def document(self, request: Request, pk: str) -> FileResponse:
        """MEDIA_URL is served neither by the application nor by the proxy: this is the only way to the file,
        behind the same visibility as the resolution. Always an attachment, never sniffed."""
        resolution = self._get(request, pk)
        if not resolution.document:
            raise ServiceError(NOT_FOUND)
        public = Resolution.objects.filter(selectors.resolution_public_q(), pk=resolution.pk).exists()
        return _file(resolution.document, public=public)

    create = write_view(
        w.RESOLUTION_CREATE,
        ResolutionSerializer,
        name="create",
        created=True,
        summary="Create a draft resolution (secretariat, chair)",
    )
    publish = write_view(
        w.RESOLUTION_PUBLISH,
        ResolutionSerializer,
        name="publish",
        lookup=_lookup,
        route={"detail": True, "methods": ["post"]},
        summary="Publish an adopted resolution",
    )
    partial_update = write_view(
        w.RESOLUTION_UPDATE,
        ResolutionSerializer,
        name="partial_update",
        lookup=_lookup,
        summary="Change title, text, category, signer, effective date (also after the vote)",
    )

    @extend_schema(
        methods=["GET"],
        summary="The number proposed for this resolution (next free in its year)",
        responses={200: NumberProposalSerializer, **error_responses(401, 403, 404, 409)},
    )
    @write_schema(
        w.RESOLUTION_NUMBER,
        ResolutionSerializer,
        methods=["POST"],
        summary="Number or renumber an adopted resolution (unique per council, kind, year)",
    )
    @action(detail=True, methods=["get", "post"])
    def number(self, request: Request, pk: str) -> Response:
        if request.method == "POST":
            return write_rest(w.RESOLUTION_NUMBER, request, target=lambda: self._get(request, pk))
        resolution = self._get(request, pk)
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
    @write_schema(
        w.RESOLUTION_SIGNED_UPLOAD,
        ResolutionSerializer,
        methods=["POST"],
        media="multipart/form-data",
        summary="Upload the signed text (PDF) of an adopted resolution",
    )
    @action(detail=True, methods=["get", "post"], url_path="signed-document", parser_classes=[MultiPartParser])
    def signed_document(self, request: Request, pk: str) -> Any:
        if request.method == "POST":
            return write_rest(w.RESOLUTION_SIGNED_UPLOAD, request, target=lambda: self._get(request, pk))
        resolution = self._get(request, pk)
        if not resolution.signed_document:
            raise ServiceError(NOT_FOUND)
        return _file(resolution.signed_document, public=resolution.status == ResolutionStatus.PUBLISHED)

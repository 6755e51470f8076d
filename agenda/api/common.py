"""Helpers of the agenda's REST views: id filters of the small lists, the archive lists' schema."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import error_responses
from core.errors import REQUEST_INVALID, ServiceError
from sessions_app.archive import MAX_ID

INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg"}


def is_id(value: str) -> bool:
    """A database id: ASCII digits (not "²" or "٣") within the 64-bit range."""
    return value.isascii() and value.isdigit() and 0 < int(value) <= MAX_ID


def id_filters(queryset: QuerySet[Any], request: Request, mapping: dict[str, str]) -> QuerySet[Any]:
    """Apply ``?name=value`` id filters of the small lists that have no archive query (see ``agenda.archive``)."""
    for param, lookup in mapping.items():
        value = request.query_params.get(param)
        if value in (None, ""):
            continue
        if not is_id(value):
            raise ServiceError(REQUEST_INVALID, details={param: "an integer id is required"})
        queryset = queryset.filter(**{lookup: value})
    return queryset


def archive_list(summary: str, query: type, serializer: Any, description: str = "") -> Any:
    """The schema of an archive list: its query parameters, its page of rows and its errors."""
    return extend_schema(
        summary=summary,
        description=description or (query.__doc__ or "").strip(),
        parameters=[query],
        responses={200: serializer(many=True), **error_responses(400, 404)},
    )


def query_params(*names: str) -> list[OpenApiParameter]:
    return [OpenApiParameter(name, OpenApiTypes.STR, required=False) for name in names]


def answer(serializer_class: type, obj: Any, code: int = status.HTTP_200_OK) -> Response:
    return Response(serializer_class(obj).data, status=code)

"""Shared REST plumbing: one error envelope for every failure, pagination, and Last-Modified on archive reads."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Max, QuerySet
from django.http import HttpResponseBase
from django.utils.http import http_date
from drf_spectacular.utils import OpenApiExample, OpenApiResponse
from rest_framework import exceptions, pagination, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import set_rollback

from core.errors import (
    AUTH_REQUIRED,
    CONFLICT,
    METHOD_NOT_ALLOWED,
    NOT_ACCEPTABLE,
    NOT_FOUND,
    PERMISSION_DENIED,
    REQUEST_INVALID,
    REQUEST_MALFORMED,
    THROTTLED,
    UNSUPPORTED_MEDIA,
    ServiceError,
)
from core.errors import service_error_from as core_service_error_from

_DRF_CODES: list[tuple[type[exceptions.APIException], str]] = [
    (exceptions.ParseError, REQUEST_MALFORMED),
    (exceptions.NotAuthenticated, AUTH_REQUIRED),
    (exceptions.AuthenticationFailed, AUTH_REQUIRED),
    (exceptions.PermissionDenied, PERMISSION_DENIED),
    (exceptions.NotFound, NOT_FOUND),
    (exceptions.MethodNotAllowed, METHOD_NOT_ALLOWED),
    (exceptions.NotAcceptable, NOT_ACCEPTABLE),
    (exceptions.UnsupportedMediaType, UNSUPPORTED_MEDIA),
    (exceptions.ValidationError, REQUEST_INVALID),
]


def service_error_from(exc: Exception) -> ServiceError | None:
    """The ServiceError a framework exception (Django's or DRF's) stands for, or None for an unexpected one."""
    error = core_service_error_from(exc)
    if error is not None:
        return error
    if isinstance(exc, exceptions.Throttled):
        return ServiceError(THROTTLED, wait=int(getattr(exc, "wait", None) or 1))
    if isinstance(exc, exceptions.ValidationError):
        return ServiceError(REQUEST_INVALID, details={"fields": exc.detail})
    for exc_type, code in _DRF_CODES:
        if isinstance(exc, exc_type):
            return ServiceError(code)
    return None


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    error = service_error_from(exc)
    if error is None:
        return None
    set_rollback()
    headers = {}
    wait = getattr(exc, "wait", None) if isinstance(exc, exceptions.Throttled) else None
    if wait:
        headers["Retry-After"] = str(int(wait))
    if error.status == 401:
        headers["WWW-Authenticate"] = 'Session realm="api"'
    return Response({"error": error.as_dict()}, status=error.status, headers=headers)


def request_input(
    serializer_class: type[serializers.Serializer[Any]], request: Request, *, partial: bool = False
) -> dict[str, Any]:
    """The request body validated by ``serializer_class`` (a refusal answers ``request.invalid`` with the fields)."""
    serializer = serializer_class(data=request.data, partial=partial)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class Pagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


class ErrorBodySerializer(serializers.Serializer[Any]):
    code = serializers.CharField(help_text="Stable error code, e.g. council.forbidden")
    message = serializers.CharField(help_text="Message in the request's language")
    messages = serializers.DictField(child=serializers.CharField(), help_text="{vi, en}")
    details = serializers.DictField(required=False)


class ErrorEnvelopeSerializer(serializers.Serializer[Any]):
    """The body of every refused request."""

    error = ErrorBodySerializer()


_STATUS_TEXT = {
    400: "Bad input (request.invalid, request.malformed, ...)",
    401: "Not logged in (auth.required)",
    403: "Not allowed (permission.denied, council.forbidden, ...)",
    404: "Not found (not_found)",
    409: "Conflicts with the current state",
    410: "Gone (expired, used or revoked)",
    429: "Throttled",
}


_EXAMPLE_ERRORS: dict[int, ServiceError | str] = {
    400: ServiceError(
        REQUEST_INVALID, details={"fields": {"ordering": ["one of: date, number, title (with '-' to reverse)"]}}
    ),
    401: ServiceError(AUTH_REQUIRED),
    403: ServiceError(PERMISSION_DENIED),
    404: ServiceError(NOT_FOUND),
    409: ServiceError(CONFLICT),
    410: "login_token.expired",  # declared by sessions_app, registered by the time the schema is built
    429: ServiceError(THROTTLED, wait=30),
}


def error_example(status: int) -> OpenApiExample:
    """An example error envelope for the status, with the real code and texts of the error catalogue."""
    example = _EXAMPLE_ERRORS[status]
    error = ServiceError(example) if isinstance(example, str) else example
    return OpenApiExample(
        f"error_{status}",
        summary=f"{error.code} ({status})",
        value={"error": error.as_dict("vi")},
        response_only=True,
        status_codes=[str(status)],
    )


def error_responses(*statuses: int) -> dict[int, OpenApiResponse]:
    """OpenAPI responses documenting the error envelope for the given statuses, for ``extend_schema``."""
    return {
        status: OpenApiResponse(
            ErrorEnvelopeSerializer, description=_STATUS_TEXT[status], examples=[error_example(status)]
        )
        for status in statuses
    }


def latest_update(rows: QuerySet[Any]) -> datetime.datetime | None:
    """The newest ``updated_at`` of the rows (already restricted to what the reader may see), None if none."""
    latest: datetime.datetime | None = rows.order_by().aggregate(latest=Max("updated_at"))["latest"]
    return latest


def with_last_modified(response: HttpResponseBase, modified: datetime.datetime | None) -> HttpResponseBase:
    """Answer ``Last-Modified`` on a successful read. Django's ConditionalGetMiddleware then turns a matching
    If-Modified-Since into a 304 (an If-None-Match, when sent, still takes precedence, and the ETag stays)."""
    if modified is not None and response.status_code == 200:
        response["Last-Modified"] = http_date(modified.timestamp())
    return response


class LastModifiedMixin:
    # For generic viewsets over a model with ``updated_at``: ``Last-Modified`` on the list (the newest row of
    # the filtered queryset, over the whole result and not only the page) and on the detail (the row's own).
    # (A comment, not a docstring: drf-spectacular would publish a base class's docstring as the description
    # of every operation of the viewsets that have none.)

    def list(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = super().list(request, *args, **kwargs)  # type: ignore[misc]
        rows = self.filter_queryset(self.get_queryset())  # type: ignore[attr-defined]
        return with_last_modified(response, latest_update(rows))

    def retrieve(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:
        instance = self.get_object()  # type: ignore[attr-defined]
        response = Response(self.get_serializer(instance).data)  # type: ignore[attr-defined]
        return with_last_modified(response, instance.updated_at)

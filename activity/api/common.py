"""What the activity app's REST views share: query parsing, the statistics period, answers and refusals."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from activity.periods import Period, period_parse
from activity.serializers.common import PeriodQuery
from core.api import error_responses
from core.errors import NOT_FOUND, ServiceError
from core.writes import Write, write_view
from sessions_app.models import Council

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PERIOD_KEYS = ("year", "half", "start", "end")
WRITE_ERRORS = error_responses(400, 401, 403, 404)
STATE_ERRORS = error_responses(400, 401, 403, 404, 409)
WRITE_CODES = (400, 401, 403, 404)
STATE_CODES = (400, 401, 403, 404, 409)


def query_of(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    query = serializer_class(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data


def period_of(request: Request, *, required: bool) -> Period | None:
    """The period of ``year``/``half`` or ``start``/``end`` (type-checked by ``PeriodQuery`` first); without
    any of them, this year when ``required``, else no period at all."""
    query_of(PeriodQuery, request)
    if not required and not any(request.query_params.get(key) for key in PERIOD_KEYS):
        return None
    return period_parse(request.query_params, default_year=timezone.localdate().year)


def within_period(rows: QuerySet[Any], request: Request, field: str) -> QuerySet[Any]:
    """The rows whose ``field`` falls in the request's period, when it names one."""
    period = period_of(request, required=False)
    return rows if period is None else rows.filter(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


def ok(serializer_class: type[serializers.Serializer], obj: Any, code: int = status.HTTP_200_OK) -> Response:
    return Response(serializer_class(obj).data, status=code)


def council_or_404(pk: int) -> Council:
    council = Council.objects.filter(pk=pk).first()
    if council is None:
        raise ServiceError(NOT_FOUND)
    return council


# Viewset methods serving a declared write (``core.writes.write_view``) on the URL's object, as the viewset sees it.


def this_object(view: Any, pk: str) -> Any:
    return view.get_object()


def create_view(write: Write, response: Any, summary: str, errors: tuple[int, ...] = STATE_CODES) -> Any:
    return write_view(write, response, name="create", created=True, summary=summary, errors=errors)


def update_view(write: Write, response: Any, summary: str, errors: tuple[int, ...] = STATE_CODES) -> Any:
    return write_view(write, response, name="partial_update", lookup=this_object, summary=summary, errors=errors)


def destroy_view(write: Write, summary: str) -> Any:
    return write_view(write, None, name="destroy", lookup=this_object, summary=summary)


def action_view(write: Write, response: Any, name: str, summary: str, created: bool = False) -> Any:
    """An extra action (POST ``<id>/<name>/``)."""
    route = {"detail": True, "methods": ["post"], "url_path": name}
    return write_view(write, response, name=name, lookup=this_object, route=route, created=created, summary=summary)

"""Query parameters shared by the archive lists: a date range, a year, ordering among named fields, and
search that ignores Vietnamese diacritics. Each list declares a subclass of :class:`ArchiveQuery` (its own
filters, ``ORDERING``); validating it refuses bad input with ``request.invalid`` and field details, and the
same class documents the parameters in the OpenAPI schema."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, ClassVar

from django.db.models import Q, QuerySet
from rest_framework import serializers
from rest_framework.request import Request

from sessions_app.models import CouncilLevel, MembershipRole, SessionStatus, SessionType, SittingStatus
from sessions_app.seats import seats_held
from sessions_app.text import text_matches

MAX_ID = 2**63 - 1


def IdField(help_text: str) -> serializers.IntegerField:  # noqa: N802  (a field factory, named like a field)
    return serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID, help_text=help_text)


def ChoiceFilter(choices: Iterable[tuple[str, Any]], help_text: str) -> serializers.ChoiceField:  # noqa: N802
    """An optional filter on one of ``choices``; an unknown value is refused naming the accepted ones."""
    choices = list(choices)
    accepted = ", ".join(value for value, _label in choices)
    return serializers.ChoiceField(
        required=False,
        choices=choices,
        help_text=help_text,
        error_messages={"invalid_choice": f'"{{input}}" is not one of: {accepted}'},
    )


class ArchiveQuery(serializers.Serializer):
    search = serializers.CharField(
        required=False,
        max_length=200,
        help_text="Words to find, diacritics and case ignored: 'ngan sach' finds 'Ngân sách'",
    )
    year = serializers.IntegerField(required=False, min_value=1945, max_value=2100)
    date_from = serializers.DateField(required=False, help_text="From this day (YYYY-MM-DD), inclusive")
    date_to = serializers.DateField(required=False, help_text="Up to this day (YYYY-MM-DD), inclusive")
    ordering = serializers.CharField(required=False, help_text="A field name, '-' first for descending")

    ORDERING: ClassVar[dict[str, str]] = {}

    def validate_ordering(self, value: str) -> str:
        if value.lstrip("-") not in self.ORDERING:
            raise serializers.ValidationError(f"one of: {', '.join(sorted(self.ORDERING))} (with '-' to reverse)")
        return value

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise serializers.ValidationError({"date_to": "not before date_from"})
        return data


def archive_query(query_class: type[ArchiveQuery], request: Request) -> dict[str, Any]:
    query = query_class(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data


def archive_dates(
    rows: QuerySet, query: dict[str, Any], *, date_field: str | None = None, date_span: tuple[str, str] | None = None
) -> QuerySet:
    """Year and date range, on one day (``date_field``) or on a period (``date_span`` = its first and last
    day fields; a null last day means still running) that must overlap the year and the range."""
    if date_field is not None:
        if "year" in query:
            rows = rows.filter(**{f"{date_field}__year": query["year"]})
        if "date_from" in query:
            rows = rows.filter(**{f"{date_field}__gte": query["date_from"]})
        if "date_to" in query:
            rows = rows.filter(**{f"{date_field}__lte": query["date_to"]})
    if date_span is not None:
        start, end = date_span
        if "year" in query:
            first, last = dt.date(query["year"], 1, 1), dt.date(query["year"], 12, 31)
            rows = rows.filter(
                Q(**{f"{start}__lte": last}) & (Q(**{f"{end}__gte": first}) | Q(**{f"{end}__isnull": True}))
            )
        if "date_from" in query:
            rows = rows.filter(Q(**{f"{end}__gte": query["date_from"]}) | Q(**{f"{end}__isnull": True}))
        if "date_to" in query:
            rows = rows.filter(**{f"{start}__lte": query["date_to"]})
    return rows


def archive_filter(
    rows: QuerySet,
    query: dict[str, Any],
    *,
    search_fields: list[str],
    ordering: dict[str, str],
    default_order: list[str],
    date_field: str | None = None,
    date_span: tuple[str, str] | None = None,
    lookups: dict[str, str] | None = None,
) -> QuerySet:
    """Equality filters (``lookups``: query parameter → ORM lookup, applied when given), year, date range,
    diacritics-insensitive search and ordering. Search folds in Python over the candidate rows' text
    (SQLite has no unaccent; an archive holds thousands of rows, not millions)."""
    rows = rows.filter(**{lookup: query[name] for name, lookup in (lookups or {}).items() if name in query})
    rows = archive_dates(rows, query, date_field=date_field, date_span=date_span)
    if query.get("search", "").strip():
        found = [row[0] for row in rows.values_list("pk", *search_fields) if text_matches(query["search"], *row[1:])]
        rows = rows.filter(pk__in=found)
    if "ordering" in query:
        name = query["ordering"]
        field = ordering[name.lstrip("-")]
        return rows.order_by(f"-{field}" if name.startswith("-") else field, "pk")
    return rows.order_by(*default_order)


class SessionScopedQuery(ArchiveQuery):
    """Filters of the rows that belong to a session: the session, its council, level, term and type."""

    council = IdField("Only this council")
    level = ChoiceFilter(CouncilLevel.choices, "Only councils of this level")
    term = IdField("Only this term")
    session = IdField("Only this session")
    session_type = ChoiceFilter(SessionType.choices, "Only sessions of this type")


def session_scope_lookups(path: str) -> dict[str, str]:
    """The ORM lookups of :class:`SessionScopedQuery` for rows reaching their session through ``path``."""
    return {
        "council": f"{path}__council_id",
        "level": f"{path}__council__level",
        "term": f"{path}__term_id",
        "session": f"{path}_id",
        "session_type": f"{path}__type",
    }


class CouncilQuery(ArchiveQuery):
    year = None  # a council has no date
    date_from = None
    date_to = None
    level = ChoiceFilter(CouncilLevel.choices, "Only councils of this level")
    parent = IdField("Only councils directly under this one")

    ORDERING = {"name": "name", "level": "level", "code": "code"}


def councils_filter(rows: QuerySet, query: dict[str, Any]) -> QuerySet:
    return archive_filter(
        rows,
        query,
        lookups={"level": "level", "parent": "parent_id"},
        search_fields=["name", "short_name", "place_name", "code"],
        ordering=CouncilQuery.ORDERING,
        default_order=["pk"],
    )


class TermQuery(ArchiveQuery):
    """``year`` and the date range select the terms running at some point of them."""

    council = IdField("Only this council")
    level = ChoiceFilter(CouncilLevel.choices, "Only councils of this level")

    ORDERING = {"start_date": "start_date", "council": "council__name", "label": "label"}


def terms_filter(rows: QuerySet, query: dict[str, Any]) -> QuerySet:
    return archive_filter(
        rows,
        query,
        lookups={"council": "council_id", "level": "council__level"},
        date_span=("start_date", "end_date"),
        search_fields=["label", "ordinal", "council__name"],
        ordering=TermQuery.ORDERING,
        default_order=["council_id", "-start_date", "pk"],
    )


class PersonQuery(ArchiveQuery):
    """``year``, the date range and ``on`` select the people holding a seat at some point of them; search
    looks in public fields only (name, occupation, ethnicity)."""

    council = IdField("Only people with a seat in this council")
    term = IdField("Only people with a seat in this term")
    level = ChoiceFilter(CouncilLevel.choices, "Only people with a seat in a council of this level")
    role = ChoiceFilter(MembershipRole.choices, "Only people holding this office")
    on = serializers.DateField(required=False, help_text="Seat in force on this day (YYYY-MM-DD)")

    ORDERING = {"full_name": "full_name", "birth_year": "birth_year"}


def seats_filter(seats: QuerySet, query: dict[str, Any]) -> QuerySet:
    """The memberships (seats) matching a :class:`PersonQuery`."""
    lookups = {"council": "council_id", "term": "term_id", "level": "council__level", "role": "role"}
    seats = seats.filter(**{lookup: query[name] for name, lookup in lookups.items() if name in query})
    if "on" in query:
        seats = seats_held(seats, first=query["on"], last=query["on"])
    return archive_dates(seats, query, date_span=("start_date", "end_date"))


def people_filter(rows: QuerySet, query: dict[str, Any]) -> QuerySet:
    """Search and ordering of people (their seats filtered by :func:`seats_filter` beforehand)."""
    return archive_filter(
        rows,
        query,
        search_fields=["full_name", "occupation", "ethnicity"],
        ordering=PersonQuery.ORDERING,
        default_order=["full_name", "pk"],
    )


class SessionQuery(ArchiveQuery):
    council = IdField("Only this council")
    term = IdField("Only this term")
    level = ChoiceFilter(CouncilLevel.choices, "Only councils of this level")
    type = ChoiceFilter(SessionType.choices, "Only sessions of this type")
    status = ChoiceFilter(SessionStatus.choices, "Only sessions in this status")

    ORDERING = {"start_date": "start_date", "number": "number", "title": "title", "council": "council__name"}


def sessions_filter(rows: QuerySet, query: dict[str, Any]) -> QuerySet:
    lookups = {
        "council": "council_id",
        "term": "term_id",
        "level": "council__level",
        "type": "type",
        "status": "status",
    }
    return archive_filter(
        rows,
        query,
        lookups=lookups,
        date_field="start_date",
        search_fields=["title", "venue", "council__name"],
        ordering=SessionQuery.ORDERING,
        default_order=["-start_date", "-number", "pk"],
    )


class SittingQuery(SessionScopedQuery):
    """``year`` and the date range apply to the sitting's day."""

    status = ChoiceFilter(SittingStatus.choices, "Only sittings in this status")
    closed_door = serializers.BooleanField(
        required=False, allow_null=True, help_text="Only closed-door (true) or open (false) sittings"
    )

    ORDERING = {"date": "date", "number": "number"}


def sittings_filter(rows: QuerySet, query: dict[str, Any]) -> QuerySet:
    lookups = {**session_scope_lookups("session"), "status": "status"}
    if query.get("closed_door") is not None:
        rows = rows.filter(is_closed_door=query["closed_door"])
    return archive_filter(
        rows,
        query,
        lookups=lookups,
        date_field="date",
        search_fields=["title", "session__title"],
        ordering=SittingQuery.ORDERING,
        default_order=["-date", "-start_time", "pk"],
    )

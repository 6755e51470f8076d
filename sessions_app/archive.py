"""Query parameters shared by the archive lists: a date range, a year, ordering among named fields, and
search that ignores Vietnamese diacritics. Each list declares a subclass of :class:`ArchiveQuery` (its own
filters, ``ORDERING``); validating it refuses bad input with ``request.invalid`` and field details, and the
same class documents the parameters in the OpenAPI schema."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import QuerySet
from rest_framework import serializers
from rest_framework.request import Request

from sessions_app.models import CouncilLevel, SessionStatus, SessionType
from sessions_app.text import text_matches

MAX_ID = 2**63 - 1


def IdField(help_text: str) -> serializers.IntegerField:  # noqa: N802  (a field factory, named like a field)
    return serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID, help_text=help_text)


class ArchiveQuery(serializers.Serializer):
    search = serializers.CharField(required=False, max_length=200,
                                   help_text="Words to find, diacritics and case ignored: 'ngan sach' finds 'Ngân sách'")
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


def archive_filter(rows: QuerySet, query: dict[str, Any], *, date_field: str, search_fields: list[str],
                   ordering: dict[str, str], default_order: list[str]) -> QuerySet:
    """Year, date range, diacritics-insensitive search and ordering. Search folds in Python over the
    candidate rows' text (SQLite has no unaccent; an archive holds thousands of rows, not millions)."""
    if "year" in query:
        rows = rows.filter(**{f"{date_field}__year": query["year"]})
    if "date_from" in query:
        rows = rows.filter(**{f"{date_field}__gte": query["date_from"]})
    if "date_to" in query:
        rows = rows.filter(**{f"{date_field}__lte": query["date_to"]})
    if query.get("search", "").strip():
        found = [row[0] for row in rows.values_list("pk", *search_fields) if text_matches(query["search"], *row[1:])]
        rows = rows.filter(pk__in=found)
    if "ordering" in query:
        name = query["ordering"]
        field = ordering[name.lstrip("-")]
        return rows.order_by(f"-{field}" if name.startswith("-") else field, "pk")
    return rows.order_by(*default_order)


class SessionQuery(ArchiveQuery):
    council = IdField("Only this council")
    term = IdField("Only this term")
    level = serializers.ChoiceField(required=False, choices=CouncilLevel.choices)
    type = serializers.ChoiceField(required=False, choices=SessionType.choices)
    status = serializers.ChoiceField(required=False, choices=SessionStatus.choices)

    ORDERING = {"start_date": "start_date", "number": "number", "title": "title", "council": "council__name"}


def sessions_filter(rows: QuerySet, query: dict[str, Any]) -> QuerySet:
    lookups = {"council": "council_id", "term": "term_id", "level": "council__level", "type": "type", "status": "status"}
    rows = rows.filter(**{lookup: query[name] for name, lookup in lookups.items() if name in query})
    return archive_filter(rows, query, date_field="start_date", search_fields=["title", "venue", "council__name"],
                          ordering=SessionQuery.ORDERING, default_order=["-start_date", "-number", "pk"])

"""Archive queries of resolutions (council, session, level, term, session type, status, kind, category, year and
date range of the adoption — the adopting sitting's date —, diacritics-insensitive search in number, title and
text, ordering) and of polls (the same
scope filters, status, kind, method, sitting and agenda item; dates of the sitting; search in title and
description)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers

from sessions_app.archive import (
    ArchiveQuery,
    ChoiceFilter,
    IdField,
    SessionScopedQuery,
    archive_filter,
    session_scope_lookups,
)
from sessions_app.models import CouncilLevel, SessionType
from voting.models import PollKind, PollMethod, PollStatus, ResolutionKind, ResolutionStatus


class ResolutionQuery(ArchiveQuery):
    council = IdField("Only this council")
    session = IdField("Only this session")
    level = ChoiceFilter(CouncilLevel.choices, "Only councils of this level")
    term = IdField("Only this term")
    session_type = ChoiceFilter(SessionType.choices, "Only sessions of this type")
    status = ChoiceFilter(ResolutionStatus.choices, "Only resolutions in this status")
    kind = ChoiceFilter(ResolutionKind.choices, "Only ordinary or only normative resolutions")
    category = serializers.SlugField(
        required=False, max_length=32, help_text="Only this category (code of /api/resolution-categories/)"
    )

    ORDERING = {
        "number": "serial",
        "date": "adopted_on",
        "decided_at": "decided_at",
        "published_at": "published_at",
        "title": "title",
    }


def resolutions_filter(rows: QuerySet, query: dict[str, Any]) -> QuerySet:
    lookups = {
        "council": "council_id",
        "session": "session_id",
        "level": "council__level",
        "status": "status",
        "term": "session__term_id",
        "session_type": "session__type",
        "kind": "kind",
        "category": "category__code",
    }
    return archive_filter(
        rows,
        query,
        lookups=lookups,
        date_field="adopted_on",
        search_fields=["number", "title", "text"],
        ordering=ResolutionQuery.ORDERING,
        default_order=["-pk"],
    )


class PollQuery(SessionScopedQuery):
    """``year`` and the date range apply to the day of the poll's sitting."""

    sitting = IdField("Only this sitting")
    item = IdField("Only polls on this agenda item")
    status = ChoiceFilter(PollStatus.choices, "Only polls in this status")
    kind = ChoiceFilter(PollKind.choices, "Only polls of this kind")
    method = ChoiceFilter(PollMethod.choices, "Only polls voted this way")

    ORDERING = {"date": "sitting__date", "opened_at": "opened_at", "closed_at": "closed_at", "title": "title"}


def polls_filter(rows: QuerySet, query: dict[str, Any]) -> QuerySet:
    lookups = {
        **session_scope_lookups("session"),
        "council": "council_id",
        "sitting": "sitting_id",
        "item": "agenda_item_id",
        "status": "status",
        "kind": "kind",
        "method": "method",
    }
    return archive_filter(
        rows,
        query,
        lookups=lookups,
        date_field="sitting__date",
        search_fields=["title", "description"],
        ordering=PollQuery.ORDERING,
        default_order=["-pk"],
    )

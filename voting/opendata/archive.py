"""Archive query of resolutions: council, session, level, status, year and date range (of the decision),
diacritics-insensitive search in number, title and text, ordering."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers

from sessions_app.archive import ArchiveQuery, IdField, archive_filter
from sessions_app.models import CouncilLevel
from voting.models import ResolutionStatus


class ResolutionQuery(ArchiveQuery):
    council = IdField("Only this council")
    session = IdField("Only this session")
    level = serializers.ChoiceField(required=False, choices=CouncilLevel.choices)
    status = serializers.ChoiceField(required=False, choices=ResolutionStatus.choices)

    ORDERING = {"number": "number", "decided_at": "decided_at", "published_at": "published_at", "title": "title"}


def resolutions_filter(rows: QuerySet, query: dict[str, Any]) -> QuerySet:
    lookups = {"council": "council_id", "session": "session_id", "level": "council__level", "status": "status"}
    rows = rows.filter(**{lookup: query[name] for name, lookup in lookups.items() if name in query})
    return archive_filter(rows, query, date_field="decided_at__date", search_fields=["number", "title", "text"],
                          ordering=ResolutionQuery.ORDERING, default_order=["-pk"])

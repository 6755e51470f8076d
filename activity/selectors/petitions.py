"""Reads of voter petitions: the one filter every list uses (REST, open data, the public lookup, the console),
and the status counts per session ("109/139 kiến nghị đã giải quyết, đạt 78,42%"), counted from the same rows
the lists show, so each figure equals the count of its list with the same filters."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Count, Q, QuerySet

from activity.models import PetitionStatus, SessionPhase, VoterPetition
from activity.selectors.statistics import petition_ratio
from core.numbers import percent
from sessions_app.models import Session
from sessions_app.text import text_fold

CODE = re.compile(r"^\s*(?:kn\s*[-/ ]?\s*)?(\d{4})\s*[-/]\s*0*(\d{1,9})\s*$", re.IGNORECASE)
NUMBER = re.compile(r"^\s*0*(\d{1,9})\s*$")
SEARCH_WORDS_MAX = 12

# query parameter → ORM lookup, applied when given
LOOKUPS = {
    "council": "council_id",
    "session": "session_id",
    "session_phase": "session_phase",
    "agency": "agency_id",
    "status": "status",
    "field": "field",
    "authority_level": "authority_level",
    "meeting": "meeting_id",
}


def petition_code_q(text: str) -> Q | None:
    """A code ("KN-2026-0012", "2026/12") or a bare number ("12", any year); None when ``text`` is neither."""
    match = CODE.match(text)
    if match:
        return Q(year=int(match.group(1)), number=int(match.group(2)))
    match = NUMBER.match(text)
    if match:
        return Q(number=int(match.group(1)))
    return None


def petitions_filter(rows: QuerySet[VoterPetition], query: dict[str, Any]) -> QuerySet[VoterPetition]:
    """Equality filters, the code, and words searched in the folded text (diacritics and case ignored), each a
    condition in the database: the cost is bounded by the query's size, not by Python over the rows."""
    rows = rows.filter(**{lookup: query[name] for name, lookup in LOOKUPS.items() if query.get(name) not in (None, "")})
    code = (query.get("code") or "").strip()
    if code:
        condition = petition_code_q(code)
        rows = rows.filter(condition) if condition is not None else rows.none()
    for word in text_fold(query.get("search") or "").split()[:SEARCH_WORDS_MAX]:
        rows = rows.filter(search_text__contains=word)
    return rows


def petition_summary(rows: QuerySet[VoterPetition]) -> dict[str, Any]:
    """Status counts of the rows, with the share resolved and the reports' sentence."""
    counts = dict(rows.order_by().values_list("status").annotate(n=Count("id")))
    total = sum(counts.values())
    resolved = counts.get(PetitionStatus.RESOLVED, 0)
    return {
        "total": total,
        **{status: counts.get(status, 0) for status in PetitionStatus.values},
        "resolved_percent": percent(resolved, total),
        "wording": petition_ratio(resolved, total),
    }


def session_petition_statistics(*, session: Session) -> dict[str, Any]:
    """The petitions collected for a session: all of them, before and after it, and per answering agency."""
    rows = VoterPetition.objects.filter(session=session)
    agencies = (
        rows.order_by()
        .values("agency_id", "agency__name")
        .annotate(
            total=Count("id"),
            resolved=Count("id", filter=Q(status=PetitionStatus.RESOLVED)),
            explained=Count("id", filter=Q(status=PetitionStatus.EXPLAINED)),
        )
        .order_by("agency__name")
    )
    return {
        "session": session.pk,
        "council": session.council_id,
        "title": session.title,
        **petition_summary(rows),
        "phases": {phase: petition_summary(rows.filter(session_phase=phase)) for phase in SessionPhase.values},
        "agencies": [
            {
                "agency": row["agency_id"],
                "name": row["agency__name"] or "",
                "total": row["total"],
                "resolved": row["resolved"],
                "explained": row["explained"],
            }
            for row in agencies
        ],
    }


def council_petition_sessions(*, council_id: int) -> list[dict[str, Any]]:
    """Per session of the council (newest first), the petitions collected for it and how many are resolved; the
    petitions linked to no session come last (``session`` None)."""
    counts = {
        row["session_id"]: row
        for row in VoterPetition.objects.filter(council_id=council_id)
        .order_by()
        .values("session_id")
        .annotate(total=Count("id"), resolved=Count("id", filter=Q(status=PetitionStatus.RESOLVED)))
    }
    rows = []
    for session in Session.objects.filter(council_id=council_id).order_by("-start_date", "-pk"):
        row = counts.get(session.pk, {"total": 0, "resolved": 0})
        rows.append({"session": session, **_ratio(row["total"], row["resolved"])})
    loose = counts.get(None)
    if loose:
        rows.append({"session": None, **_ratio(loose["total"], loose["resolved"])})
    return rows


def _ratio(total: int, resolved: int) -> dict[str, Any]:
    return {"total": total, "resolved": resolved, "wording": petition_ratio(resolved, total)}

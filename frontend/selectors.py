"""Read-only queries of the public portal and the print views (over other apps' models; writes stay in
their services)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from agenda.selectors.documents import documents_state
from sessions_app.models import Council, Session, SessionStatus
from voting.models import Poll, PollStatus, Resolution, ResolutionStatus

from sessions_app.text import text_matches


def public_sessions() -> QuerySet[Session]:
    return Session.objects.filter(is_public=True).select_related("council", "term")


def portal_home() -> dict[str, Any]:
    """Councils, and the public sessions that are live or coming."""
    sessions = public_sessions()
    return {
        "councils": Council.objects.order_by("level", "name"),
        "live": sessions.filter(status=SessionStatus.IN_PROGRESS).order_by("start_date"),
        "upcoming": sessions.filter(status=SessionStatus.PLANNED).order_by("start_date")[:10],
    }


def published_resolutions() -> QuerySet[Resolution]:
    return Resolution.objects.filter(status=ResolutionStatus.PUBLISHED, session__is_public=True).select_related(
        "council", "session", "poll"
    )


def archive_search(*, query: str = "", council_id: int | None = None, year: int | None = None) -> dict[str, list]:
    """Sessions and published resolutions matching the filters; ``query`` ignores diacritics and case
    (folded in Python: an archive of a few thousand rows per council)."""
    sessions = public_sessions()
    resolutions = published_resolutions()
    if council_id is not None:
        sessions = sessions.filter(council_id=council_id)
        resolutions = resolutions.filter(council_id=council_id)
    if year is not None:
        sessions = sessions.filter(start_date__year=year)
        resolutions = resolutions.filter(session__start_date__year=year)
    session_rows = [s for s in sessions.order_by("-start_date") if text_matches(query, s.title, s.council.name, s.venue)]
    resolution_rows = [
        r for r in resolutions.order_by("-published_at")
        if text_matches(query, r.number, r.title, r.text, r.council.name)
    ]
    return {"sessions": session_rows, "resolutions": resolution_rows}


def archive_years() -> list[int]:
    return sorted({d.year for d in public_sessions().dates("start_date", "year")}, reverse=True)


def session_poll_results(*, session: Session) -> list[Poll]:
    """Polls with a stored result, in order (for the result sheet and the minutes)."""
    return list(
        Poll.objects.filter(session=session, status__in=[PollStatus.CLOSED, PollStatus.PUBLISHED])
        .select_related("sitting", "agenda_item").order_by("closed_at", "pk")
    )


def resolution_documents(*, resolution: Resolution) -> list[dict[str, Any]]:
    """Public documents of the agenda item the resolution was voted under."""
    item_id = resolution.poll.agenda_item_id if resolution.poll is not None else None
    if item_id is None:
        return []
    states = documents_state(session=resolution.session, audience="public").values()
    return [d for d in states if d["item"] == item_id and d["latest"]]

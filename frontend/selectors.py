"""Read-only queries of the public portal and the print views (over other apps' models; writes stay in
their services)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from agenda.models import QuestionStatus, SpeechKind
from agenda.selectors.documents import documents_state
from agenda.selectors.items import agenda_tree
from agenda.selectors.questioning import questioning_state
from agenda.selectors.speakers import speakers_state
from sessions_app.models import Council, Membership, Session, SessionStatus
from sessions_app.seats import seats_held
from sessions_app.selectors import sitting_attendance_summary
from sessions_app.text import text_matches
from voting.models import Poll, PollStatus, Resolution, ResolutionStatus
from voting.wording import result_wording


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
    session_rows = [
        s for s in sessions.order_by("-start_date") if text_matches(query, s.title, s.council.name, s.venue)
    ]
    resolution_rows = [
        r
        for r in resolutions.order_by("-published_at")
        if text_matches(query, r.number, r.title, r.text, r.council.name)
    ]
    return {"sessions": session_rows, "resolutions": resolution_rows}


def archive_years() -> list[int]:
    return sorted({d.year for d in public_sessions().dates("start_date", "year")}, reverse=True)


def session_poll_results(*, session: Session) -> list[Poll]:
    """Polls with a stored result, in order (for the result sheet and the minutes)."""
    return list(
        Poll.objects.filter(session=session, status__in=[PollStatus.CLOSED, PollStatus.PUBLISHED])
        .select_related("sitting", "agenda_item")
        .order_by("closed_at", "pk")
    )


def resolution_documents(*, resolution: Resolution) -> list[dict[str, Any]]:
    """Public documents of the agenda item the resolution was voted under."""
    item_id = resolution.poll.agenda_item_id if resolution.poll is not None else None
    if item_id is None:
        return []
    states = documents_state(session=resolution.session, audience="public").values()
    return [d for d in states if d["item"] == item_id and d["latest"]]


# Questions that reached the floor (answered live) or were sent to be answered in writing.
MINUTES_QUESTION_STATUSES = {QuestionStatus.ASKED, QuestionStatus.ANSWERED, QuestionStatus.WRITTEN}


def mm_ss(milliseconds: int) -> str:
    """Time spoken as the minutes write it: 04:05 (minutes are not capped at 59)."""
    seconds = (milliseconds + 500) // 1000
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _datetime(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _minutes_poll(poll: Poll) -> dict[str, Any]:
    # The stored result carries the wording announced in the hall; result_wording rebuilds it for a result
    # stored without one.
    return {"poll": poll, "wording": poll.result.get("wording") or result_wording(poll.result)}


def minutes_draft(*, session: Session) -> dict[str, Any]:
    """What the draft minutes record, per sitting and agenda item: finished speeches (kind, time spoken), the
    questions asked (live, or to be answered in writing with the due date), the promises recorded and the vote
    results in the official wording. An internal document of the secretariat: read with the council audience,
    closed-door sittings included. Questions and promises not tied (through their topic) to an item of a sitting,
    and polls not tied to an item of their sitting, are listed under the session or the sitting."""
    tree = agenda_tree(session=session)
    speeches = speakers_state(session=session, audience="council")
    questioning = questioning_state(session=session, audience="council")
    topic_item = {int(key): topic["item"] for key, topic in questioning["topics"].items()}

    items: dict[int, dict[str, Any]] = {
        node.item.pk: {"node": node, "speeches": [], "questions": [], "promises": [], "polls": []} for node in tree
    }
    loose: dict[str, list] = {"questions": [], "promises": []}

    for item_id, state in speeches.items():
        items[int(item_id)]["speeches"] = [
            {
                "name": s["person"]["name"],
                "kind": SpeechKind(s["kind"]).label,
                "spoken": mm_ss(s["clock"]["elapsed_ms"]),
            }
            for s in state["done"]
        ]

    question_item: dict[int, int | None] = {}
    for q in sorted(questioning["questions"].values(), key=lambda q: (q["position"], q["id"])):
        item_id = topic_item.get(q["topic"]) if q["topic"] is not None else None
        question_item[q["id"]] = item_id
        if q["status"] not in MINUTES_QUESTION_STATUSES:
            continue
        row = {
            "asker": q["asker"]["name"],
            "respondent": q["respondent"],
            "text": q["text"],
            "status": QuestionStatus(q["status"]).label,
            "live": q["status"] != QuestionStatus.WRITTEN,
            "written_due": _date(q["written_due"]),
            "written_answered_at": _datetime(q["written_answered_at"]),
        }
        (items[item_id]["questions"] if item_id in items else loose["questions"]).append(row)

    for p in sorted(questioning["promises"].values(), key=lambda p: (p["due_date"], p["id"])):
        item_id = question_item.get(p["question"]) if p["question"] is not None else None
        row = {"official": p["official"], "content": p["content"], "due_date": _date(p["due_date"])}
        (items[item_id]["promises"] if item_id in items else loose["promises"]).append(row)

    sitting_polls: dict[int, list] = {}
    for poll in session_poll_results(session=session):
        item = items.get(poll.agenda_item_id)
        if item is not None and item["node"].item.sitting_id == poll.sitting_id:
            item["polls"].append(_minutes_poll(poll))
        else:
            sitting_polls.setdefault(poll.sitting_id, []).append(_minutes_poll(poll))

    sittings = [
        {
            "sitting": s,
            "summary": sitting_attendance_summary(sitting=s),
            "items": [row for row in items.values() if row["node"].item.sitting_id == s.pk],
            "polls": sitting_polls.get(s.pk, []),
        }
        for s in session.sittings.order_by("number")
    ]
    # Last, without a sitting: items not scheduled in one that have something to record, then the questions and
    # promises not tied to an item (entry without "node").
    rest = [
        row
        for row in items.values()
        if row["node"].item.sitting_id is None and (row["speeches"] or row["questions"] or row["promises"])
    ]
    if loose["questions"] or loose["promises"]:
        rest.append({"node": None, "speeches": [], "polls": [], **loose})
    if rest:
        sittings.append({"sitting": None, "summary": None, "items": rest, "polls": []})
    return {"sittings": sittings}


def tablet_session_for(*, user: Any) -> Session | None:
    """The session whose tablet a delegate should land on after logging in: one under way in a council where
    they sit as a delegate, else the next planned one; None for anyone who is not a delegate (or has none)."""
    if getattr(user, "person_id", None) is None:
        return None
    today = timezone.localdate()
    councils = seats_held(Membership.objects.filter(person_id=user.person_id), first=today, last=today).values_list(
        "council_id", flat=True
    )
    candidates = Session.objects.filter(council_id__in=list(councils)).exclude(status=SessionStatus.CLOSED)
    return (
        candidates.filter(status=SessionStatus.IN_PROGRESS).order_by("-start_date", "-pk").first()
        or candidates.order_by("start_date", "pk").first()
    )

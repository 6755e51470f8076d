"""Reads about councils, delegates, sessions and attendance, and the session's own snapshot parts."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from core.errors import ServiceError
from core.names import sorted_by_name
from realtime.registry import Audience, personal_part, snapshot_part
from sessions_app import errors as session_errors
from sessions_app.models import Attendance, AttendanceStatus, CouncilRole, Membership, Session, Sitting, Term
from sessions_app.permissions import can_read_council_private, is_administrator, is_authenticated
from sessions_app.seats import seats_held


def memberships_in_force(*, council_id: int, on: dt.date) -> QuerySet[Membership]:
    """Seats held on ``on``: the delegates of the council that day (vacancies excluded)."""
    return seats_held(Membership.objects.filter(council_id=council_id), first=on, last=on)


def membership_conflict(
    *,
    council_id: int,
    term: Term,
    person_id: int,
    seat: int,
    start_date: dt.date,
    end_date: dt.date | None,
    exclude_pk: int | None = None,
) -> ServiceError | None:
    """Why a seat from ``start_date`` to ``end_date`` (open = end of term) cannot be given, or None: the
    person already holds a seat then, or the seat is someone else's then."""
    last_day = end_date or term.end_date
    overlapping = seats_held(Membership.objects.filter(council_id=council_id), first=start_date, last=last_day).exclude(
        pk=exclude_pk
    )
    holder = overlapping.filter(person_id=person_id).select_related("person").first()
    if holder is not None:
        return ServiceError(session_errors.MEMBERSHIP_OVERLAP, person=holder.person.full_name)
    if overlapping.filter(seat=seat).exists():
        return ServiceError(session_errors.MEMBERSHIP_SEAT_TAKEN, seat=seat)
    return None


def delegates_total(*, council_id: int, on: dt.date) -> int:
    """The total number of delegates on a day: the denominator of every threshold and percentage."""
    return memberships_in_force(council_id=council_id, on=on).count()


def quorum_required(*, total: int) -> int:
    numerator, denominator = settings.NT["QUORUM_NUMERATOR"], settings.NT["QUORUM_DENOMINATOR"]
    return math.ceil(total * numerator / denominator)


def sitting_present_person_ids(*, sitting: Sitting) -> set[int]:
    return set(
        Attendance.objects.filter(
            sitting=sitting, status=AttendanceStatus.PRESENT, checked_out_at__isnull=True
        ).values_list("person_id", flat=True)
    )


def sitting_attendance_summary(*, sitting: Sitting) -> dict[str, Any]:
    """Present/total and quorum, as announced: "77/86 đại biểu có mặt"."""
    total = delegates_total(council_id=sitting.session.council_id, on=sitting.date)
    in_force = set(
        memberships_in_force(council_id=sitting.session.council_id, on=sitting.date).values_list("person_id", flat=True)
    )
    present = len(sitting_present_person_ids(sitting=sitting) & in_force)
    required = quorum_required(total=total)
    return {"present": present, "total": total, "quorum_required": required, "quorum_met": present >= required}


def session_state(*, session: Session) -> dict[str, Any]:
    council = session.council
    return {
        "id": session.pk,
        "title": session.title,
        "number": session.number,
        "type": session.type,
        "status": session.status,
        "venue": session.venue,
        "start_date": session.start_date.isoformat(),
        "end_date": session.end_date.isoformat(),
        "is_public": session.is_public,
        "council": {"id": council.pk, "name": council.name, "level": council.level, "code": council.code},
        "term": {"id": session.term_id, "label": session.term.label, "ordinal": session.term.ordinal},
    }


def sitting_state(*, sitting: Sitting, audience: Audience) -> dict[str, Any] | None:
    """A sitting as the stream shows it; a closed-door sitting shows the public only that it exists."""
    state: dict[str, Any] = {
        "id": sitting.pk,
        "number": sitting.number,
        "title": sitting.title,
        "date": sitting.date.isoformat(),
        "start_time": sitting.start_time.isoformat(timespec="minutes"),
        "end_time": sitting.end_time.isoformat(timespec="minutes") if sitting.end_time else None,
        "venue": sitting.venue,
        "is_closed_door": sitting.is_closed_door,
        "status": sitting.status,
    }
    if audience == "public" and sitting.is_closed_door:
        return state
    state["closed_door_decision"] = sitting.closed_door_decision
    state["attendance"] = sitting_attendance_summary(sitting=sitting)
    return state


@snapshot_part("session")
def _session_part(*, session: Session, audience: Audience) -> dict[str, Any]:
    return session_state(session=session)


@snapshot_part("sittings")
def _sittings_part(*, session: Session, audience: Audience) -> dict[str, Any]:
    sittings = Sitting.objects.filter(session=session).select_related("session").order_by("number")
    return {str(s.pk): sitting_state(sitting=s, audience=audience) for s in sittings}


def councils_private_readable(*, user: Any) -> set[int] | None:
    """Ids of the councils whose non-public data the user may read; None means every council (admin)."""
    if is_administrator(user):
        return None
    if not is_authenticated(user):
        return set()
    ids = set(CouncilRole.objects.filter(user=user).values_list("council_id", flat=True))
    if user.person_id is not None:
        today = timezone.localdate()
        ids |= set(
            seats_held(Membership.objects.filter(person_id=user.person_id), first=today, last=today).values_list(
                "council_id", flat=True
            )
        )
    return ids


def sessions_visible(*, user: Any) -> QuerySet[Session]:
    """Public sessions, plus the non-public sessions of the councils the user belongs to."""
    sessions = Session.objects.select_related("council", "term")
    readable = councils_private_readable(user=user)
    if readable is None:
        return sessions
    return sessions.filter(Q(is_public=True) | Q(council_id__in=readable))


def sitting_audience(*, user: Any, sitting: Sitting) -> Audience:
    """ "council" for those who may read the council's private data, else "public"."""
    return "council" if can_read_council_private(user, sitting.session.council_id) else "public"


def sitting_attendance_list(*, sitting: Sitting) -> list[Attendance]:
    """The sitting's check-ins, in the council's order of names (Vietnamese collation of the given name)."""
    records = Attendance.objects.filter(sitting=sitting).select_related("person").order_by("person_id")
    return sorted_by_name(records, lambda a: a.person.full_name)


def sitting_attendance_of(*, sitting: Sitting, person_id: int) -> Attendance | None:
    return Attendance.objects.filter(sitting=sitting, person_id=person_id).first()


@personal_part("attendance")
def attendance_personal(*, session: Session, user: Any) -> dict[str, Any]:
    """My attendance per sitting of the session: ``{sitting id: {status, present}}`` (present = checked in and
    not checked out). Sittings without a record of mine are absent from it."""
    person_id = getattr(user, "person_id", None)
    if person_id is None:
        return {}
    rows = Attendance.objects.filter(sitting__session=session, person_id=person_id).values_list(
        "sitting_id", "status", "checked_out_at"
    )
    return {
        str(sitting_id): {"status": status, "present": status == AttendanceStatus.PRESENT and out is None}
        for sitting_id, status, out in rows
    }

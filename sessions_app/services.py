"""Writes about sessions, sittings, memberships and attendance. Each service validates, runs in one
transaction, records an audit entry and announces the change on the session stream after commit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from core import errors
from core.audit import audit_record
from core.errors import ServiceError
from realtime.emit import Put, emit
from sessions_app import errors as session_errors
from sessions_app.models import (
    Attendance,
    AttendanceStatus,
    CheckInMethod,
    Committee,
    Council,
    DelegateGroup,
    Membership,
    MembershipRole,
    Person,
    Session,
    SessionStatus,
    SessionStream,
    SessionType,
    Sitting,
    SittingStatus,
    Term,
)
from sessions_app.permissions import delegate_membership, require_authenticated, require_manage
from sessions_app.personal import personal_refresh
from sessions_app.selectors import membership_conflict, memberships_in_force, session_state, sitting_state

SESSION_NEXT = {SessionStatus.PLANNED: {SessionStatus.IN_PROGRESS}, SessionStatus.IN_PROGRESS: {SessionStatus.CLOSED}}
SITTING_NEXT = {SittingStatus.PLANNED: {SittingStatus.OPEN}, SittingStatus.OPEN: {SittingStatus.CLOSED}}


def _emit_session(session: Session, type: str) -> None:
    emit(session_id=session.pk, type=type, puts=[Put(("session",), lambda audience: session_state(session=session))])


def _emit_sitting(sitting: Sitting, type: str, data: dict[str, Any] | None = None) -> None:
    emit(
        session_id=sitting.session_id,
        type=type,
        data=data,
        puts=[Put(("sittings", sitting.pk), lambda audience: sitting_state(sitting=sitting, audience=audience))],
    )


def session_create(
    *,
    actor: Any,
    council: Council,
    term: Term,
    number: int,
    title: str,
    start_date: dt.date,
    end_date: dt.date,
    type: str = SessionType.REGULAR,
    venue: str = "",
    is_public: bool = True,
) -> Session:
    require_manage(actor, council)
    if term.council_id != council.pk:
        raise ServiceError(session_errors.SESSION_TERM_MISMATCH)
    if end_date < start_date:
        raise ServiceError(session_errors.SESSION_DATES_INVALID)
    with transaction.atomic():
        if Session.objects.filter(term=term, number=number).exists():
            raise ServiceError(session_errors.SESSION_NUMBER_TAKEN)
        session = Session.objects.create(
            council=council,
            term=term,
            number=number,
            title=title,
            start_date=start_date,
            end_date=end_date,
            type=type,
            venue=venue,
            is_public=is_public,
        )
        SessionStream.objects.create(session=session)
        audit_record(
            actor=actor,
            action="session.create",
            object_type="session",
            object_id=session.pk,
            council_id=council.pk,
            data={"number": number, "title": title, "type": type},
        )
    return session


def session_status_set(*, actor: Any, session: Session, status: str) -> Session:
    """planned → in_progress → closed; nothing else (a closed session is never reopened: corrections go through
    ``session_update`` with a reason). Closing is refused while a sitting is open."""
    require_manage(actor, session.council_id)
    with transaction.atomic():
        session = Session.objects.select_for_update().select_related("council", "term").get(pk=session.pk)
        if status not in SESSION_NEXT.get(session.status, set()):
            raise ServiceError(session_errors.SESSION_STATUS_INVALID, current=session.status, target=status)
        if status == SessionStatus.CLOSED:
            sittings = Sitting.objects.select_for_update().filter(session=session)
            still_open = sittings.filter(status=SittingStatus.OPEN).order_by("number").first()
            if still_open is not None:
                raise ServiceError(session_errors.SESSION_SITTING_OPEN, number=still_open.number)
        previous, session.status = session.status, status
        session.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="session.status",
            object_type="session",
            object_id=session.pk,
            council_id=session.council_id,
            data={"from": previous, "to": status},
        )
        _emit_session(session, "session.status_changed")
    return session


def sitting_check(
    *,
    session: Session,
    date: dt.date,
    start_time: dt.time,
    end_time: dt.time | None,
    is_closed_door: bool,
    closed_door_decision: str,
) -> None:
    """A sitting's own rules: within its session's dates, ending after it starts, closed-door only by a decision."""
    if not session.start_date <= date <= session.end_date:
        raise ServiceError(
            session_errors.SITTING_OUTSIDE_SESSION,
            start=session.start_date.strftime("%d/%m/%Y"),
            end=session.end_date.strftime("%d/%m/%Y"),
        )
    if end_time is not None and end_time <= start_time:
        raise ServiceError(session_errors.SITTING_TIMES_INVALID)
    if is_closed_door and not closed_door_decision.strip():
        raise ServiceError(session_errors.SITTING_CLOSED_DOOR_DECISION)


def sitting_create(
    *,
    actor: Any,
    session: Session,
    number: int,
    date: dt.date,
    start_time: dt.time,
    end_time: dt.time | None = None,
    title: str = "",
    venue: str = "",
    is_closed_door: bool = False,
    closed_door_decision: str = "",
) -> Sitting:
    require_manage(actor, session.council_id)
    if session.status == SessionStatus.CLOSED:
        raise ServiceError(session_errors.SESSION_CLOSED)
    sitting_check(
        session=session,
        date=date,
        start_time=start_time,
        end_time=end_time,
        is_closed_door=is_closed_door,
        closed_door_decision=closed_door_decision,
    )
    with transaction.atomic():
        if Sitting.objects.filter(session=session, number=number).exists():
            raise ServiceError(session_errors.SITTING_NUMBER_TAKEN)
        sitting = Sitting.objects.create(
            session=session,
            number=number,
            date=date,
            start_time=start_time,
            end_time=end_time,
            title=title,
            venue=venue,
            is_closed_door=is_closed_door,
            closed_door_decision=closed_door_decision.strip(),
        )
        audit_record(
            actor=actor,
            action="sitting.create",
            object_type="sitting",
            object_id=sitting.pk,
            council_id=session.council_id,
            data={"session": session.pk, "number": number, "date": date.isoformat()},
        )
        _emit_sitting(sitting, "sitting.created")
    return sitting


def sitting_status_set(*, actor: Any, sitting: Sitting, status: str, recorded: bool = False) -> Sitting:
    """planned → open → closed. Opening a sitting puts its session in progress; a sitting opens only on its own
    date (the secretariat moves the date first when the schedule changes), so live records keep their legal date.
    ``recorded``: a past sitting entered after the fact (backfill, demo data) — not offered by REST or the
    console, and said in the audit entry."""
    require_manage(actor, sitting.session.council_id)
    with transaction.atomic():
        sitting = Sitting.objects.select_for_update().select_related("session").get(pk=sitting.pk)
        if status not in SITTING_NEXT.get(sitting.status, set()):
            raise ServiceError(session_errors.SITTING_STATUS_INVALID, current=sitting.status, target=status)
        if sitting.session.status == SessionStatus.CLOSED:
            raise ServiceError(session_errors.SESSION_CLOSED)
        if status == SittingStatus.OPEN and sitting.date != timezone.localdate() and not recorded:
            raise ServiceError(session_errors.SITTING_NOT_TODAY, date=sitting.date.strftime("%d/%m/%Y"))
        previous, sitting.status = sitting.status, status
        sitting.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="sitting.status",
            object_type="sitting",
            object_id=sitting.pk,
            council_id=sitting.session.council_id,
            data={"from": previous, "to": status, **({"recorded": True} if recorded else {})},
        )
        _emit_sitting(sitting, f"sitting.{status}")
        if status == SittingStatus.OPEN and sitting.session.status == SessionStatus.PLANNED:
            session_status_set(actor=actor, session=sitting.session, status=SessionStatus.IN_PROGRESS)
    return sitting


def sitting_reopen(*, actor: Any, sitting: Sitting, reason: str) -> Sitting:
    """A closed sitting back to open (a mis-click must not end a sitting), with the reason in the audit trail.
    Refused for a closed session and without a reason."""
    require_manage(actor, sitting.session.council_id)
    reason = (reason or "").strip()
    if not reason or len(reason) > 500:
        raise ServiceError(session_errors.SITTING_REOPEN_REASON)
    with transaction.atomic():
        sitting = Sitting.objects.select_for_update().select_related("session").get(pk=sitting.pk)
        if sitting.session.status == SessionStatus.CLOSED:
            raise ServiceError(session_errors.SESSION_CLOSED)
        if sitting.status != SittingStatus.CLOSED:
            raise ServiceError(session_errors.SITTING_STATUS_INVALID, current=sitting.status, target=SittingStatus.OPEN)
        sitting.status = SittingStatus.OPEN
        sitting.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="sitting.reopen",
            object_type="sitting",
            object_id=sitting.pk,
            council_id=sitting.session.council_id,
            data={"reason": reason},
        )
        _emit_sitting(sitting, "sitting.open", data={"reopened": True})
    return sitting


def membership_add(
    *,
    actor: Any,
    person: Person,
    council: Council,
    term: Term,
    seat: int,
    start_date: dt.date,
    end_date: dt.date | None = None,
    role: str = MembershipRole.DELEGATE,
    committee: Committee | None = None,
    group: DelegateGroup | None = None,
    full_time: bool = False,
) -> Membership:
    """Give a person a seat. Refuses a second overlapping seat for the person and a seat held twice."""
    require_manage(actor, council)
    if term.council_id != council.pk:
        raise ServiceError(session_errors.SESSION_TERM_MISMATCH)
    last_day = end_date or term.end_date
    if last_day < start_date or start_date < term.start_date or last_day > term.end_date:
        raise ServiceError(session_errors.MEMBERSHIP_DATES_INVALID)
    if (committee and committee.term_id != term.pk) or (group and group.term_id != term.pk):
        raise ServiceError(session_errors.MEMBERSHIP_ORGAN_MISMATCH)
    with transaction.atomic():
        Term.objects.select_for_update().get(pk=term.pk)
        conflict = membership_conflict(
            council_id=council.pk, term=term, person_id=person.pk, seat=seat, start_date=start_date, end_date=end_date
        )
        if conflict is not None:
            raise conflict
        membership = Membership.objects.create(
            person=person,
            council=council,
            term=term,
            seat=seat,
            start_date=start_date,
            end_date=end_date,
            role=role,
            committee=committee,
            group=group,
            full_time=full_time,
        )
        audit_record(
            actor=actor,
            action="membership.add",
            object_type="membership",
            object_id=membership.pk,
            council_id=council.pk,
            data={
                "person": person.pk,
                "seat": seat,
                "role": role,
                "start": start_date.isoformat(),
                "end": end_date.isoformat() if end_date else None,
            },
        )
    return membership


def membership_end(*, actor: Any, membership: Membership, end_date: dt.date) -> Membership:
    """Record a vacancy: the mandate's last day. The total number of delegates drops from the next day."""
    require_manage(actor, membership.council_id)
    if end_date < membership.start_date:
        raise ServiceError(session_errors.MEMBERSHIP_DATES_INVALID)
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        membership.end_date = end_date
        membership.save(update_fields=["end_date"])
        audit_record(
            actor=actor,
            action="membership.end",
            object_type="membership",
            object_id=membership.pk,
            council_id=membership.council_id,
            data={"end": end_date.isoformat()},
        )
    return membership


def attendance_check_in(*, actor: Any, sitting: Sitting, person: Person, method: str) -> Attendance:
    """A delegate checks in from the tablet or by QR (for themselves), or the secretariat records it
    manually. Refuses non-members, a second check-in and a sitting that has ended."""
    require_authenticated(actor)
    session = sitting.session
    if method == CheckInMethod.MANUAL:
        require_manage(actor, session.council_id)
    elif actor.person_id != person.pk:
        raise ServiceError(errors.PERMISSION_DENIED)
    with transaction.atomic():
        sitting = Sitting.objects.select_for_update().select_related("session").get(pk=sitting.pk)
        if sitting.status == SittingStatus.CLOSED:
            raise ServiceError(session_errors.CHECKIN_NOT_OPEN)
        if delegate_membership(person_id=person.pk, council=session.council_id, on=sitting.date) is None:
            raise ServiceError(session_errors.CHECKIN_NOT_MEMBER)
        now = timezone.now()
        attendance = Attendance.objects.filter(sitting=sitting, person=person).first()
        if (
            attendance is not None
            and attendance.status == AttendanceStatus.PRESENT
            and attendance.checked_out_at is None
        ):
            raise ServiceError(session_errors.CHECKIN_ALREADY)
        try:
            with transaction.atomic():
                attendance, _ = Attendance.objects.update_or_create(
                    sitting=sitting,
                    person=person,
                    defaults={
                        "status": AttendanceStatus.PRESENT,
                        "method": method,
                        "checked_in_at": now,
                        "checked_out_at": None,
                    },
                )
        except IntegrityError as exc:
            raise ServiceError(session_errors.CHECKIN_ALREADY) from exc
        audit_record(
            actor=actor,
            action="attendance.check_in",
            object_type="sitting",
            object_id=sitting.pk,
            council_id=session.council_id,
            data={"person": person.pk, "method": method},
        )
        Sitting.objects.filter(pk=sitting.pk).update(updated_at=timezone.now())  # its attendance counts changed
        _emit_sitting(sitting, "attendance.changed")
        personal_refresh(
            session_id=sitting.session_id,
            person_ids=[person.pk],
            parts=["attendance"],
            type="attendance.changed",
            data={"sitting": sitting.pk},
        )
    return attendance


def attendance_mark(*, actor: Any, sitting: Sitting, person: Person, status: str, note: str = "") -> Attendance:
    """The secretariat records a delegate as excused or absent (or corrects a record)."""
    require_manage(actor, sitting.session.council_id)
    if status not in AttendanceStatus.values:
        raise ServiceError(errors.REQUEST_INVALID, details={"status": status})
    if status == AttendanceStatus.PRESENT:
        return attendance_check_in(actor=actor, sitting=sitting, person=person, method=CheckInMethod.MANUAL)
    with transaction.atomic():
        sitting = Sitting.objects.select_for_update().select_related("session").get(pk=sitting.pk)
        if delegate_membership(person_id=person.pk, council=sitting.session.council_id, on=sitting.date) is None:
            raise ServiceError(session_errors.CHECKIN_NOT_MEMBER)
        attendance, _ = Attendance.objects.update_or_create(
            sitting=sitting,
            person=person,
            defaults={
                "status": status,
                "method": CheckInMethod.MANUAL,
                "checked_in_at": None,
                "checked_out_at": None,
                "note": note,
            },
        )
        audit_record(
            actor=actor,
            action="attendance.mark",
            object_type="sitting",
            object_id=sitting.pk,
            council_id=sitting.session.council_id,
            data={"person": person.pk, "status": status},
        )
        Sitting.objects.filter(pk=sitting.pk).update(updated_at=timezone.now())  # its attendance counts changed
        _emit_sitting(sitting, "attendance.changed")
        personal_refresh(
            session_id=sitting.session_id,
            person_ids=[person.pk],
            parts=["attendance"],
            type="attendance.changed",
            data={"sitting": sitting.pk},
        )
    return attendance


ATTENDANCE_BATCH_MAX = 500  # more than any council's delegates (a province has at most 95)


def attendance_mark_many(
    *, actor: Any, sitting: Sitting, person_ids: list[int], status: str, note: str = ""
) -> list[int]:
    """The secretariat records several delegates at once (the checklist's bulk actions): present (manual
    check-in), excused (vắng có lý do, with ``note``) or absent. One transaction, one audit entry, one
    ``attendance.changed`` event and one personal frame per delegate, after the commit. All or nothing: a
    person who holds no seat that day refuses the whole list. Delegates already present stay as they were
    when marked present again. Returns the ids whose record changed."""
    require_manage(actor, sitting.session.council_id)
    if status not in AttendanceStatus.values:
        raise ServiceError(errors.REQUEST_INVALID, details={"status": status})
    if (
        not isinstance(person_ids, list)
        or not 0 < len(person_ids) <= ATTENDANCE_BATCH_MAX
        or any(not isinstance(p, int) or isinstance(p, bool) or p < 1 for p in person_ids)
        or len(set(person_ids)) != len(person_ids)
    ):
        raise ServiceError(session_errors.ATTENDANCE_BATCH_INVALID, limit=ATTENDANCE_BATCH_MAX)
    note = (note or "").strip()[:200]
    with transaction.atomic():
        sitting = Sitting.objects.select_for_update().select_related("session").get(pk=sitting.pk)
        council_id = sitting.session.council_id
        if status == AttendanceStatus.PRESENT and sitting.status == SittingStatus.CLOSED:
            raise ServiceError(session_errors.CHECKIN_NOT_OPEN)
        seated = set(
            memberships_in_force(council_id=council_id, on=sitting.date)
            .filter(person_id__in=person_ids)
            .values_list("person_id", flat=True)
        )
        strangers = [p for p in person_ids if p not in seated]
        if strangers:
            raise ServiceError(
                session_errors.ATTENDANCE_BATCH_NOT_MEMBERS, n=len(strangers), details={"persons": strangers}
            )
        existing = {a.person_id: a for a in Attendance.objects.filter(sitting=sitting, person_id__in=person_ids)}
        now = timezone.now()
        changed: list[int] = []
        for person_id in person_ids:
            record = existing.get(person_id)
            if status == AttendanceStatus.PRESENT:
                if record is not None and record.status == AttendanceStatus.PRESENT and record.checked_out_at is None:
                    continue
                values = {
                    "status": status,
                    "method": CheckInMethod.MANUAL,
                    "checked_in_at": now,
                    "checked_out_at": None,
                }
            else:
                values = {
                    "status": status,
                    "method": CheckInMethod.MANUAL,
                    "checked_in_at": None,
                    "checked_out_at": None,
                    "note": note,
                }
            Attendance.objects.update_or_create(sitting=sitting, person_id=person_id, defaults=values)
            changed.append(person_id)
        if changed:
            audit_record(
                actor=actor,
                action="attendance.mark_many",
                object_type="sitting",
                object_id=sitting.pk,
                council_id=council_id,
                data={"persons": changed, "status": status, **({"note": note} if note else {})},
            )
            Sitting.objects.filter(pk=sitting.pk).update(updated_at=timezone.now())  # its attendance counts changed
            _emit_sitting(sitting, "attendance.changed")
            personal_refresh(
                session_id=sitting.session_id,
                person_ids=changed,
                parts=["attendance"],
                type="attendance.changed",
                data={"sitting": sitting.pk},
            )
    return changed


def attendance_recorded_set(*, actor: Any, sitting: Sitting, absent_seats: set[int]) -> dict[str, int]:
    """A past sitting entered after the fact (backfill, demo): everyone holding a seat on its date is recorded
    present at its start time, except the seats listed absent. Only for an open sitting with no attendance yet;
    one audit entry and one stream event for the whole list."""
    require_manage(actor, sitting.session.council_id)
    with transaction.atomic():
        sitting = Sitting.objects.select_for_update().select_related("session").get(pk=sitting.pk)
        if sitting.status != SittingStatus.OPEN:
            raise ServiceError(session_errors.CHECKIN_NOT_OPEN)
        if Attendance.objects.filter(sitting=sitting).exists():
            raise ServiceError(session_errors.CHECKIN_ALREADY)
        seats = dict(
            memberships_in_force(council_id=sitting.session.council_id, on=sitting.date).values_list(
                "seat", "person_id"
            )
        )
        unknown = sorted(absent_seats - set(seats))
        if unknown:
            raise ServiceError(session_errors.ATTENDANCE_SEAT_UNKNOWN, seats=", ".join(map(str, unknown)))
        at = timezone.make_aware(dt.datetime.combine(sitting.date, sitting.start_time))
        Attendance.objects.bulk_create(
            Attendance(
                sitting=sitting,
                person_id=person_id,
                status=AttendanceStatus.ABSENT if seat in absent_seats else AttendanceStatus.PRESENT,
                method=CheckInMethod.MANUAL,
                checked_in_at=None if seat in absent_seats else at,
            )
            for seat, person_id in sorted(seats.items())
        )
        counts = {"present": len(seats) - len(absent_seats), "absent": len(absent_seats)}
        audit_record(
            actor=actor,
            action="attendance.recorded",
            object_type="sitting",
            object_id=sitting.pk,
            council_id=sitting.session.council_id,
            data={**counts, "absent_seats": sorted(absent_seats)},
        )
        Sitting.objects.filter(pk=sitting.pk).update(updated_at=timezone.now())
        _emit_sitting(sitting, "attendance.changed")
    return counts

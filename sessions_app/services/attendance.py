"""Attendance at a sitting: a delegate checks in (tablet, QR) or the secretariat records them — one at a time,
several at once, or a past sitting's whole list after the fact. Every change: one audit entry on the sitting,
the sitting's counts on the stream, and the delegates' own attendance refreshed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from core import errors
from core.audit import audit_object
from core.errors import ServiceError
from sessions_app import errors as session_errors
from sessions_app.models import Attendance, AttendanceStatus, CheckInMethod, Person, Sitting, SittingStatus
from sessions_app.permissions import delegate_membership, require_authenticated, require_manage
from sessions_app.personal import personal_put, personal_refresh
from sessions_app.selectors import memberships_in_force
from sessions_app.services.sittings import sitting_emit, sitting_lock

ATTENDANCE_BATCH_MAX = 500  # more than any council's delegates (a province has at most 95)


def _present(record: Attendance | None) -> bool:
    """Checked in and not checked out."""
    return record is not None and record.status == AttendanceStatus.PRESENT and record.checked_out_at is None


def _marked(status: str, *, at: dt.datetime | None, note: str = "") -> dict[str, Any]:
    """A record written by the secretariat: present from ``at``, or excused/absent with ``note``."""
    if status == AttendanceStatus.PRESENT:
        return {"status": status, "method": CheckInMethod.MANUAL, "checked_in_at": at, "checked_out_at": None}
    return {
        "status": status,
        "method": CheckInMethod.MANUAL,
        "checked_in_at": None,
        "checked_out_at": None,
        "note": note,
    }


def _require_seated(sitting: Sitting, person: Person) -> None:
    if delegate_membership(person_id=person.pk, council=sitting.session.council_id, on=sitting.date) is None:
        raise ServiceError(session_errors.CHECKIN_NOT_MEMBER)


def _attendance_changed(actor: Any, sitting: Sitting, action: str, data: dict[str, Any], person_ids: list[int]) -> None:
    """After the records changed, in their transaction: the audit entry, the sitting's time (its counts changed),
    the sitting on the stream and the ``person_ids``' own attendance part."""
    audit_object(
        actor=actor,
        action=action,
        obj=sitting,
        council_id=sitting.session.council_id,
        data=data,
    )
    Sitting.objects.filter(pk=sitting.pk).update(updated_at=timezone.now())
    sitting_emit(sitting, "attendance.changed")
    if person_ids:
        personal_refresh(
            session_id=sitting.session_id,
            person_ids=person_ids,
            parts=["attendance"],
            type="attendance.changed",
            data={"sitting": sitting.pk},
        )


def attendance_check_in(*, actor: Any, sitting: Sitting, person: Person, method: str) -> Attendance:
    """A delegate checks in from the tablet or by QR (for themselves), or the secretariat records it
    manually. Refuses non-members, a second check-in and a sitting that has ended."""
    require_authenticated(actor)
    if method == CheckInMethod.MANUAL:
        require_manage(actor, sitting.session.council_id)
    elif actor.person_id != person.pk:
        raise ServiceError(errors.PERMISSION_DENIED)
    with transaction.atomic():
        sitting = sitting_lock(sitting)
        if sitting.status == SittingStatus.CLOSED:
            raise ServiceError(session_errors.CHECKIN_NOT_OPEN)
        _require_seated(sitting, person)
        if _present(Attendance.objects.filter(sitting=sitting, person=person).first()):
            raise ServiceError(session_errors.CHECKIN_ALREADY)
        try:
            with transaction.atomic():
                attendance, _ = Attendance.objects.update_or_create(
                    sitting=sitting,
                    person=person,
                    defaults={
                        "status": AttendanceStatus.PRESENT,
                        "method": method,
                        "checked_in_at": timezone.now(),
                        "checked_out_at": None,
                    },
                )
        except IntegrityError as exc:
            raise ServiceError(session_errors.CHECKIN_ALREADY) from exc
        _attendance_changed(actor, sitting, "attendance.check_in", {"person": person.pk, "method": method}, [person.pk])
    return attendance


def attendance_mark(*, actor: Any, sitting: Sitting, person: Person, status: str, note: str = "") -> Attendance:
    """The secretariat records a delegate as excused or absent (or corrects a record)."""
    require_manage(actor, sitting.session.council_id)
    if status not in AttendanceStatus.values:
        raise ServiceError(errors.REQUEST_INVALID, details={"status": status})
    if status == AttendanceStatus.PRESENT:
        return attendance_check_in(actor=actor, sitting=sitting, person=person, method=CheckInMethod.MANUAL)
    with transaction.atomic():
        sitting = sitting_lock(sitting)
        _require_seated(sitting, person)
        attendance, _ = Attendance.objects.update_or_create(
            sitting=sitting, person=person, defaults=_marked(status, at=None, note=note)
        )
        _attendance_changed(actor, sitting, "attendance.mark", {"person": person.pk, "status": status}, [person.pk])
    return attendance


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
        sitting = sitting_lock(sitting)
        if status == AttendanceStatus.PRESENT and sitting.status == SittingStatus.CLOSED:
            raise ServiceError(session_errors.CHECKIN_NOT_OPEN)
        seated = set(
            memberships_in_force(council_id=sitting.session.council_id, on=sitting.date)
            .filter(person_id__in=person_ids)
            .values_list("person_id", flat=True)
        )
        strangers = [p for p in person_ids if p not in seated]
        if strangers:
            raise ServiceError(
                session_errors.ATTENDANCE_BATCH_NOT_MEMBERS, n=len(strangers), details={"persons": strangers}
            )
        existing = {a.person_id: a for a in Attendance.objects.filter(sitting=sitting, person_id__in=person_ids)}
        values = _marked(status, at=timezone.now(), note=note)
        changed: list[int] = []
        for person_id in person_ids:
            if status == AttendanceStatus.PRESENT and _present(existing.get(person_id)):
                continue
            Attendance.objects.update_or_create(sitting=sitting, person_id=person_id, defaults=values)
            changed.append(person_id)
        if changed:
            _attendance_changed(
                actor,
                sitting,
                "attendance.mark_many",
                {"persons": changed, "status": status, **({"note": note} if note else {})},
                changed,
            )
    return changed


def attendance_recorded_set(*, actor: Any, sitting: Sitting, absent_seats: set[int]) -> dict[str, int]:
    """A past sitting entered after the fact (backfill, demo): everyone holding a seat on its date is recorded
    present at its start time, except the seats listed absent. Only for an open sitting with no attendance yet;
    one audit entry and one stream event for the whole list, and each delegate's own entry of this sitting
    (``me.attendance/<sitting>``) in one personal frame, without a query per delegate."""
    require_manage(actor, sitting.session.council_id)
    with transaction.atomic():
        sitting = sitting_lock(sitting)
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
        status_of = {
            person_id: AttendanceStatus.ABSENT if seat in absent_seats else AttendanceStatus.PRESENT
            for seat, person_id in sorted(seats.items())
        }
        Attendance.objects.bulk_create(
            Attendance(sitting=sitting, person_id=person_id, **_marked(status, at=at))
            for person_id, status in status_of.items()
        )
        counts = {"present": len(seats) - len(absent_seats), "absent": len(absent_seats)}
        _attendance_changed(actor, sitting, "attendance.recorded", {**counts, "absent_seats": sorted(absent_seats)}, [])
        personal_put(
            session_id=sitting.session_id,
            path=["attendance", str(sitting.pk)],
            values={
                pid: {"status": status, "present": status == AttendanceStatus.PRESENT}
                for pid, status in status_of.items()
            },
            type="attendance.changed",
            data={"sitting": sitting.pk},
        )
    return counts

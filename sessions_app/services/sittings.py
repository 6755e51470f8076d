"""A sitting's life: created within its session's dates, then planned → open → closed (reopened with a reason).
Opening the first sitting puts its session in progress."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from core.audit import audit_object
from core.errors import ServiceError
from realtime.emit import Put, emit
from sessions_app import errors as session_errors
from sessions_app.models import Session, SessionStatus, Sitting, SittingStatus
from sessions_app.permissions import require_manage
from sessions_app.selectors import sitting_state
from sessions_app.services.sessions import session_status_set

SITTING_NEXT = {SittingStatus.PLANNED: {SittingStatus.OPEN}, SittingStatus.OPEN: {SittingStatus.CLOSED}}


def sitting_emit(sitting: Sitting, type: str, data: dict[str, Any] | None = None) -> None:
    """Put the sitting's state on its session's stream (after commit), each audience its own view."""
    emit(
        session_id=sitting.session_id,
        type=type,
        data=data,
        puts=[Put(("sittings", sitting.pk), lambda audience: sitting_state(sitting=sitting, audience=audience))],
    )


def sitting_lock(sitting: Sitting, *, session_open: bool = False) -> Sitting:
    """The sitting locked for the transaction (with its session); ``session_open``: refused in a closed session."""
    sitting = Sitting.objects.select_for_update(no_key=True).select_related("session").get(pk=sitting.pk)
    if session_open and sitting.session.status == SessionStatus.CLOSED:
        raise ServiceError(session_errors.SESSION_CLOSED)
    return sitting


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
        audit_object(
            actor=actor,
            action="sitting.create",
            obj=sitting,
            council_id=session.council_id,
            data={"session": session.pk, "number": number, "date": date.isoformat()},
        )
        sitting_emit(sitting, "sitting.created")
    return sitting


def _status_save(
    actor: Any, sitting: Sitting, status: str, action: str, data: dict[str, Any], event: dict[str, Any] | None = None
) -> None:
    """The sitting's new status saved, audited and put on the stream as ``sitting.<status>``."""
    sitting.status = status
    sitting.save(update_fields=["status", "updated_at"])
    audit_object(actor=actor, action=action, obj=sitting, council_id=sitting.session.council_id, data=data)
    sitting_emit(sitting, f"sitting.{status}", data=event)


def sitting_status_set(*, actor: Any, sitting: Sitting, status: str, recorded: bool = False) -> Sitting:
    """planned → open → closed. Opening a sitting puts its session in progress; a sitting opens only on its own
    date (the secretariat moves the date first when the schedule changes), so live records keep their legal date.
    ``recorded``: a past sitting entered after the fact (backfill, demo data) — not offered by REST or the
    console, and said in the audit entry."""
    require_manage(actor, sitting.session.council_id)
    with transaction.atomic():
        sitting = sitting_lock(sitting)
        if status not in SITTING_NEXT.get(sitting.status, set()):
            raise ServiceError(session_errors.SITTING_STATUS_INVALID, current=sitting.status, target=status)
        if sitting.session.status == SessionStatus.CLOSED:
            raise ServiceError(session_errors.SESSION_CLOSED)
        if status == SittingStatus.OPEN and sitting.date != timezone.localdate() and not recorded:
            raise ServiceError(session_errors.SITTING_NOT_TODAY, date=sitting.date.strftime("%d/%m/%Y"))
        data = {"from": sitting.status, "to": status, **({"recorded": True} if recorded else {})}
        _status_save(actor, sitting, status, "sitting.status", data)
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
        sitting = sitting_lock(sitting, session_open=True)
        if sitting.status != SittingStatus.CLOSED:
            raise ServiceError(session_errors.SITTING_STATUS_INVALID, current=sitting.status, target=SittingStatus.OPEN)
        _status_save(actor, sitting, SittingStatus.OPEN, "sitting.reopen", {"reason": reason}, {"reopened": True})
    return sitting

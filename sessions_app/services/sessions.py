"""A session's life: created by the secretariat, then planned → in progress → closed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from core.audit import audit_object
from core.errors import ServiceError
from realtime.emit import Put, emit
from sessions_app import errors as session_errors
from sessions_app.models import (
    Council,
    Session,
    SessionStatus,
    SessionStream,
    SessionType,
    Sitting,
    SittingStatus,
    Term,
)
from sessions_app.permissions import require_manage
from sessions_app.selectors import session_state

SESSION_NEXT = {SessionStatus.PLANNED: {SessionStatus.IN_PROGRESS}, SessionStatus.IN_PROGRESS: {SessionStatus.CLOSED}}


def session_emit(session: Session, type: str) -> None:
    """Put the session's state on its stream (after commit)."""
    emit(session_id=session.pk, type=type, puts=[Put(("session",), lambda audience: session_state(session=session))])


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
        audit_object(
            actor=actor,
            action="session.create",
            obj=session,
            data={"number": number, "title": title, "type": type},
        )
    return session


def session_status_set(*, actor: Any, session: Session, status: str) -> Session:
    """planned → in_progress → closed; nothing else (a closed session is never reopened: corrections go through
    ``session_update`` with a reason). Closing is refused while a sitting is open."""
    require_manage(actor, session.council_id)
    with transaction.atomic():
        session = Session.objects.select_for_update(no_key=True).select_related("council", "term").get(pk=session.pk)
        if status not in SESSION_NEXT.get(session.status, set()):
            raise ServiceError(session_errors.SESSION_STATUS_INVALID, current=session.status, target=status)
        if status == SessionStatus.CLOSED:
            sittings = Sitting.objects.select_for_update(no_key=True).filter(session=session)
            still_open = sittings.filter(status=SittingStatus.OPEN).order_by("number").first()
            if still_open is not None:
                raise ServiceError(session_errors.SESSION_SITTING_OPEN, number=still_open.number)
        previous, session.status = session.status, status
        session.save(update_fields=["status", "updated_at"])
        audit_object(
            actor=actor,
            action="session.status",
            obj=session,
            data={"from": previous, "to": status},
        )
        session_emit(session, "session.status_changed")
    return session

"""Helpers shared by the agenda services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from agenda.models import AgendaItem
from agenda.selectors import (
    agenda_item_state,
    agenda_state,
    documents_state,
    questioning_state,
    speakers_item_state,
    speakers_state,
)
from core.errors import ServiceError
from realtime.emit import Put
from sessions_app import errors as session_errors
from sessions_app.models import Person, Session, SessionStatus, Sitting
from sessions_app.permissions import delegate_membership


class Unset:
    """Marks a keyword argument the caller did not pass (so None can mean "clear")."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = Unset()


def session_day(session: Session, sitting: Sitting | None = None) -> dt.date:
    """The day on which membership is judged: the sitting's, else today kept within the session."""
    if sitting is not None:
        return sitting.date
    return min(max(timezone.localdate(), session.start_date), session.end_date)


def is_delegate(person: Person | None, session: Session, sitting: Sitting | None = None) -> bool:
    if person is None:
        return False
    return (
        delegate_membership(person_id=person.pk, council=session.council_id, on=session_day(session, sitting))
        is not None
    )


def lock_session(session: Session) -> Session:
    """Serialize the agenda writes of one session; refuses a closed session."""
    locked = Session.objects.select_for_update(no_key=True).select_related("council").get(pk=session.pk)
    if locked.status == SessionStatus.CLOSED:
        raise ServiceError(session_errors.SESSION_CLOSED)
    return locked


def put_item(item: AgendaItem) -> Put:
    return Put(
        ("agenda", "items", item.pk), lambda audience: agenda_item_state(item=item, audience=audience), hideable=False
    )


def put_current(sitting_id: int, item_id: int | None) -> Put:
    """The sitting's current item; ``del`` when none (the snapshot lists only sittings with one)."""
    return Put(("agenda", "current", sitting_id), lambda audience: item_id, hideable=True)


def put_agenda(session: Session) -> Put:
    return Put(("agenda",), lambda audience: agenda_state(session=session, audience=audience), hideable=False)


def put_speakers(item: AgendaItem) -> Put:
    return Put(("speakers", item.pk), lambda audience: speakers_item_state(item=item, audience=audience))


def puts_all_parts(session: Session) -> list[Put]:
    """Whole parts, when a change of visibility may hide or reveal many entities at once."""
    return [
        put_agenda(session),
        Put(("speakers",), lambda audience: speakers_state(session=session, audience=audience), hideable=False),
        Put(("documents",), lambda audience: documents_state(session=session, audience=audience), hideable=False),
        Put(("questioning",), lambda audience: questioning_state(session=session, audience=audience), hideable=False),
    ]

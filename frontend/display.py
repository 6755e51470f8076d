"""The hall display's mode: its state on the session stream (part ``display``, council only) and the
service that sets it from the console."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from core.audit import audit_object
from core.errors import REQUEST_INVALID, ServiceError
from frontend.models import DisplayMode, HallDisplay
from realtime.emit import Put, emit
from realtime.publish import display_links_revoked
from realtime.registry import Audience, display_access, snapshot_part
from sessions_app.models import Session
from sessions_app.permissions import require_manage
from voting.models import Poll


def display_state(*, session: Session) -> dict[str, Any]:
    row = HallDisplay.objects.filter(session=session).first()
    if row is None:
        return {"mode": DisplayMode.LIVE, "poll": None}
    return {"mode": row.mode, "poll": row.held_poll_id}


@snapshot_part("display")
def _display_part(*, session: Session, audience: Audience) -> dict[str, Any] | None:
    return display_state(session=session) if audience == "council" else None


def display_set(*, actor: Any, session: Session, mode: str, poll_id: Any = None) -> dict[str, Any]:
    """Set what the hall shows. ``hold`` keeps the result of ``poll_id`` (a closed or published poll of the
    session; default: the latest) on screen whatever happens next."""
    require_manage(actor, session.council_id)
    if mode not in DisplayMode.values:
        raise ServiceError(REQUEST_INVALID, details={"mode": mode})
    with transaction.atomic():
        row, _ = HallDisplay.objects.select_for_update(no_key=True).get_or_create(session=session)
        poll = None
        if mode == DisplayMode.HOLD:
            polls = Poll.objects.filter(session=session, status__in=["closed", "published"])
            if poll_id not in (None, ""):
                try:
                    polls = polls.filter(pk=int(poll_id))
                except (TypeError, ValueError):
                    raise ServiceError(REQUEST_INVALID, details={"poll": poll_id}) from None
            poll = polls.order_by("-closed_at", "-pk").first()
            if poll is None:
                raise ServiceError(REQUEST_INVALID, details={"poll": "no closed poll to hold"})
        row.mode, row.held_poll = mode, poll
        row.save()
        audit_object(
            actor=actor, obj=session, action="display.set", data={"mode": mode, "poll": poll.pk if poll else None}
        )
        emit(
            session_id=session.pk,
            type="display.changed",
            puts=[
                Put(("display",), lambda audience: display_state(session=session) if audience == "council" else None)
            ],
        )
    return display_state(session=session)


# Display-only access: a revocable link for the hall PC ---------------------------------------------------------


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def display_access_issue(*, actor: Any, session: Session) -> str:
    """A new display-only key for the session's hall screen (the previous one stops working). It lets a browser
    show the hall display and follow the stream, nothing else. Only its hash is stored."""
    require_manage(actor, session.council_id)
    key = secrets.token_urlsafe(32)
    with transaction.atomic():
        row, _ = HallDisplay.objects.select_for_update(no_key=True).get_or_create(session=session)
        replaced = bool(row.access_key_hash)
        row.access_key_hash, row.access_issued_at = _hash(key), timezone.now()
        row.save()
        audit_object(actor=actor, obj=session, action="display.access_issue")
        if replaced:
            display_links_revoked(session_id=session.pk)  # screens on the old link stop at once
    return key


def display_access_revoke(*, actor: Any, session: Session) -> None:
    require_manage(actor, session.council_id)
    with transaction.atomic():
        HallDisplay.objects.filter(session=session).update(access_key_hash="", access_issued_at=None)
        audit_object(actor=actor, obj=session, action="display.access_revoke")
        display_links_revoked(session_id=session.pk)  # open display sockets close now, not at their next reconnect


def display_session_for_key(*, key: str) -> Session | None:
    """The session a display-only key opens, or None (unknown or revoked)."""
    if not key or len(key) > 200:
        return None
    row = (
        HallDisplay.objects.select_related("session__council", "session__term")
        .filter(access_key_hash=_hash(key))
        .exclude(access_key_hash="")
        .first()
    )
    return row.session if row else None


@display_access
def _display_key_allows(session_id: int, key: str) -> bool:
    session = display_session_for_key(key=key)
    return session is not None and session.pk == session_id


def display_link(*, actor: Any, session: Session, revoke: bool = False) -> dict[str, Any]:
    """Issue a new display-only link (the previous one stops working) or revoke it: ``{"path": ...}`` of the
    hall screen's page, None once revoked."""
    if revoke:
        display_access_revoke(actor=actor, session=session)
        return {"path": None}
    return {"path": f"/screens/display/{display_access_issue(actor=actor, session=session)}/"}

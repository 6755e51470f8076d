"""The session as the scope of a stream: who may follow it and where its events are kept, handed to
``realtime`` (which imports no domain app) in ``SessionsAppConfig.ready``."""

from __future__ import annotations

from typing import Any

from core.errors import NOT_FOUND, ServiceError
from realtime import errors as stream_errors
from realtime.registry import Audience
from realtime.scope import ScopeProvider
from sessions_app.models import Session, SessionStream, StreamEvent
from sessions_app.permissions import require_read_private


def session_scope_get(session_id: int) -> Session:
    return Session.objects.select_related("council", "term").get(pk=session_id)


def session_scope_load(*, session_id: int, user: Any, audience: Audience) -> Session:
    """The session a socket may follow, or the ServiceError that refuses it."""
    session = Session.objects.select_related("council", "term").filter(pk=session_id).first()
    if session is None:
        raise ServiceError(NOT_FOUND)
    if audience == "public":
        if not session.is_public:
            raise ServiceError(stream_errors.NOT_PUBLIC)
    else:
        require_read_private(user, session.council_id)
    return session


def stream_user_describe(user: Any) -> dict[str, Any]:
    return {"id": user.pk, "name": user.get_full_name() or user.get_username(), "person_id": user.person_id}


SESSION_SCOPE = ScopeProvider(
    scope_load=session_scope_load,
    scope_get=session_scope_get,
    user_describe=stream_user_describe,
    stream_model=SessionStream,
    event_model=StreamEvent,
)
